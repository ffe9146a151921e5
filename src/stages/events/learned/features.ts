import type { Span, Token } from '../../../core/types.js'
import { lazy, loadLexicon } from '../../../lexicon/load.js'
import { normWord } from '../../../models/features.js'
import type { FeatureBuffer } from '../../../models/perceptron.js'
import { defaultWordClusters } from '../../../models/word-clusters.js'
import { baseRelation } from '../../syntax/relations.js'
import type { TriggerMatch } from '../01-triggers.js'
import { attributionStart, type EventContext } from '../context.js'
import { lemmaOf, triggersByLemma } from '../triggers.js'
import { phoenixVerb } from './phoenix-verbs.js'

interface Cues {
  readonly negators: readonly string[]
  readonly future: readonly string[]
  readonly hypothetical: readonly string[]
  readonly reported: readonly string[]
  readonly aspectual: readonly string[]
}
// the rules' cue words (lexicon/events/modality-cues.json), one kind per word
const cueKind = lazy(() => {
  const c = loadLexicon<Cues>('events/modality-cues.json')
  const kind = new Map<string, string>()
  for (const k of ['negators', 'future', 'hypothetical', 'reported', 'aspectual'] as const) for (const w of c[k]) kind.set(w, k)
  return kind
})

// the modality model's further cue words, the same file's other kinds: necessity ("had to"),
// willingness, the governing verbs' kinds and conditionals ("unless"); kept apart from
// `cueKind` so that the trigger model's features stay as it was trained
const modalityCueKind = lazy(() => {
  const c = loadLexicon<Cues & Record<'necessity' | 'willingness' | 'denial' | 'unrealised' | 'unfulfilled' | 'conditional' | 'purpose', string[]>>(
    'events/modality-cues.json',
  )
  const kind = new Map<string, string>()
  for (const k of ['necessity', 'willingness', 'denial', 'unrealised', 'unfulfilled', 'conditional', 'purpose'] as const)
    for (const w of c[k] ?? []) kind.set(w, k)
  return kind
})

/** The CAMEO root of a code, or "-" for none. */
const rootOf = (code: string | null | undefined): string => (code ? code.slice(0, 2) : '-')

// feature templates: one number per kind of feature (part of every hash)
const F = {
  Bias: 1,
  Word: 2,
  Lemma: 3,
  Pos: 4,
  PosDep: 5,
  LemmaPos: 6,
  Prev: 7,
  Next: 8,
  PrevPair: 9,
  NextPair: 10,
  HeadLemma: 11,
  DepHeadPos: 12,
  DictRoot: 13,
  DictRootPos: 14,
  RuleRoot: 15,
  RuleLeaf: 16,
  RuleKind: 17,
  PhoenixRoot: 18,
  PhoenixPattern: 19,
  PhoenixPatternLeaf: 20,
  SubjectActor: 21,
  ObjectActor: 22,
  Cue: 23,
  CueWord: 24,
  Quoted: 25,
  Suffix: 26,
  Actors: 27,
  Children: 28,
  HeadDep: 29,
  Attribution: 30,
  LemmaRuleRoot: 31,
  ReportedClause: 32,
  Cluster: 33,
  HeadCluster: 34,
  ModRule: 40,
  NegRule: 41,
  CodeRoot: 42,
  CodeLeaf: 43,
  Recoded: 44,
  Marker: 45,
  Governor: 46,
  GovernorDep: 47,
  Question: 48,
  TrailingAttribution: 49,
  SentenceCue: 50,
  BeforeWord: 51,
  Governed: 52,
  ModalCue: 53,
  ToHead: 54,
  ClauseMark: 55,
  GovernorMarker: 56,
} as const

/** What the trigger model is told about a token besides the text: the rules' match there, if any. */
export interface TriggerCandidate {
  readonly at: number
  readonly rule: TriggerMatch | null
}

/** What every candidate of a sentence shares, found once per sentence (a long sentence stays linear). */
interface SentenceFacts {
  readonly ctx: EventContext
  readonly r: Span
  readonly actors: number
  /** The last trailing attribution's comma ("..., the minister said"), or -1. */
  readonly lastAttribution: number
  /** The cue words of the sentence with their token index. */
  readonly cues: readonly (readonly [number, string])[]
}
let facts: SentenceFacts | null = null

function sentenceFacts(ctx: EventContext, r: Span): SentenceFacts {
  if (facts && facts.ctx === ctx && facts.r.start === r.start && facts.r.end === r.end) return facts
  const { tokens, lower } = ctx
  let lastAttribution = -1
  for (let k = attributionStart(ctx, r.start, r.end); k < r.end; k = attributionStart(ctx, k + 1, r.end)) lastAttribution = k
  const cues: [number, string][] = []
  for (let k = r.start; k < r.end; k++) {
    const kind = cueKind().get(lower[k] ?? '')
    if (kind) cues.push([k, kind])
  }
  const actors = ctx.byOffset.actors.overlapping((tokens[r.start] as Token).start, (tokens[r.end - 1] as Token).end).length
  facts = { ctx, r, actors, lastAttribution, cues }
  return facts
}

