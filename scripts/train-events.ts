// Trains the events stage's learned decisions on the gold corpus (corpus/, issue #16) with the
// project's averaged perceptron, over sitrep's own tokens, parse, actors and quotes as at run
// time: which words are triggers and their CAMEO root (events-trigger), the leaf under a root
// (events-leaf), an event's modality (events-modality) and negation (events-negation).
// Trains on the train split (less tbaq-APW19980306.1001, a sentence of which a PLOVER dev set
// shares) and prints, on the dev split, trigger-level root precision/recall of the rules alone
// and of the rules revised by the model at several margins, and modality/negation accuracy
// of the rules and of the models on gold triggers.
// Usage: npm run train:events [-- --iterations 10 --eval-split dev --modality-only]
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { need } from '../src/core/doc.js'
import { runPipeline, selectStages } from '../src/core/pipeline.js'
import { sentenceTokenRanges } from '../src/core/tokens.js'
import type { Modality, Span, Token } from '../src/core/types.js'
import { createLexicon } from '../src/lexicon/lexicon.js'
import { FeatureBuffer, PerceptronTrainer } from '../src/models/perceptron.js'
import { defaultStages } from '../src/pipeline.js'
import { ruleTriggers, type TriggerMatch } from '../src/stages/events/01-triggers.js'
import { codeOf } from '../src/stages/events/03-code.js'
import { governedBy, isCommitment, isNegated, isWilling, modalityOf } from '../src/stages/events/04-modality.js'
import { type EventContext, eventContextOf } from '../src/stages/events/context.js'
import { modalityFeatures, triggerFeatures } from '../src/stages/events/learned/features.js'
import {
  JUDGED_NOUNS_PATH,
  LEAF_MODEL_PATH,
  MARGINS,
  MODALITY_CLASSES,
  MODALITY_MODEL_PATH,
  NEGATION_CLASSES,
  NEGATION_MODEL_PATH,
  NOUN_SUPPORT,
  TRIGGER_CLASSES,
  TRIGGER_MODEL_PATH,
  triggerCandidates,
} from '../src/stages/events/learned/model.js'
import { seededRandom, shuffle } from './conll.js'
import type { GoldEvent } from './corpus/annotations.js'
import { readCorpusDocs } from './corpus/documents.js'
import { loadGold } from './corpus/gold.js'

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '10' },
    'eval-split': { type: 'string', default: 'dev' },
    // keeps the extracted examples in a file: a second run with the same features skips the pipeline
    cache: { type: 'string' },
    // figures only: the committed models stay as they are
    'dry-run': { type: 'boolean', default: false },
    // writes only the modality and negation models: the trigger and leaf models stay as committed
    'modality-only': { type: 'boolean', default: false },
  },
})
const started = Date.now()
// a sentence of this document is shared with a PLOVER dev set: never trained on
const EXCLUDED = new Set(['tbaq-APW19980306.1001'])

/** A candidate token with its features, its gold root ('O' for none) and leaf. */
interface Example {
  readonly features: Uint32Array<ArrayBuffer>
  readonly root: string
  readonly leaf: string | null
  readonly rule: TriggerMatch | null
  /** Where the candidate stands: document, annotated sentence, token offsets. */
  readonly doc: string
  readonly sent: number
  readonly start: number
  readonly end: number
}

/** A gold event at a token, with the rules' modality features. */
interface ModalityExample {
  readonly features: Uint32Array<ArrayBuffer>
  readonly modality: Modality
  readonly negated: boolean
  readonly ruleModality: Modality
  readonly ruleNegated: boolean
}

const stages = selectStages(defaultStages({}), ['tokens', 'sentences', 'parse', 'actors', 'dates', 'places', 'quotes', 'article'])
const ctxBase = { today: '2020-01-01', lexicon: createLexicon() }
const buffer = new FeatureBuffer()
const copy = (): Uint32Array<ArrayBuffer> => buffer.values.slice(0, buffer.length)

