import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Actor, Quote, Span, Token } from '../../../core/types.js'
import { FeatureBuffer, LinearModel } from '../../../models/perceptron.js'
import type { TriggerMatch } from '../01-triggers.js'
import { attributionStart, type EventContext, isAttributionVerb, tokenAfter } from '../context.js'
import { RELATIVES } from '../parse-roles.js'
import { BE, type Pair } from '../parties.js'
import { isMedium, isStatement } from '../statements.js'
import { lemmaOf } from '../triggers.js'

// The role model: for a trigger, which actor mention of its sentence (or the rules' choice
// from beyond it) is the source, which the target, or none. Each candidate mention is scored
// against three classes; the rules' pairs are features, and their parties are candidates.

/** The committed role model (scripts/train-event-roles.ts; figures in MODELS.md). */
export const ROLES_MODEL_PATH = fileURLToPath(new URL('../../../../models/events-roles.model.gz', import.meta.url))

/** The role model's classes: a candidate's score as source and as target (the options of a role are ranked). */
export const ROLE_CLASSES: readonly string[] = ['source', 'target']

/** A mention that may fill a role: the actor, the token that heads it, and how it was reached. */
export interface RoleCandidate {
  readonly actor: Actor
  /** The token that stands for it in the parse (its head word, or the pronoun that refers to it). */
  readonly at: number
  /** How the rules used it: as a source, a target, both (in different pairs) or not at all. */
  readonly rule: 'source' | 'target' | 'both' | 'none'
  /** A pronoun of the sentence resolved back to it ("he said", "they fired"). */
  readonly pronoun: boolean
  /** The sentence's pronouns that refer to it (a relative "who" after its name). */
  readonly refs: number[]
}

let loaded: LinearModel | null | undefined

/** The committed role model, loaded on first use; null when it has not been trained (the rules alone decide). */
export function defaultRoleModel(): LinearModel | null {
  if (loaded === undefined) loaded = existsSync(ROLES_MODEL_PATH) ? LinearModel.load(ROLES_MODEL_PATH) : null
  return loaded
}

/** The token of a span whose head in the parse lies outside it (the phrase's head word). */
function headToken(ctx: EventContext, a: Span): number | undefined {
  const first = ctx.tokenAt.get(a.start)
  if (first === undefined) return undefined
  const last = Math.max(first, tokenAfter(ctx, a) - 1)
  for (let k = first; k <= last; k++) {
    const h = ctx.arcs[k]?.head ?? -1
    if (h < first || h > last) return k
  }
  return last
}

/**
 * The candidates of a trigger: every actor of its sentence (the trigger's own words aside),
 * the persons and groups its pronouns refer back to, and the parties of the rules' pairs.
 */
export function roleCandidates(ctx: EventContext, m: TriggerMatch, r: Span, pairs: readonly Pair[]): RoleCandidate[] {
  const sources = new Set<Actor>()
  const targets = new Set<Actor>()
  for (const [s, t] of pairs) {
    if (s) sources.add(s)
    if (t) targets.add(t)
  }
  const ruleOf = (a: Actor): RoleCandidate['rule'] => (sources.has(a) ? (targets.has(a) ? 'both' : 'source') : targets.has(a) ? 'target' : 'none')
  const out: RoleCandidate[] = []
  const seen = new Map<Actor, RoleCandidate>()
  const add = (a: Actor, at: number, pronoun: boolean): void => {
    const known = seen.get(a)
    if (known) {
      if (pronoun) known.refs.push(at)
      return
    }
    const c: RoleCandidate = { actor: a, at, rule: ruleOf(a), pronoun, refs: pronoun ? [at] : [] }
    seen.set(a, c)
    out.push(c)
  }
  for (let k = r.start; k < r.end; k++) {
    if (k >= m.at && k <= m.last) continue
    const a = ctx.actorAt[k]
    if (a) {
      // a pronoun resolved back (anaphora.ts) is its own mention, with its referent's code
      add(a, headToken(ctx, a) ?? k, a.via.startsWith('pronoun:'))
      continue
    }
    const t = ctx.tokens[k] as Token
    if (t.pos !== 'PRON' || !RELATIVES.has(ctx.lower[k] ?? '')) continue
    const resolved = relativeAntecedent(ctx, k)
    if (resolved) add(resolved, k, true)
  }
  // the rules' parties from beyond the sentence or made up for it (a place's country, the domestic target)
  for (const a of [...sources, ...targets]) {
    const k = ctx.tokenAt.get(a.start)
    add(a, k !== undefined && k >= r.start && k < r.end ? (headToken(ctx, a) ?? k) : m.at, false)
  }
  return out
}