/** The word's cluster at each level (see models/word-clusters.ts), with a second value. */
function clusters(out: FeatureBuffer, template: number, word: string, with_: string): void {
  const cl = defaultWordClusters().get(normWord(word))
  if (!cl) return
  const levels = defaultWordClusters().levels
  for (let k = 0; k < levels.length; k++) out.add(template, `${k}:${cl[k]}`, with_)
}

/** Whether an actor of the sentence heads one of the phrases. */
function actorIn(ctx: EventContext, phrases: readonly Span[]): boolean {
  return phrases.some((p) => ctx.byOffset.actors.overlapping(p.start, p.end).length > 0)
}

/**
 * The features of a token for the trigger model: the word, its lemma and part of speech,
 * the words and parse around it, the trigger dictionary's entries for the lemma, the rules'
 * match there, the Phoenix verb dictionary's code and pattern, whether actors stand in its
 * subject and object, and the cue words before it.
 */
export function triggerFeatures(out: FeatureBuffer, ctx: EventContext, c: TriggerCandidate, r: Span): void {
  const { lower, tokens, arcs, view } = ctx
  const i = c.at
  const t = tokens[i] as Token
  const w = lower[i] ?? ''
  const lemma = lemmaOf(w)
  const arc = arcs[i]
  const dep = arc?.dep ?? '-'
  const head = arc && arc.head >= 0 ? arc.head : -1
  out.reset()
  out.add(F.Bias, '')
  out.add(F.Word, w)
  out.add(F.Lemma, lemma)
  out.add(F.Pos, t.pos)
  out.add(F.PosDep, t.pos, dep)
  out.add(F.LemmaPos, lemma, t.pos)
  out.add(F.Prev, i > r.start ? (lower[i - 1] ?? '') : '<s>')
  out.add(F.Next, i + 1 < r.end ? (lower[i + 1] ?? '') : '</s>')
  out.add(F.PrevPair, i - 1 > r.start ? (lower[i - 2] ?? '') : '<s>', i > r.start ? (lower[i - 1] ?? '') : '<s>')
  out.add(F.NextPair, i + 1 < r.end ? (lower[i + 1] ?? '') : '</s>', i + 2 < r.end ? (lower[i + 2] ?? '') : '</s>')
  out.add(F.Suffix, w.slice(-3), t.pos)
  out.add(F.HeadLemma, head >= 0 ? lemmaOf(lower[head] ?? '') : '<root>', dep)
  out.add(F.DepHeadPos, dep, head >= 0 ? (tokens[head] as Token).pos : '-')
  if (head >= 0) out.add(F.HeadDep, arcs[head]?.dep ?? '-')
  // unsupervised word clusters: a verb the corpus never codes shares weights with its neighbours
  clusters(out, F.Cluster, w, t.pos)
  if (head >= 0) clusters(out, F.HeadCluster, lower[head] ?? '', dep)
  for (const e of triggersByLemma().get(lemma) ?? []) {
    out.add(F.DictRoot, rootOf(e.code))
    out.add(F.DictRootPos, rootOf(e.code), `${e.pos}:${t.pos}`)
  }
  const m = c.rule
  out.add(F.RuleRoot, rootOf(m?.trigger.code))
  if (m) {
    out.add(F.RuleLeaf, m.trigger.code)
    out.add(
      F.RuleKind,
      m.trigger.reported ? 'reported' : m.objectAt !== null ? 'object' : m.trigger.particle ? 'particle' : m.last > m.at ? 'compound' : 'plain',
    )
    out.add(F.LemmaRuleRoot, lemma, rootOf(m.trigger.code))
  }
  const phoenix = phoenixVerb(ctx, i, r)
  if (phoenix) {
    out.add(F.PhoenixRoot, rootOf(phoenix.code), t.pos === 'VERB' ? 'v' : 'n')
    if (phoenix.pattern !== undefined) {
      out.add(F.PhoenixPattern, rootOf(phoenix.pattern))
      out.add(F.PhoenixPatternLeaf, phoenix.pattern ?? '-')
    }
  }
  const subjects = view.subjects(i)
  const objects = view.objects(i)
  out.add(F.SubjectActor, subjects.length ? (actorIn(ctx, subjects) ? 'actor' : 'other') : 'none', t.pos)
  out.add(F.ObjectActor, objects.length ? (actorIn(ctx, objects) ? 'actor' : 'other') : 'none', t.pos)
  for (const k of view.children(i)) {
    const d = arcs[k]?.dep ?? ''
    if (d !== 'punct' && d !== 'det') out.add(F.Children, d)
  }
  if (view.reportedClauses(i).length) out.add(F.ReportedClause, '')
  for (let k = Math.max(r.start, i - 4); k < i; k++) {
    const kind = cueKind().get(lower[k] ?? '')
    if (kind) out.add(F.Cue, kind, String(i - k))
    if (lower[k] === 'to') out.add(F.CueWord, 'to', String(i - k))
  }
  out.add(F.Quoted, ctx.byOffset.indirectQuotes.covers(t.start, t.end) ? 'yes' : 'no')
  const sentence = sentenceFacts(ctx, r)
  out.add(F.Actors, String(Math.min(sentence.actors, 3)))
  if (sentence.lastAttribution > i) out.add(F.Attribution, 'after')
}