function load(split: string): { examples: Example[]; modality: ModalityExample[]; gold: GoldEvent[]; missed: number } {
  const gold = loadGold(readCorpusDocs().filter((d) => d.split === split && !EXCLUDED.has(d.id)))
  const examples: Example[] = []
  const modality: ModalityExample[] = []
  const goldEvents: GoldEvent[] = []
  let missed = 0
  const bySentence = new Map(gold.sentences.map((s) => [`${s.doc}#${s.sent}`, s]))
  for (const d of gold.docs) {
    const src = gold.texts.get(d.id)
    if (!src) continue
    const doc = runPipeline(stages, { id: d.id, text: src.text, ...(src.date ? { published: src.date } : {}), clean: false }, d.id, ctxBase)
    const tokens = need(doc, 'tokens', 'train')
    const sentences = need(doc, 'sentences', 'train')
    const ctx: EventContext = eventContextOf(doc, 'train')
    // the annotated sentence a token's start falls in
    const annotated = (start: number): number => d.sentences.findIndex(([s, e]) => start >= s && start < e)
    for (const r of sentenceTokenRanges(tokens, sentences.length)) {
      if (r.end <= r.start) continue
      const rules = ruleTriggers(ctx, r)
      const candidates = triggerCandidates(ctx, r, rules)
      const sentOf = new Map<number, number>()
      for (const c of candidates) sentOf.set(c.at, annotated((tokens[c.at] as Token).start))
      // gold events of the annotated sentences this range touches, each placed on one candidate
      const label = new Map<number, GoldEvent>()
      const sents = new Set([...sentOf.values()].filter((s) => s >= 0))
      for (let k = r.start; k < r.end; k++) sents.add(annotated((tokens[k] as Token).start))
      for (const s of sents) {
        if (s < 0) continue
        for (const g of bySentence.get(`${d.id}#${s}`)?.events ?? []) {
          // a dictionary match covers its words and its object ("launched [war games]": the gold may name the games)
          const over = candidates.filter((c) => {
            const t = tokens[c.at] as Token
            const last = c.rule ? (tokens[c.rule.last] as Token) : t
            const object = c.rule?.objectAt != null ? (tokens[c.rule.objectAt] as Token) : null
            return (t.start < g.trigger.end && g.trigger.start < last.end) || (!!object && object.start < g.trigger.end && g.trigger.start < object.end)
          })
          const at = (over.find((c) => c.rule) ?? over[0])?.at
          if (at === undefined) {
            // a trigger no candidate covers (a proper name, an adjective, an actor's word) is learned as modality only
            const k = tokens.findIndex((t) => t.start < g.trigger.end && g.trigger.start < t.end)
            if (k >= r.start && k < r.end) {
              modalityExample(ctx, k, r, g, null)
              missed++
            }
            continue
          }
          if (!label.has(at)) label.set(at, g)
          modalityExample(ctx, at, r, g, candidates.find((c) => c.at === at)?.rule ?? null)
        }
      }
      for (const c of candidates) {
        const sent = sentOf.get(c.at) ?? -1
        if (sent < 0) continue
        triggerFeatures(buffer, ctx, c, r)
        const g = label.get(c.at)
        const t = tokens[c.at] as Token
        const end = c.rule ? (tokens[c.rule.last] as Token).end : t.end
        examples.push({ features: copy(), root: g ? g.code.slice(0, 2) : 'O', leaf: g ? g.code : null, rule: c.rule, doc: d.id, sent, start: t.start, end })
      }
    }
    for (const s of d.sentences.keys()) goldEvents.push(...(bySentence.get(`${d.id}#${s}`)?.events ?? []))
  }
  return { examples, modality, gold: goldEvents, missed }

  function modalityExample(ctx: EventContext, at: number, r: Span, g: GoldEvent, rule: TriggerMatch | null): void {
    const ruleModality = modalityOf(ctx, at, r)
    const ruleNegated = isNegated(ctx, at, r)
    const coded = rule ? codeOf(rule, ruleModality, ruleNegated, isCommitment(ctx, at, r), isWilling(ctx, at, r)) : null
    const governed = governedBy(ctx, at, r)
    modalityFeatures(buffer, ctx, at, r, g.code, { modality: ruleModality, negated: ruleNegated, recoded: coded?.recoded ?? null, governed })
    modality.push({ features: copy(), modality: g.modality as Modality, negated: g.negated, ruleModality, ruleNegated })
  }
}

