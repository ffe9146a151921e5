// Trains the events stage's role model (events-roles: which actor mention of a trigger's
// sentence is its source, which its target, or none) on the gold corpus's train split
// (corpus/, issue #16) with the project's averaged perceptron, over sitrep's own tokens,
// parse, actors and quotes as at run time. Examples are the dictionary's triggers that
// overlap a gold event; a mention is labelled by the gold party's words (a pronoun by its
// own word, a relative "who" by the noun it stands for), or, for a party the text leaves
// implicit, by its code. Each role is a ranking of the candidates and "none" (a structured
// perceptron update: the gold option up, the wrong best down). Prints, on the dev split,
// how often the rules' and the model's choices give the gold mention, and the gold source
// and target codes (after the story's country is put in front of an unnamed party's role),
// with the margins of ROLE_MARGINS and without them.
// Usage: npm run train:event-roles [-- --iterations 10 --eval-split dev --dry-run --cache FILE --cross-check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { need } from '../src/core/doc.js'
import { runPipeline, selectStages } from '../src/core/pipeline.js'
import { sentenceTokenRanges } from '../src/core/tokens.js'
import type { Actor, Span, Token } from '../src/core/types.js'
import { createLexicon } from '../src/lexicon/lexicon.js'
import { FeatureBuffer, type LinearModel, PerceptronTrainer } from '../src/models/perceptron.js'
import { defaultStages } from '../src/pipeline.js'
import { ruleTriggers } from '../src/stages/events/01-triggers.js'
import { rulePairs, rulesOnly } from '../src/stages/events/02-arguments.js'
import { type EventContext, eventContextOf } from '../src/stages/events/context.js'
import {
  bestOption,
  noneFeatures,
  pickPair,
  ROLE_CLASSES,
  ROLES_MODEL_PATH,
  type RoleCandidate,
  roleCandidates,
  roleFeatures,
  triggerFacts,
} from '../src/stages/events/learned/roles.js'
import type { Pair } from '../src/stages/events/parties.js'
import { storyCountry } from '../src/stages/events/story-country.js'
import { seededRandom, shuffle } from './conll.js'
import type { GoldEvent, GoldParty } from './corpus/annotations.js'
import { readCorpusDocs } from './corpus/documents.js'
import { loadGold } from './corpus/gold.js'

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '10' },
    'eval-split': { type: 'string', default: 'dev' },
    // keeps the extracted examples in a file: a second run with the same features skips the pipeline
    cache: { type: 'string' },
    // figures only: the committed model stays as it is
    'dry-run': { type: 'boolean', default: false },
    // a look at errors without the dev split: trains on half the train split's documents and scores the other half
    'cross-check': { type: 'boolean', default: false },
    // also learns from the dictionary's triggers that name no gold event: neither role filled
    negatives: { type: 'boolean', default: false },
    // learns only from the triggers the rules found a pair for (the model revises only those)
    'paired-only': { type: 'boolean', default: false },
  },
})
const started = Date.now()
// a sentence of this document is shared with a PLOVER dev set: never trained on
const EXCLUDED = new Set(['tbaq-APW19980306.1001'])

/** One trigger with gold events: its candidates' features and labels, and the codes to compare. */
interface TriggerExample {
  /** Per candidate: its features and its class (0 none, 1 source, 2 target). */
  readonly candidates: { features: number[]; label: number; code: string; rule: string; text: string }[]
  readonly where: string
  /** The features of the "none" option. */
  readonly none: number[]
  /** Per role: whether a gold event leaves it empty or names it with no words of the sentence (an implicit party). */
  readonly unnamed: [boolean, boolean]
  /** The gold (source, target) codes of the events at this trigger. */
  readonly gold: [string | null, string | null][]
  /** The rules' pairs as codes. */
  readonly rules: [string | null, string | null][]
  /** A frame the rules keep to themselves (`rulesOnly`): the model's choice is not used. */
  readonly ruled: boolean
}