/** What the verb governing a trigger says of it (04-modality's `governedBy`): denied, unrealised or unfulfilled, and the verb. */
export interface GovernedCue {
  readonly kind: 'denied' | 'unrealised' | 'unfulfilled'
  readonly word: string
}

/**
 * The features of an event for the modality and negation models: the rules' answers, the
 * event's code, the markers and cue words around the trigger, the verb that governs it
 * ("denied shelling", "plans to visit", "threatened to strike", "failed to attend") and
 * the attribution and question around it; the word before a "to" that introduces the
 * trigger, which tells a plan ("plans to") from necessity ("had to", "were forced to") and
 * purpose ("in order to", a done act's "to disperse"); the subordinators of the trigger's
 * clause and its governor's ("if", "unless", "whether"), and the governor's own modal markers.
 */
export function modalityFeatures(
  out: FeatureBuffer,
  ctx: EventContext,
  at: number,
  r: Span,
  code: string,
  rule: { modality: string; negated: boolean; recoded: string | null; governed?: GovernedCue | null },
): void {
  const { lower, tokens, arcs, view } = ctx
  const t = tokens[at] as Token
  out.reset()
  out.add(F.Bias, '')
  out.add(F.ModRule, rule.modality)
  out.add(F.NegRule, String(rule.negated), rule.modality)
  out.add(F.CodeRoot, rootOf(code))
  out.add(F.CodeLeaf, code)
  out.add(F.ModRule, rule.modality, rootOf(code))
  out.add(F.Recoded, (rule.recoded ?? '-').split(' ')[0] ?? '-', String(rule.negated))
  out.add(F.Pos, t.pos)
  out.add(F.Lemma, lemmaOf(lower[at] ?? ''))
  const g = rule.governed
  out.add(F.Governed, g?.kind ?? '-', rootOf(code))
  if (g) out.add(F.Governed, g.kind, lemmaOf(g.word))
  const markers = view.markers(at)
  out.add(F.Marker, markers.modality ?? '-', String(markers.negated))
  for (const w of markers.markers) out.add(F.Marker, w)
  for (const k of view.children(at)) if (baseRelation(arcs[k]?.dep ?? '') === 'mark') out.add(F.ClauseMark, lower[k] ?? '', 'own')
  const arc = arcs[at]
  if (arc && arc.head >= 0) {
    const g = lemmaOf(lower[arc.head] ?? '')
    out.add(F.Governor, g, arc.dep)
    out.add(F.GovernorDep, arc.dep)
    const gm = view.markers(arc.head)
    out.add(F.Marker, `gov:${gm.modality ?? '-'}`, String(gm.negated))
    for (const w of gm.markers) out.add(F.GovernorMarker, w, arc.dep)
    for (const k of view.children(arc.head)) if (baseRelation(arcs[k]?.dep ?? '') === 'mark' && k !== at) out.add(F.ClauseMark, lower[k] ?? '', 'gov')
  }
  for (let k = Math.max(r.start, at - 5); k < at; k++) {
    const w = lower[k] ?? ''
    const kind = cueKind().get(w)
    if (kind) out.add(F.Cue, kind, String(at - k))
    // necessity and purpose words count only before the trigger's "to" (ToHead): "had" alone is mostly the past perfect
    const more = modalityCueKind().get(w)
    if (more && more !== 'necessity' && more !== 'purpose') out.add(F.ModalCue, more, String(at - k))
    out.add(F.BeforeWord, w)
  }
  // "had to open fire", "plans to visit", "in order to disperse", "massed to attack": the word before the trigger's "to"
  const to = lower[at - 1] === 'to' ? at - 1 : lower[at - 2] === 'to' ? at - 2 : -1
  if (to > r.start) {
    const w = lower[to - 1] ?? ''
    out.add(F.ToHead, modalityCueKind().get(w) ?? cueKind().get(w) ?? (tokens[to - 1] as Token).pos)
    out.add(F.ToHead, lemmaOf(w), 'word')
  }
  for (const [k, kind] of sentenceFacts(ctx, r).cues) out.add(F.SentenceCue, kind, k < at ? 'before' : 'after')
  out.add(F.Quoted, ctx.byOffset.indirectQuotes.covers(t.start, t.end) ? 'yes' : 'no')
  if (lower[r.end - 1] === '?') out.add(F.Question, '')
  out.add(F.TrailingAttribution, sentenceFacts(ctx, r).lastAttribution > at ? 'yes' : 'no')
}