type Loaded = ReturnType<typeof load>
function cached(): { train: Loaded; held: Loaded } {
  const file = values.cache
  if (file && existsSync(file)) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { train: Loaded; held: Loaded }
    const revive = (l: Loaded): Loaded => ({
      ...l,
      examples: l.examples.map((e) => ({ ...e, features: Uint32Array.from(e.features as unknown as number[]) })),
      modality: l.modality.map((e) => ({ ...e, features: Uint32Array.from(e.features as unknown as number[]) })),
    })
    return { train: revive(data.train), held: revive(data.held) }
  }
  const out = { train: load('train'), held: load(values['eval-split'] as string) }
  if (file)
    writeFileSync(
      file,
      JSON.stringify(out, (_, v) => (v instanceof Uint32Array ? Array.from(v) : v)),
    )
  return out
}
const { train, held } = cached()
console.log(
  `loaded ${train.examples.length} candidates (${train.examples.filter((e) => e.root !== 'O').length} events; ${train.missed} gold triggers on no candidate) and ${train.modality.length} modality examples from train, ${held.examples.length} candidates from ${values['eval-split']} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)

const asBuffer = (f: Uint32Array<ArrayBuffer>): FeatureBuffer => {
  const b = new FeatureBuffer()
  b.values = f
  b.length = f.length
  return b
}
// the dictionary nouns the model has seen often enough in training to judge their sense
const nounCounts = new Map<string, number>()
for (const e of train.examples) if (e.rule?.trigger.pos === 'noun') nounCounts.set(e.rule.trigger.lemma, (nounCounts.get(e.rule.trigger.lemma) ?? 0) + 1)
const judged = [...nounCounts]
  .filter(([, n]) => n >= NOUN_SUPPORT)
  .map(([lemma]) => lemma)
  .sort()
const leafClasses = [...new Set(train.examples.flatMap((e) => (e.leaf ? [e.leaf] : [])))].sort()
const triggerTrainer = new PerceptronTrainer(TRIGGER_CLASSES)
const leafTrainer = new PerceptronTrainer(leafClasses)
const modalityTrainer = new PerceptronTrainer(MODALITY_CLASSES)
const negationTrainer = new PerceptronTrainer(NEGATION_CLASSES)
const random = seededRandom(17)
const scores = new Float64Array(64)
for (let it = 0; it < Number(values.iterations); it++) {
  for (const e of shuffle([...train.examples], random)) {
    const f = asBuffer(e.features)
    triggerTrainer.update(f, TRIGGER_CLASSES.indexOf(e.root), triggerTrainer.model.predict(f, scores))
    if (e.leaf) {
      const mask = Uint8Array.from(leafClasses, (c) => (c.startsWith(e.root) ? 1 : 0))
      leafTrainer.update(f, leafClasses.indexOf(e.leaf), leafTrainer.model.predict(f, scores, mask))
    }
  }
  for (const e of shuffle([...train.modality], random)) {
    const f = asBuffer(e.features)
    modalityTrainer.update(f, MODALITY_CLASSES.indexOf(e.modality), modalityTrainer.model.predict(f, scores))
    negationTrainer.update(f, e.negated ? 1 : 0, negationTrainer.model.predict(f, scores))
  }
}
const trigger = triggerTrainer.average()
const leaf = leafTrainer.average()
const modalityModel = modalityTrainer.average()
const negation = negationTrainer.average()
if (!values['dry-run'] && !values['modality-only']) {
  writeFileSync(
    JUDGED_NOUNS_PATH,
    `${JSON.stringify({ description: `Dictionary nouns seen at least ${NOUN_SUPPORT} times in the corpus train split (scripts/train-events.ts): the trigger model may drop only these.`, lemmas: judged })}\n`,
  )
  writeFileSync(TRIGGER_MODEL_PATH, gzipSync(trigger.serialize(), { level: 9 }))
  writeFileSync(LEAF_MODEL_PATH, gzipSync(leaf.serialize(), { level: 9 }))
}
if (!values['dry-run']) {
  writeFileSync(MODALITY_MODEL_PATH, gzipSync(modalityModel.serialize(), { level: 9 }))
  writeFileSync(NEGATION_MODEL_PATH, gzipSync(negation.serialize(), { level: 9 }))
}
console.log(`${judged.length} dictionary nouns seen at least ${NOUN_SUPPORT} times`)
console.log(`features: trigger ${trigger.size}, leaf ${leaf.size} (${leafClasses.length} codes), modality ${modalityModel.size}, negation ${negation.size}`)

// the held-out split: trigger-level root P/R/F1 (a predicted trigger matches a gold one in the
// same annotated sentence with the same root and overlapping words, one to one)
const goldBySent = new Map<string, GoldEvent[]>()
for (const g of held.gold) goldBySent.set(`${g.doc}#${g.sent}`, [...(goldBySent.get(`${g.doc}#${g.sent}`) ?? []), g])
const decided = held.examples.map((e) => {
  const s = trigger.score(asBuffer(e.features), new Float64Array(TRIGGER_CLASSES.length))
  let best = 1
  for (let k = 2; k < s.length; k++) if ((s[k] as number) > (s[best] as number)) best = k
  const none = s[0] as number
  const top = s[best] as number
  return top > none ? { root: TRIGGER_CLASSES[best] as string, margin: top - none } : { root: null, margin: none - top }
})
function score(predict: (e: Example, i: number) => string | null): string {
  const used = new Set<GoldEvent>()
  let tp = 0
  let pred = 0
  held.examples.forEach((e, i) => {
    const root = predict(e, i)
    if (!root) return
    pred++
    const g = (goldBySent.get(`${e.doc}#${e.sent}`) ?? []).find(
      (g) => !used.has(g) && g.code.slice(0, 2) === root && g.trigger.start < e.end && e.start < g.trigger.end,
    )
    if (g) {
      used.add(g)
      tp++
    }
  })
  const p = pred ? tp / pred : 0
  const rec = tp / held.gold.length
  return `P=${p.toFixed(3)} R=${rec.toFixed(3)} F1=${(p + rec ? (2 * p * rec) / (p + rec) : 0).toFixed(3)} (${tp}/${pred}, gold ${held.gold.length})`
}
const split = values['eval-split']
const rootOf = (e: Example): string | null => (e.rule ? e.rule.trigger.code.slice(0, 2) : null)
console.log(`${split} triggers, rules alone: ${score(rootOf)}`)
console.log(`${split} triggers, model alone: ${score((_, i) => decided[i]?.root ?? null)}`)
const at = (i: number) => decided[i] as { root: string | null; margin: number }
for (const m of [0, 5000, 10000, 20000, 40000]) {
  console.log(`${split} margin ${m}: drop ${score((e, i) => (e.rule && !e.rule.trigger.reported && !at(i).root && at(i).margin >= m ? null : rootOf(e)))}`)
  console.log(
    `${split} margin ${m}: recode ${score((e, i) => (e.rule && !e.rule.trigger.reported && at(i).root && at(i).margin >= m ? at(i).root : rootOf(e)))}`,
  )
  console.log(
    `${split} margin ${m}: drop nouns ${score((e, i) => (e.rule && !e.rule.trigger.reported && e.rule.trigger.pos === 'noun' && !at(i).root && at(i).margin >= m ? null : rootOf(e)))}`,
  )
  console.log(`${split} margin ${m}: add ${score((e, i) => (!e.rule && at(i).root && at(i).margin >= m ? at(i).root : rootOf(e)))}`)
}
console.log(
  `${split} triggers, rules revised at margins ${JSON.stringify(MARGINS)}: ${score((e, i) => {
    const d = at(i)
    if (e.rule) return e.rule.trigger.pos === 'noun' && judged.includes(e.rule.trigger.lemma) && !d.root && d.margin >= MARGINS.dropNoun ? null : rootOf(e)
    return d.root && d.margin >= MARGINS.add ? d.root : null
  })}`,
)
// the leaf under the right root: the rule's leaf against the leaf model's
let leafRule = 0
let leafModel = 0
let leafBoth = 0
for (const e of held.examples) {
  if (!e.leaf || !e.rule || e.rule.trigger.code.slice(0, 2) !== e.root) continue
  leafBoth++
  if (e.rule.trigger.code === e.leaf) leafRule++
  const s = leaf.score(asBuffer(e.features), new Float64Array(leafClasses.length))
  let best = -1
  leafClasses.forEach((c, k) => {
    if (c.startsWith(e.root) && (best < 0 || (s[k] as number) > (s[best] as number))) best = k
  })
  if (leafClasses[best] === e.leaf) leafModel++
}
console.log(
  `${split} leaf on ${leafBoth} rule triggers of the right root: rules ${(leafRule / leafBoth).toFixed(3)}, model ${(leafModel / leafBoth).toFixed(3)}`,
)
// modality and negation on gold triggers
let ruleRight = 0
let modelRight = 0
let ruleNeg = 0
let modelNeg = 0
for (const e of held.modality) {
  const f = asBuffer(e.features)
  if (e.ruleModality === e.modality) ruleRight++
  if (MODALITY_CLASSES[modalityModel.predict(f, scores)] === e.modality) modelRight++
  if (e.ruleNegated === e.negated) ruleNeg++
  if ((negation.predict(f, scores) === 1) === e.negated) modelNeg++
}
const n = held.modality.length
console.log(
  `${split} modality on ${n} gold triggers: rules ${(ruleRight / n).toFixed(3)}, model ${(modelRight / n).toFixed(3)}; negation: rules ${(ruleNeg / n).toFixed(3)}, model ${(modelNeg / n).toFixed(3)} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