const stages = selectStages(defaultStages({}), ['tokens', 'sentences', 'parse', 'actors', 'dates', 'places', 'quotes', 'article'])
const ctxBase = { today: '2020-01-01', lexicon: createLexicon() }
const buffer = new FeatureBuffer()

const overlaps = (a: Span, s: number, e: number): boolean => a.start < e && s < a.end

function load(split: string): TriggerExample[] {
  const gold = loadGold(readCorpusDocs().filter((d) => d.split === split && !EXCLUDED.has(d.id)))
  const out: TriggerExample[] = []
  const bySentence = new Map(gold.sentences.map((s) => [`${s.doc}#${s.sent}`, s]))
  for (const d of gold.docs) {
    const src = gold.texts.get(d.id)
    if (!src) continue
    const doc = runPipeline(stages, { id: d.id, text: src.text, ...(src.date ? { published: src.date } : {}), clean: false }, d.id, ctxBase)
    const tokens = need(doc, 'tokens', 'train')
    const sentences = need(doc, 'sentences', 'train')
    const ctx: EventContext = eventContextOf(doc, 'train')
    const located = storyCountry(ctx)
    const annotated = (start: number): number => d.sentences.findIndex(([s, e]) => start >= s && start < e)
    for (const [si, r] of sentenceTokenRanges(tokens, sentences.length).entries()) {
      if (r.end <= r.start) continue
      const sentence = sentences[si] as Span
      const sent = annotated((tokens[r.start] as Token).start)
      if (sent < 0) continue
      const events = bySentence.get(`${d.id}#${sent}`)?.events ?? []
      for (const m of ruleTriggers(ctx, r)) {
        const words = [m.at, m.last, m.objectAt ?? m.last].map((k) => tokens[k] as Token)
        const at: GoldEvent[] = events.filter((g) => words.some((t) => overlaps(t, g.trigger.start, g.trigger.end)))
        const pairs = rulePairs(ctx, m, r)
        const code = (a: Actor | null): string | null => (a ? (located(a, sentence).party?.code ?? null) : null)
        const candidates = roleCandidates(ctx, m, r, pairs)
        const facts = triggerFacts(ctx, m, r, pairs)
        // a mention fills a gold party when its words (a pronoun: its own word) overlap the party's; an implicit party by its code
        const fills = (c: RoleCandidate, p: GoldParty | null): boolean => {
          if (!p) return false
          if (p.start === null || p.end === null) return code(c.actor) === p.code
          const pronoun = c.refs.some((k) => overlaps(tokens[k] as Token, p.start as number, p.end as number))
          return pronoun || (!c.pronoun && overlaps(c.actor, p.start, p.end))
        }
        const noneOf = (): number[] => {
          noneFeatures(buffer, facts, candidates, pairs)
          return Array.from(buffer.values.slice(0, buffer.length))
        }
        out.push({
          candidates: candidates.map((c) => {
            roleFeatures(buffer, ctx, m, r, facts, c, candidates)
            const label = at.some((g) => fills(c, g.source)) ? 1 : at.some((g) => fills(c, g.target)) ? 2 : 0
            return {
              features: Array.from(buffer.values.slice(0, buffer.length)),
              label,
              code: code(c.actor) ?? '',
              rule: c.rule,
              text: c.pronoun ? `${ctx.lower[c.at]}=${c.actor.text}` : c.actor.text,
            }
          }),
          none: noneOf(),
          unnamed: [!at.length || at.some((g) => g.source?.start == null), !at.length || at.some((g) => g.target?.start == null)],
          gold: at.map((g) => [g.source?.code ?? null, g.target?.code ?? null]),
          where: `${d.id}#${sent} ${ctx.lower[m.at]} ${m.trigger.code} ${at.map((g) => `[${g.source?.code}:${src.text.slice(g.source?.start ?? 0, g.source?.end ?? 0)} > ${g.target?.code}:${src.text.slice(g.target?.start ?? 0, g.target?.end ?? 0)}]`).join(' ')}`,
          rules: pairs.map(([s, t]: Pair) => [code(s), code(t)]),
          ruled: rulesOnly(m),
        })
      }
    }
  }
  return out
}