/** The actor a relative pronoun stands for: the noun its clause hangs on ("Moslem militants, who ..."). */
function relativeAntecedent(ctx: EventContext, k: number): Actor | undefined {
  const verb = ctx.arcs[k]?.head ?? -1
  const clause = verb >= 0 ? ctx.arcs[verb] : undefined
  if (!clause?.dep.startsWith('acl') || clause.head < 0 || clause.head > k) return undefined
  const p = ctx.view.phrase(clause.head)
  return ctx.actorAt[clause.head] ?? ctx.byOffset.actors.inside(p.start, p.end)[0]
}

// feature templates (part of every hash)
const F = {
  Bias: 1,
  Rule: 2,
  RuleFrame: 3,
  Side: 4,
  Distance: 5,
  Dep: 6,
  Path: 7,
  PathVoice: 8,
  Prep: 9,
  PrepLemma: 10,
  Kind: 11,
  Role: 12,
  Via: 13,
  Pronoun: 14,
  Between: 15,
  Nearest: 16,
  Speech: 17,
  Quote: 18,
  Attribution: 19,
  Possessive: 20,
  Lemma: 21,
  LemmaSide: 22,
  Root: 23,
  RootDep: 24,
  Outside: 25,
  Medium: 26,
  DepLemma: 27,
  Subject: 28,
  RulePairs: 29,
  Voice: 30,
  None: 31,
  Case: 33,
  ViaKind: 34,
  Appos: 35,
} as const

/** Distance in tokens, in buckets. */
const bucket = (n: number): string => (n <= 3 ? String(n) : n <= 5 ? '4-5' : n <= 9 ? '6-9' : n <= 15 ? '10-15' : '16+')

/**
 * The dependency path from a candidate's head up to the lowest word it shares with the
 * trigger and down to the trigger: "nsubj^" (the trigger's subject), "obj^xcomp^>" (the
 * object of the trigger's complement); "far" beyond four steps.
 */
function depPath(ctx: EventContext, from: number, to: number): string {
  const up: number[] = []
  const upAt = new Map<number, number>()
  for (let k = from, n = 0; k >= 0 && n < 6; k = ctx.arcs[k]?.head ?? -1, n++) {
    upAt.set(k, up.length)
    up.push(k)
  }
  const down: number[] = []
  for (let k = to, n = 0; k >= 0 && n < 6; k = ctx.arcs[k]?.head ?? -1, n++) {
    const at = upAt.get(k)
    if (at !== undefined) {
      if (at + down.length > 4) return 'far'
      const rel = (i: number): string => (ctx.arcs[i]?.dep ?? '-').split(':')[0] as string
      return `${up
        .slice(0, at)
        .map((i) => `${rel(i)}^`)
        .join('')}${down
        .reverse()
        .map((i) => `>${rel(i)}`)
        .join('')}`
    }
    down.push(k)
  }
  return 'far'
}

/** The sentence-wide facts the candidates of one trigger share. */
export interface TriggerFacts {
  readonly passive: boolean
  /** `passive` or `active`, as the features name it. */
  readonly voice: string
  /** The root of the trigger's code ("19"). */
  readonly root: string
  /** The lemma of the trigger's word. */
  readonly lemma: string
  /** The quote the trigger stands in, if any. */
  readonly quote: Quote | undefined
  /** The comma of a trailing attribution after the trigger ("..., the minister said"), or -1. */
  readonly attribution: number
  readonly frame: string
  readonly pairs: number
}

