import type { Span, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import { attributionStart, type EventContext } from './context.js'
import { defaultEventModels, reviseTriggers } from './learned/model.js'
import { lemmaOf, type Trigger, triggersByLemma } from './triggers.js'

const reportedCodes = lazy(
  () => new Map(loadLexicon<EntryFile<{ modality: string; code: string }>>('events/reported-modality-codes.json').entries.map((e) => [e.modality, e.code])),
)

/** A dictionary entry found in a sentence: its first and last token and the object it used. */
export interface TriggerMatch {
  readonly trigger: Trigger
  /** First token of the trigger. */
  readonly at: number
  /** Last token of the trigger ("air strikes": the second word). */
  readonly last: number
  /** The token that satisfied the entry's `object` list, when it has one. */
  readonly objectAt: number | null
}

/**
 * Pass 1: the triggers of one sentence, left to right: the dictionary's (`ruleTriggers`),
 * revised by the learned trigger model where it is confident (`learned/model.ts`: a
 * dictionary trigger dropped or given another root, a word the dictionary misses made a
 * trigger; such a trigger names the decision in `decided`). Without the committed models the
 * dictionary alone decides. `dropped` hears of each dictionary trigger the model dropped.
 */
export function findTriggers(ctx: EventContext, r: Span, dropped?: (m: TriggerMatch, why: string) => void): TriggerMatch[] {
  const rules = ruleTriggers(ctx, r)
  const models = defaultEventModels()
  if (!models) return rules
  const revised = reviseTriggers(models, ctx, r, rules)
  if (dropped) for (const d of revised.dropped) dropped(d.match, d.why)
  return revised.kept
}

/**
 * The dictionary's triggers of one sentence, left to right. Words a trigger used as its
 * object ("lifted [sanctions]") and the second word of a compound ("air [strikes]") trigger
 * nothing themselves.
 */
export function ruleTriggers(ctx: EventContext, r: Span): TriggerMatch[] {
  const used = new Set<number>()
  const out: TriggerMatch[] = []
  for (let i = r.start; i < r.end; i++) {
    const t = ctx.tokens[i] as Token
    if (t.pos === 'PROPN' || t.pos === 'PUNCT' || ctx.actorAt[i] || used.has(i)) continue
    // "according to the US government" is an attribution, no accord: a word the parse uses as a preposition triggers nothing
    if (/^(case|mark|fixed)/.test(ctx.arcs[i]?.dep ?? '') || (ctx.lower[i] === 'according' && ctx.lower[i + 1] === 'to')) continue
    const match = bestTrigger(ctx, i, r) ?? reportedDemand(ctx, i)
    if (!match || scareQuoted(ctx, i, match.last)) continue
    if (match.objectAt !== null) {
      used.add(match.objectAt)
      // "began a hunger strike": the object's second word is part of it, no strike of its own
      const k = match.objectAt
      if (triggersByLemma().has(lemmaOf(`${ctx.lower[k]}${ctx.lower[k + 1] ?? ''}`))) used.add(k + 1)
      // "provide ... food aid": object words right after the object are part of it, no aid of their own
      for (let j = k + 1; j < r.end && match.trigger.object?.includes(lemmaOf(ctx.lower[j] ?? '')); j++) used.add(j)
    }
    for (let k = i + 1; k <= match.last; k++) used.add(k)
    // "will be handed back to China", "backed down": the entry's particle is part of its verb, no act of its own ("back" 051)
    const { particle } = match.trigger
    const at = particle ? ctx.lower.slice(match.last + 1, Math.min(r.end, match.last + 3)).indexOf(particle) : -1
    if (at >= 0) used.add(match.last + 1 + at)
    out.push(match)
  }
  return out
}

/**
 * A speech verb whose reported clause states an obligation, as a trigger of its own: "The
 * Bush administration declared Tuesday that China must drop barriers" demands of China.
 */
function reportedDemand(ctx: EventContext, i: number): TriggerMatch | null {
  const { view } = ctx
  for (const clause of view.reportedClauses(i)) {
    const { modality, negated } = view.markers(clause)
    const code = modality && !negated ? reportedCodes().get(modality) : undefined
    if (code) return { trigger: { code, lemma: lemmaOf(ctx.lower[i] ?? ''), pos: 'verb', reported: true }, at: i, last: i, objectAt: null }
  }
  return null
}

// quotation marks that open or close a quotation
const QUOTE_MARKS = /^["“”‘’'«»]$/

/**
 * Whether the trigger's words stand alone between quotation marks: "dismissed Kyiv’s
 * “attack” on Russia as a staged video" distances the writer from the word; it reports no attack.
 */
function scareQuoted(ctx: EventContext, at: number, last: number): boolean {
  const { tokens, text } = ctx
  const before = tokens[at - 1]
  const after = tokens[last + 1]
  if (before && after && QUOTE_MARKS.test(text.slice(before.start, before.end)) && QUOTE_MARKS.test(text.slice(after.start, after.end))) return true
  // marks glued to the word in one token: “attack”
  const word = text.slice((tokens[at] as Token).start, (tokens[last] as Token).end)
  return /^["“‘«].+["”’»]$/.test(word)
}

/** The most specific dictionary entry that fits the words at i: with object > particle > plain. */
function bestTrigger(ctx: EventContext, i: number, r: Span): TriggerMatch | null {
  const { lower, tokens } = ctx
  // "air strikes": two-word nominal triggers are tried first
  const two = i + 1 < r.end ? lemmaOf(`${lower[i]}${lower[i + 1]}`) : ''
  const entries = (two && triggersByLemma().get(two)) || triggersByLemma().get(lemmaOf(lower[i] ?? ''))
  if (!entries) return null
  const last = two && triggersByLemma().get(two) ? i + 1 : i
  const pos = (tokens[i] as Token).pos
  let best: (TriggerMatch & { score: number }) | null = null
  let window: number[] | undefined
  const objectTokens = (): number[] => {
    window = window ?? objectWindow(ctx, i, last, r)
    return window
  }
  // "this jail", "last week's arrest", "a charge that ...": a word with a determiner or a
  // possessor is a noun, which only the dictionary's noun entries make an act; "the occupied
  // territories": a word describing a noun is a state, no act (guide §2)
  const noun = pos === 'NOUN' && ctx.view.dependents(i, 'det', 'nmod:poss').length > 0
  // (one word: "tear gas" is an act's two-word name whatever the parse makes of "tear")
  const describing = last === i && /^amod/.test(ctx.arcs[i]?.dep ?? '')
  // "called", "talked": a verb's past form is no noun, whatever entries its lemma has ("a call with", "talks")
  const pastForm = last === i && /ed$/.test(lower[i] ?? '') && lemmaOf(lower[i] ?? '') !== lower[i]
  // "tear gas shells were lobbed": a noun the parse makes a subject, object or oblique is no verb
  const lastPos = (tokens[last] as Token).pos
  // (with a determiner or a modifier that names no party: "police shot dead ..." stays a verb however it is parsed)
  const nounRole =
    lastPos === 'NOUN' && /^(nsubj|obj|obl|nmod)/.test(ctx.arcs[last]?.dep ?? '') && ctx.view.dependents(last, 'det', 'compound').some((k) => !ctx.actorAt[k])
  for (const e of entries) {
    if (e.pos === 'verb' && (pos === 'DET' || pos === 'ADP' || nounRole)) continue
    if (e.pos === 'noun' && pastForm) continue
    if (e.pos === 'verb' && !e.symmetric && (noun || describing)) continue
    // "after two days of fierce fighting": a symmetric verb used as a noun needs its parties after
    // a preposition, as noun entries do ("fighting between A and B", "street battles raged in
    // central Baghdad between A and B"); after "to" it is a verb whatever its tag
    const nominal = pos === 'NOUN' && lower[i - 1] !== 'to'
    if (e.pos === 'verb' && e.symmetric && nominal && !hasPrep(e, lower.slice(last + 1, Math.min(r.end, last + 7)))) continue
    let score = 1
    if (e.patient) {
      // "kicking off his campaign", "was held up as", "held to higher standards": a particle makes another verb
      const next = lower[last + 1] ?? ''
      if (next === 'off' || (e.patient === 'detainee' && !e.particle && /^(up|on|back|to|out|off)$/.test(next))) continue
      if (!personPatient(ctx, i, r, e.patient === 'person') || (e.patient === 'detainee' && !byTheState(ctx, i, r))) continue
      score += 1
    }
    if (e.particle) {
      const at = lower.slice(last + 1, Math.min(r.end, last + 3)).indexOf(e.particle)
      if (at < 0) continue
      score += 2
    }
    let objectAt: number | null = null
    if (e.object) {
      const at = objectTokens().find((k) => namesObject(e.object ?? [], lower, k))
      if (at === undefined) continue
      objectAt = at
      score += 3
    }
    if (e.complement === 'to-inf') {
      const window = lower.slice(last + 1, Math.min(r.end, last + 6))
      if (!window.includes('to')) continue
      score += 1
    }
    // of two entries that fit equally well, the more specific code ("threatened to ban opposition
    // candidates" 1322 before 132, "halted economic aid" 1621 before 162), then the one whose
    // object is nearer the trigger
    const better =
      !!best &&
      score === best.score &&
      objectAt !== null &&
      best.objectAt !== null &&
      (e.code.length > best.trigger.code.length || (e.code.length === best.trigger.code.length && objectAt < best.objectAt))
    if (!best || score > best.score || better) best = { trigger: e, at: i, last, score, objectAt }
  }
  return best ? { trigger: best.trigger, at: best.at, last: best.last, objectAt: best.objectAt } : null
}

// how far (tokens) after a trigger its object's words may stand: five words, or the verb's
// whole object phrase up to this many ("will provide nearly 25,000 tons of emergency food aid")
const OBJECT_WORDS = 5
const OBJECT_PHRASE = 12

/**
 * The tokens an entry's `object` may be found at, nearest first: the five words after the
 * trigger, then the words of the verb's direct objects as the parse gives them.
 */
function objectWindow(ctx: EventContext, i: number, last: number, r: Span): number[] {
  const out: number[] = []
  // never past a trailing attribution: "killed three Palestinians, the health minister said"
  const end = attributionStart(ctx, last + 1, Math.min(r.end, last + 1 + OBJECT_PHRASE))
  // five words up to a punctuation mark, not counting numbers and determiners ("allow up to 13,000 Turkish Kurd refugees")
  for (let k = last + 1, words = 0; k < end && words < OBJECT_WORDS; k++) {
    const pos = (ctx.tokens[k] as Token).pos
    if (pos === 'PUNCT') break
    out.push(k)
    if (pos !== 'NUM' && pos !== 'DET') words++
  }
  // "called on Haiti's interim government to hold elections": the complement's verb and its objects
  const clauses = ctx.view.dependents(i, 'xcomp', 'ccomp').filter((c) => c > last && c < end)
  for (const c of clauses) if (!out.includes(c)) out.push(c)
  // "asked the European Community for immediate delivery of additional aid": what is asked for
  const askedFor = ctx.view.obliques(i).filter((o) => o.prep === 'for')
  for (const p of [...ctx.view.objects(i), ...clauses.flatMap((c) => ctx.view.objects(c)), ...askedFor]) {
    for (let k = last + 1; k < end; k++) {
      const t = ctx.tokens[k] as Token
      if (t.start >= p.start && t.end <= p.end && !out.includes(k)) out.push(k)
    }
  }
  // "tear gas was fired", "water cannon were used": a passive verb's object is its subject
  if (afterBe(ctx, i, r) || ctx.view.isPassive(i))
    for (const p of ctx.view.subjects(i))
      for (let k = p.head; k >= r.start && k >= p.head - OBJECT_WORDS; k--) {
        const t = ctx.tokens[k] as Token
        if (t.start < p.start) break
        if (!out.includes(k)) out.push(k)
      }
  return out
}

/** Whether the word at k, or it joined with the next ("war games" -> wargames), is one of an entry's objects. */
function namesObject(objects: readonly string[], lower: readonly string[], k: number): boolean {
  const word = lower[k] ?? ''
  if (objects.includes(lemmaOf(word))) return true
  const joined = `${word}${lower[k + 1] ?? ''}`
  return k + 1 < lower.length && (objects.includes(joined) || objects.includes(lemmaOf(joined)))
}

/** Words for people (lexicon/events/person-nouns.json): "protesters", "villagers", "hostages". */
export const personNouns = lazy(() => new Set(loadLexicon<{ entries: string[] }>('events/person-nouns.json').entries))

const PERSON_PRONOUNS = /^(he|she|they|him|her|them|we|us|i|me|who)$/

/**
 * Whether a trigger word is a participle after a form of "be" or "get" (an adverb may stand
 * between): "were detained", "was brutally beaten"; not "was holding".
 */
export function afterBe(ctx: EventContext, i: number, r: Span): boolean {
  if (/ing$/.test(ctx.lower[i] ?? '')) return false
  for (let k = i - 1; k >= Math.max(r.start, i - 3); k--) {
    if (PASSIVE_AUX.has(ctx.lower[k] ?? '')) return true
    if ((ctx.tokens[k] as Token).pos !== 'ADV') return false
  }
  return false
}

const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got', 'get', 'gets', 'getting'])

// how an actor named by its role, not by its name, was found: "the protesters", "Kenyan students"
const GENERIC = /^(role|nationality\+role)/

/**
 * Whether the people a verb acts on are there: its object, or in the passive its subject,
 * headed by an actor of a sector (not a bare country), a personal pronoun, a word for people
 * (lexicon/events/person-nouns.json) or a noun with a number ("40 agitators"). `generic`:
 * only people named by their role and plural pronouns count ("beat the villagers", not
 * "beat Donald Trump", where the word is winning).
 */
export function personPatient(ctx: EventContext, i: number, r: Span, generic = false): boolean {
  const { view } = ctx
  const passive = afterBe(ctx, i, r) || view.isPassive(i)
  const phrases = passive ? view.subjects(i) : view.objects(i)
  const person = (k: number): boolean => {
    const a = ctx.actorAt[k]
    if (a) return generic ? GENERIC.test(a.via) : a.code.length > 3 || !!a.sector
    const w = ctx.lower[k] ?? ''
    return (generic ? w === 'them' || w === 'they' : PERSON_PRONOUNS.test(w)) || personNouns().has(w) || view.dependents(k, 'nummod').length > 0
  }
  if (phrases.some((p) => person(p.head))) return true
  // the parse missed the phrase: the word right after an active verb, before a passive one
  if (phrases.length) return false
  const k = passive ? i - 1 : i + 1
  for (let j = k, n = 0; j >= r.start && j < r.end && n < 4; j += passive ? -1 : 1, n++) {
    const pos = (ctx.tokens[j] as Token).pos
    if (person(j)) return true
    if (!/^(DET|ADJ|NUM|AUX|ADV)$/.test(pos)) return false
  }
  return false
}

// the sectors of a state's forces, who detain people ("police held", "troops picked up"), and of
// its authorities, who do as a body or as officials in the plural ("authorities held",
// "prosecutors detained", "the Interior Ministry held"; not "the minister picked up"), read
// anywhere after the country ("EGYGOVCOP")
const FORCES = /COP|MIL|SPY/
const AUTHORITIES = /GOV|JUD/

/**
 * Whether a verb's doer is a state's forces or authorities: its subject ("police held", "troops picked up"),
 * or in the passive its agent or none named ("were held", "were picked up by police"; not
 * "was picked up by the driver").
 */
function byTheState(ctx: EventContext, i: number, r: Span): boolean {
  const { view } = ctx
  const passive = afterBe(ctx, i, r) || view.isPassive(i)
  const doers = passive ? view.agents(i) : view.subjects(i)
  const forces = (k: number): boolean => {
    const a = ctx.actorAt[k]
    if (!a) return false
    const roles = a.code.slice(3)
    if (FORCES.test(roles)) return true
    if (!AUTHORITIES.test(roles)) return false
    const word = ctx.lower[k] ?? ''
    return a.via.startsWith('registry:organisation') || ((ctx.tokens[k] as Token).pos === 'NOUN' && word.length > 3 && word.endsWith('s'))
  }
  if (passive && !doers.length) {
    // an agent the parse missed: the actor right after "by"
    const by = ctx.lower.slice(i + 1, Math.min(r.end, i + 4)).indexOf('by')
    return by < 0 || forces(i + 2 + by) || forces(i + 3 + by)
  }
  return doers.some((p) => forces(p.head))
}

/** Whether one of an entry's prepositions is among the words. */
function hasPrep(e: Trigger, words: readonly string[]): boolean {
  const preps = typeof e.prep === 'string' ? [e.prep] : (e.prep ?? [])
  return words.some((w) => preps.includes(w))
}