function cached(): { train: TriggerExample[]; held: TriggerExample[] } {
  const file = values.cache
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { train: TriggerExample[]; held: TriggerExample[] }
  const out = { train: load('train'), held: load(values['eval-split'] as string) }
  if (file) writeFileSync(file, JSON.stringify(out))
  return out
}
const loaded = cached()
const docOf = (x: TriggerExample): string => x.where.split('#')[0] as string
const docs = [...new Set(loaded.train.map(docOf))]
const inFold = (x: TriggerExample): boolean => docs.indexOf(docOf(x)) % 2 === 1
const train = (values['cross-check'] ? loaded.train.filter((x) => !inFold(x)) : loaded.train).filter(
  (x) => (values.negatives || x.gold.length) && (!values['paired-only'] || x.rules.length),
)
const heldAll = values['cross-check'] ? loaded.train.filter(inFold) : loaded.held
// the figures below are on triggers with gold events; those without, on how often a pair is given
const held = heldAll.filter((x) => x.gold.length)
const count = (xs: TriggerExample[], label: number): number => xs.reduce((n, x) => n + x.candidates.filter((c) => c.label === label).length, 0)
console.log(
  `loaded ${train.length} triggers (${train.reduce((n, x) => n + x.candidates.length, 0)} candidates, ${count(train, 1)} sources, ${count(train, 2)} targets) from train, ${held.length} from ${values['eval-split']} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)

const asBuffer = (f: number[]): FeatureBuffer => {
  const b = new FeatureBuffer()
  b.values = Uint32Array.from(f)
  b.length = f.length
  return b
}
const trainer = new PerceptronTrainer(ROLE_CLASSES)
const random = seededRandom(17)
const scores = new Float64Array(ROLE_CLASSES.length)
/** A trigger's options as feature buffers: its candidates, then "none". */
const options = (x: TriggerExample): FeatureBuffer[] => [...x.candidates.map((c) => asBuffer(c.features)), asBuffer(x.none)]
/** The gold options of a role (class 0 source, 1 target): its labelled mentions, else "none" where the gold names no mention; empty where the mention it names is no candidate. */
const goldOptions = (x: TriggerExample, role: number): number[] => {
  const named = x.candidates.flatMap((c, k) => (c.label === role + 1 ? [k] : []))
  return named.length ? named : x.unnamed[role] ? [x.candidates.length] : []
}
const prepared = train.map((x) => ({ x, f: options(x) }))
for (let it = 0; it < Number(values.iterations); it++) {
  for (const { x, f } of shuffle([...prepared], random)) {
    for (const role of [0, 1]) {
      const golds = goldOptions(x, role)
      if (!golds.length) continue
      const scored = f.map((b) => trainer.model.score(b, scores)[role] as number)
      const guess = bestOption(scored)
      if (!golds.includes(guess)) {
        const best = golds.reduce((a, b) => ((scored[b] as number) > (scored[a] as number) ? b : a))
        trainer.adjust(f[best] as FeatureBuffer, role, 1)
        trainer.adjust(f[guess] as FeatureBuffer, role, -1)
      }
      trainer.tick()
    }
  }
}
const model = trainer.average()
if (!values['dry-run']) writeFileSync(ROLES_MODEL_PATH, gzipSync(model.serialize(), { level: 9 }))
console.log(`features: ${model.size}`)

/** The model's pair as codes, as `choosePair` picks it. */
function modelPair(m: LinearModel, x: TriggerExample): [string | null, string | null] {
  if (x.ruled) return x.rules[0] ?? [null, null]
  return pairUnder(m, x)
}

/** The pair as codes that `pickPair` picks from the model's scores, under the given margins (the committed ones by default). */
function pairUnder(m: LinearModel, x: TriggerExample, margins?: Parameters<typeof pickPair>[4]): [string | null, string | null] {
  const scored = options(x).map((b) => m.score(b, new Float64Array(ROLE_CLASSES.length)))
  const codes = x.candidates.map((c) => c.code)
  const [s, g] = pickPair(
    codes,
    x.candidates.map((c) => c.rule as RoleCandidate['rule']),
    scored.map((v) => v[0] as number),
    scored.map((v) => v[1] as number),
    margins,
  )
  return [codes[s] ?? null, codes[g] ?? null]
}

const split = values['eval-split']
const same = (a: [string | null, string | null], b: [string | null, string | null]): boolean => a[0] === b[0] && a[1] === b[1]
const country = (c: string | null): string | null => (c ? c.slice(0, 3) : null)
const sameCountry = (a: [string | null, string | null], b: [string | null, string | null]): boolean =>
  country(a[0]) === country(b[0]) && country(a[1]) === country(b[1])
let rulesFirst = 0
let rulesAny = 0
let modelRight = 0
let rulesCountry = 0
let modelCountry = 0
let sourceRule = 0
let sourceModel = 0
let targetRule = 0
let targetModel = 0
for (const x of held) {
  const mp = modelPair(model, x)
  const first = x.rules[0] ?? [null, null]
  if (x.gold.some((g) => same(g, first))) rulesFirst++
  if (x.rules.some((p) => x.gold.some((g) => same(g, p)))) rulesAny++
  if (x.gold.some((g) => same(g, mp))) modelRight++
  if (x.gold.some((g) => sameCountry(g, first))) rulesCountry++
  if (x.gold.some((g) => sameCountry(g, mp))) modelCountry++
  if (x.gold.some((g) => g[0] === first[0])) sourceRule++
  if (x.gold.some((g) => g[0] === mp[0])) sourceModel++
  if (x.gold.some((g) => g[1] === first[1])) targetRule++
  if (x.gold.some((g) => g[1] === mp[1])) targetModel++
}
{
  const negatives = heldAll.filter((x) => !x.gold.length)
  const given = negatives.filter((x) => modelPair(model, x).some((c) => c !== null)).length
  console.log(
    `${values['eval-split']}: ${negatives.length} rule triggers with no gold event: the rules give ${negatives.filter((x) => x.rules.length).length} a pair, the model ${given}`,
  )
}
const share = (n: number): string => (n / held.length).toFixed(3)
console.log(
  `${split}: on ${held.length} rule triggers with gold events, the pair's full codes: rules' first pair ${share(rulesFirst)} (any pair ${share(rulesAny)}), model ${share(modelRight)}`,
)
console.log(
  `${split}: by country: rules ${share(rulesCountry)}, model ${share(modelCountry)}; source: rules ${share(sourceRule)}, model ${share(sourceModel)}; target: rules ${share(targetRule)}, model ${share(targetModel)}`,
)
console.log(`in ${((Date.now() - started) / 1000).toFixed(0)} s`)
// what the candidates allow: a gold party whose code some candidate carries (or none, where the gold has none)
let oracleSource = 0
let oracleTarget = 0
let labelledSource = 0
let labelledTarget = 0
for (const x of held) {
  const codes = new Set(x.candidates.map((c) => c.code))
  if (x.gold.some((g) => g[0] === null || codes.has(g[0]))) oracleSource++
  if (x.gold.some((g) => g[1] === null || codes.has(g[1]))) oracleTarget++
  if (x.gold.some((g) => g[0] === null) || x.candidates.some((c) => c.label === 1)) labelledSource++
  if (x.gold.some((g) => g[1] === null) || x.candidates.some((c) => c.label === 2)) labelledTarget++
}
console.log(
  `${split}: reachable codes: source ${share(oracleSource)}, target ${share(oracleTarget)}; a labelled mention (or none): source ${share(labelledSource)}, target ${share(labelledTarget)}`,
)

// mention level: where the gold names a mention of the sentence (or none), whether the rules' and the model's choice is it
const mentionRule = [0, 0]
const mentionModel = [0, 0]
const mentionN = [0, 0]
for (const x of held) {
  for (const role of [1, 2]) {
    const k = role - 1
    const goldNone = x.gold.every((g) => g[k] === null)
    const labelled = x.candidates.some((c) => c.label === role)
    if (!goldNone && !labelled) continue
    mentionN[k] = (mentionN[k] as number) + 1
    const ruleIdx = x.candidates.findIndex((c) => c.rule === (role === 1 ? 'source' : 'target') || c.rule === 'both')
    if (ruleIdx < 0 ? goldNone : x.candidates[ruleIdx]?.label === role) mentionRule[k] = (mentionRule[k] as number) + 1
    const lead = options(x).map((b) => model.score(b, new Float64Array(ROLE_CLASSES.length))[role - 1] as number)
    const chosen = bestOption(lead)
    const best = chosen === x.candidates.length ? -1 : chosen
    if (best < 0 ? goldNone : x.candidates[best]?.label === role) mentionModel[k] = (mentionModel[k] as number) + 1
  }
}
console.log(
  `${split}: mention level, source on ${mentionN[0]}: rules ${((mentionRule[0] as number) / (mentionN[0] as number)).toFixed(3)}, model ${((mentionModel[0] as number) / (mentionN[0] as number)).toFixed(3)}; target on ${mentionN[1]}: rules ${((mentionRule[1] as number) / (mentionN[1] as number)).toFixed(3)}, model ${((mentionModel[1] as number) / (mentionN[1] as number)).toFixed(3)}`,
)
// where the rules found no pair (the event was dropped) and where they found one
{
  let none = 0
  let noneRight = 0
  let noneChosen = 0
  let some = 0
  let someRules = 0
  let someModel = 0
  for (const x of held) {
    const mp = modelPair(model, x)
    if (!x.rules.length) {
      none++
      if (mp[0] !== null || mp[1] !== null) noneChosen++
      if ((mp[0] !== null || mp[1] !== null) && x.gold.some((g) => same(g, mp))) noneRight++
    } else {
      some++
      if (x.rules.some((p) => x.gold.some((g) => same(g, p)))) someRules++
      if (x.gold.some((g) => same(g, mp))) someModel++
    }
  }
  console.log(
    `${split}: ${none} triggers without a rules' pair: the model gives ${noneChosen} a pair, ${noneRight} right; ${some} with: rules right ${someRules}, model ${someModel}`,
  )
}
// where the rules find no pair: how far the model's choice leads "none", on triggers with and without gold events
{
  const lead = (x: TriggerExample): number => {
    const f = options(x)
    let best = Number.NEGATIVE_INFINITY
    for (const role of [0, 1]) {
      const scored = f.map((b) => model.score(b, new Float64Array(ROLE_CLASSES.length))[role] as number)
      const k = bestOption(scored)
      if (k < x.candidates.length) best = Math.max(best, (scored[k] as number) - (scored[x.candidates.length] as number))
    }
    return best
  }
  const bare = heldAll.filter((x) => !x.rules.length)
  for (const t of [0, 5000, 10000, 20000, 40000]) {
    const pos = bare.filter((x) => x.gold.length && lead(x) > t)
    const right = pos.filter((x) => x.gold.some((g) => same(g, modelPair(model, x)))).length
    const neg = bare.filter((x) => !x.gold.length && lead(x) > t).length
    console.log(`${split}: no rules' pair, lead over none > ${t}: ${pos.length} gold triggers given a pair (${right} right), ${neg} without gold`)
  }
}
// per root: triggers whose pair is right when the model may empty a role the rules filled, and when it may not (the margins' choice)
{
  const right = (x: TriggerExample, drop: number): boolean => {
    const pair = pairUnder(model, x, { drop, fill: 1e9, keep: 0 })
    return x.gold.some((p) => same(p, pair))
  }
  const per = new Map<string, [number, number, number]>()
  for (const x of held) {
    const root = (x.where.split(' ')[2] as string).slice(0, 2)
    const v = per.get(root) ?? [0, 0, 0]
    v[0]++
    if (right(x, 0)) v[1]++
    if (right(x, 1e9)) v[2]++
    per.set(root, v)
  }
  console.log(
    `${split} per root, right when the model may empty a filled role vs not: ${[...per]
      .sort()
      .map(([r, [n, a, b]]) => `${r}: ${a} vs ${b} of ${n}`)
      .join('; ')}`,
  )
}