/** What the candidates of one trigger share: its voice, root, lemma and quote, a trailing attribution, its frame and the rules' pair count. */
export function triggerFacts(ctx: EventContext, m: TriggerMatch, r: Span, pairs: readonly Pair[]): TriggerFacts {
  const before = ctx.lower.slice(Math.max(r.start, m.at - 3), m.at)
  const passive = m.trigger.pos === 'verb' && before.some((w) => BE.has(w)) && (ctx.view.isPassive(m.at) || /(ed|en)$/.test(ctx.lower[m.at] ?? ''))
  const a = attributionStart(ctx, m.last + 1, r.end)
  const frame = m.trigger.symmetric ? 'symmetric' : m.trigger.voice === 'recipient' ? 'recipient' : isStatement(m) ? 'statement' : m.trigger.pos
  const t = ctx.tokens[m.at] as Token
  return {
    passive,
    voice: passive ? 'passive' : 'active',
    root: m.trigger.code.slice(0, 2),
    lemma: lemmaOf(ctx.lower[m.at] ?? ''),
    quote: ctx.quotes.find((q) => q.start <= t.start && t.end <= q.end),
    attribution: a < r.end ? a : -1,
    frame,
    pairs: Math.min(pairs.length, 3),
  }
}

/** The features of one candidate mention for one trigger. */
export function roleFeatures(
  out: FeatureBuffer,
  ctx: EventContext,
  m: TriggerMatch,
  r: Span,
  facts: TriggerFacts,
  c: RoleCandidate,
  all: readonly RoleCandidate[],
): void {
  const { lower, tokens, arcs } = ctx
  const a = c.actor
  const inside = a.end > a.start && c.at >= r.start && c.at < r.end && (c.pronoun || ctx.actorAt[c.at] === a)
  const side = !inside ? 'outside' : c.at < m.at ? 'before' : 'after'
  const distance = !inside ? 0 : c.at < m.at ? m.at - c.at : c.at - m.last
  const { root, voice, lemma, quote } = facts
  out.reset()
  out.add(F.Bias, '')
  out.add(F.Rule, c.rule)
  out.add(F.RuleFrame, c.rule, facts.frame)
  out.add(F.RulePairs, c.rule, String(facts.pairs))
  out.add(F.Side, side, facts.frame)
  out.add(F.Voice, side, voice)
  out.add(F.Distance, side, bucket(distance))
  out.add(F.Root, root, side)
  out.add(F.LemmaSide, lemma, side)
  const kind = a.code.startsWith('---') ? 'role' : a.country ? 'country' : a.code.slice(0, 3)
  out.add(F.Kind, kind, side)
  out.add(F.Role, a.code.slice(3, 6) || '-', side)
  out.add(F.Via, a.via.split(/[:+]/)[0] ?? '-', side)
  if (isMedium(a)) out.add(F.Medium, side)
  if (c.pronoun) out.add(F.Pronoun, lower[c.at] ?? '', side)
  for (const k of c.refs) if (k !== c.at) out.add(F.Pronoun, `ref:${lower[k]}`, String(ctx.arcs[k]?.head === m.at))
  if (!inside) {
    out.add(F.Outside, a.via.split(/[:+]/)[0] ?? '-', c.rule)
    return
  }
  const dep = arcs[c.at]?.dep ?? '-'
  const direct = arcs[c.at]?.head === m.at || arcs[c.at]?.head === m.last
  out.add(F.Dep, direct ? dep : `~${dep.split(':')[0]}`, voice)
  out.add(F.DepLemma, direct ? dep : '~', lemma)
  out.add(F.RootDep, root, direct ? dep : '~')
  const path = depPath(ctx, c.at, m.at)
  out.add(F.Path, path, facts.frame)
  out.add(F.PathVoice, path, voice)
  // the preposition before the mention ("by", "on", "against", "of")
  const first = ctx.tokenAt.get(a.start) ?? c.at
  const prevWord = lower[first - 1] === 'the' ? (lower[first - 2] ?? '') : (lower[first - 1] ?? '')
  const prev = tokens[first - 1]?.pos === 'ADP' || lower[first - 1] === 'the' ? prevWord : '-'
  out.add(F.Prep, prev, side)
  out.add(F.PrepLemma, prev, lemma)
  // the preposition the parse hangs on the mention
  const cases = ctx.view.dependents(c.at, 'case')
  out.add(F.Case, cases.length ? (lower[cases[0] as number] ?? '') : '-', `${side}:${direct}`)
  out.add(F.ViaKind, a.via.split(/[:+]/)[0] ?? '-', `${kind}:${direct ? dep.split(':')[0] : '~'}`)
  if (/^['’]s$/.test(lower[tokenAfter(ctx, a)] ?? '')) out.add(F.Possessive, side)
  // the actors between the mention and the trigger, and whether it is the nearest on its side
  let between = 0
  let nearer = false
  for (const o of all) {
    if (o === c || o.at < r.start || o.at >= r.end) continue
    if ((side === 'before' && o.at > c.at && o.at < m.at) || (side === 'after' && o.at < c.at && o.at > m.last)) {
      between++
      nearer = true
    }
  }
  out.add(F.Between, side, bucket(between))
  out.add(F.Nearest, `${side}:${!nearer}`, c.rule)
  // "X, the UN's relief coordinator": one party named twice, by name and by role
  const apposHead = dep === 'appos' ? (arcs[c.at]?.head ?? -1) : -1
  if (apposHead >= 0 && all.some((o) => o !== c && o.at === apposHead)) out.add(F.Appos, 'is-apposition', kind)
  if (all.some((o) => o !== c && arcs[o.at]?.dep === 'appos' && arcs[o.at]?.head === c.at)) out.add(F.Appos, 'has-apposition', kind)
  // reported speech: a trailing attribution, the quotes layer's speaker and the quote the trigger stands in
  if (facts.attribution >= 0) out.add(F.Attribution, c.at > facts.attribution ? 'in-attribution' : 'before-attribution', facts.frame)
  if (quote) {
    const speaker = quote.speaker
    const speaks = !!speaker && speaker.start <= a.start && a.end <= speaker.end
    const within = quote.start <= a.start && a.end <= quote.end
    out.add(F.Quote, speaks ? 'speaker' : within ? 'inside' : 'beyond', quote.direct ? 'direct' : 'indirect')
  }
  // the mention is the subject of a verb of saying ("the minister said")
  const head = arcs[c.at]?.head ?? -1
  if (head >= 0 && /^nsubj/.test(dep)) out.add(F.Subject, isAttributionVerb(lower[head] ?? '') ? 'of-saying' : head === m.at ? 'own' : 'other', side)
}

/**
 * The features of the "none" option of a trigger: what makes a role left unfilled likely
 * (the frame, the voice, the act, whether the rules filled it).
 */
export function noneFeatures(out: FeatureBuffer, facts: TriggerFacts, candidates: readonly RoleCandidate[], pairs: readonly Pair[]): void {
  const { voice, root } = facts
  out.reset()
  out.add(F.None, '')
  out.add(F.None, 'frame', facts.frame)
  out.add(F.None, 'voice', voice)
  out.add(F.None, 'root', root)
  out.add(F.None, 'lemma', facts.lemma)
  out.add(F.None, 'candidates', bucket(candidates.length))
  out.add(F.None, 'rule-source', String(pairs.some(([a]) => !!a)))
  out.add(F.None, 'rule-target', String(pairs.some(([, b]) => !!b)))
  out.add(F.None, 'rule-pairs', `${facts.pairs}:${voice}`)
}

const features = new FeatureBuffer()
const scores = new Float64Array(ROLE_CLASSES.length)

/** Each option's score as source and as target: the candidates', then the "none" option's last. */
export function scoreRoles(
  model: LinearModel,
  ctx: EventContext,
  m: TriggerMatch,
  r: Span,
  pairs: readonly Pair[],
): { candidates: RoleCandidate[]; source: number[]; target: number[] } {
  const candidates = roleCandidates(ctx, m, r, pairs)
  const facts = triggerFacts(ctx, m, r, pairs)
  const source: number[] = []
  const target: number[] = []
  const push = (): void => {
    model.score(features, scores)
    source.push(scores[0] as number)
    target.push(scores[1] as number)
  }
  for (const c of candidates) {
    roleFeatures(features, ctx, m, r, facts, c, candidates)
    push()
  }
  noneFeatures(features, facts, candidates, pairs)
  push()
  return { candidates, source, target }
}

/** The best option of a role (an index into the candidates, or their length for "none"), `skip` aside. */
export function bestOption(scored: readonly number[], skip = -1): number {
  let best = scored.length - 1
  for (let k = 0; k < scored.length - 1; k++) if (k !== skip && (scored[k] as number) > (scored[best] as number)) best = k
  return best
}

/**
 * The options the role model picks for a trigger (indexes into its candidates; their
 * count for none), from the scores of `scoreRoles`: of the candidates and "none", the best
 * as source, then of the rest (of another code than the source) the best as target. A role
 * the rules filled is emptied only where "none" leads by `margins.drop` (in the corpus
 * the guide leaves a party out more often than the PLOVER and CAMEO sets do, and trained on
 * it alone the model drops targets those sets count); a role they left empty is filled only
 * where a candidate leads by `margins.fill`.
 */
export function pickPair(
  codes: readonly string[],
  rules: readonly RoleCandidate['rule'][],
  source: readonly number[],
  target: readonly number[],
  margins: { readonly drop: number; readonly fill: number; readonly keep: number } = ROLE_MARGINS,
): [number, number] {
  const n = codes.length
  const chose = (k: number, role: number): boolean => rules[k] === 'both' || rules[k] === (role === 0 ? 'source' : 'target')
  const filled = [rules.some((_, k) => chose(k, 0)), rules.some((_, k) => chose(k, 1))]
  const allow = (scored: readonly number[], role: number): number[] =>
    scored.map((v, k) => (k === n ? (filled[role] ? v - margins.drop : v) : !filled[role] ? v - margins.fill : chose(k, role) ? v + margins.keep : v))
  const s = bestOption(allow(source, 0))
  // a target of the source's own code is no other party
  const g = bestOption(
    allow(target, 1).map((v, k) => (k < n && s < n && codes[k] === codes[s] ? Number.NEGATIVE_INFINITY : v)),
    s,
  )
  return [s, g]
}

/** The pair the role model chooses for a trigger (see `pickPair`); null when it chooses none for both. */
export function choosePair(model: LinearModel, ctx: EventContext, m: TriggerMatch, r: Span, pairs: readonly Pair[]): { pair: Pair } | null {
  const { candidates, source, target } = scoreRoles(model, ctx, m, r, pairs)
  const [s, g] = pickPair(
    candidates.map((c) => c.actor.code),
    candidates.map((c) => c.rule),
    source,
    target,
  )
  const src = candidates[s]?.actor ?? null
  const tgt = candidates[g]?.actor ?? null
  if (!src && !tgt) return null
  return { pair: [src, tgt] }
}

/**
 * How far (score units) "none" must lead to empty a role the rules filled, a candidate to
 * fill a role they left empty, and what the rules' own choice of a mention is worth beside
 * the model's: chosen on the corpus dev split with the PLOVER develop half beside it
 * (MODELS.md). Emptying the rules' targets is where the corpus gains most (its guide leaves
 * protests, statements and pledges without a target), and just what the PLOVER and CAMEO
 * sets count against; filling roles, or making events where the rules found no party,
 * gains root recall there at a cost in precision none of the sets bear. So the model picks
 * among the mentions of a role the rules filled, and needs a lead to overrule their choice.
 */
export const ROLE_MARGINS = { drop: Number.POSITIVE_INFINITY, fill: Number.POSITIVE_INFINITY, keep: 20000 } as const
