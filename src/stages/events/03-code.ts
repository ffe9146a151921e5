import type { Modality, Span } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { TriggerMatch } from './01-triggers.js'
import { type CameoCode, cameoCode, intentCode, negationCode, requestCode, threatCode } from './codebook.js'
import type { EventContext } from './context.js'

/** The CAMEO code of an event and the rule suffix that says why it differs from the trigger's. */
export interface Coding {
  readonly code: CameoCode
  readonly recoded: string | null
}

/**
 * Pass 3: the event's CAMEO code. A negated cooperative trigger ("will not accept any more
 * refugees") is a rejection (root 12); a cooperative trigger stated as an intention ("will
 * assist Damascus", "eager to restore ties") is coded as its root-03 intent code, a
 * conflictual one ("will extend the curfew", "vowed to fight") as its root-13 threat. The
 * intent code needs a word of willingness or the future tense (`willing`: "ready to assist",
 * "will visit": PLOVER codes future-tense cooperation as an intent); a plan told with "to"
 * ("plans to visit") keeps the act's own code, the modality saying it is to come.
 */
export function codeOf(m: TriggerMatch, modality: Modality, negated: boolean, committed: boolean, willing: boolean, act?: TriggerMatch): Coding | null {
  // "called for the withdrawal of Syrian forces": a generic appeal named after the act it asks for
  const asked = act && !negated ? requestCode(m.trigger.code, act.trigger.code) : null
  if (asked) {
    const code = cameoCode(asked)
    if (code) return { code, recoded: `act ${act?.trigger.lemma}` }
  }
  const rejected = negated ? negationCode(m.trigger.code) : null
  const intended = !rejected && modality === 'intended' && willing ? intentCode(m.trigger.code) : null
  const threat = !rejected && !intended && modality === 'intended' && committed && !negated ? threatCode(m.trigger.code) : null
  const code = cameoCode(rejected ?? intended ?? threat ?? m.trigger.code)
  if (!code) return null
  return { code, recoded: rejected ? 'reject' : intended ? 'intent' : threat ? 'threat' : null }
}

/**
 * The act a generic appeal, demand, threat or promise asks for: the nearest other trigger in
 * the sentence that its complement, object or oblique leads to ("demanded that the US cancel
 * plans", "called for the withdrawal of Syrian forces", "threatened to impose import restrictions").
 */
export function requestedAct(ctx: EventContext, m: TriggerMatch, all: readonly TriggerMatch[]): TriggerMatch | undefined {
  let best: TriggerMatch | undefined
  let bestDepth = Number.POSITIVE_INFINITY
  // "reached a consensus to exchange information": a noun frame's act may hang from the verb it is the object of
  const arc = ctx.arcs[m.at]
  const governor = m.trigger.pos === 'noun' && arc && arc.head >= 0 && arc.dep === 'obj' ? arc.head : -1
  for (const other of all) {
    if (other === m || other.at < m.at) continue
    // whatever the parse says, a noun frame's "to" + verb names its act: "a consensus to exchange information"
    if (m.trigger.pos === 'noun' && ctx.lower[m.last + 1] === 'to' && other.at === m.last + 2) return other
    // climb from the other trigger to m through at most three arcs of the kinds a request takes
    let k = other.at
    for (let depth = 1; depth <= 3; depth++) {
      const arc = ctx.arcs[k]
      if (!arc || arc.head < 0 || !/^(xcomp|ccomp|obj|obl|nmod|acl|advcl)/.test(arc.dep)) break
      if (arc.head === m.at || arc.head === m.objectAt || (arc.head === governor && depth === 1 && toInfinitive(ctx, k, arc.dep))) {
        if (depth < bestDepth) {
          best = other
          bestDepth = depth
        }
        break
      }
      k = arc.head
    }
  }
  return best
}

/** Whether a clause is a to-infinitive complement or purpose: "reached a consensus [to exchange] information". */
function toInfinitive(ctx: EventContext, verb: number, dep: string): boolean {
  return /^(xcomp|advcl|acl)/.test(dep) && ctx.view.dependents(verb, 'mark').some((k) => ctx.lower[k] === 'to')
}

interface TopicCodes {
  readonly frames: readonly string[]
  readonly entries: readonly { digit: string; words: readonly string[] }[]
}
const topics = lazy(() => {
  const file = loadLexicon<TopicCodes>('events/topic-codes.json')
  const digit = new Map<string, string>()
  for (const e of file.entries) for (const w of e.words) digit.set(w, e.digit)
  return { frames: new Set(file.frames), digit }
})

/**
 * A protest, demand or appeal for political reform split by what it asks for: the first topic
 * word after the trigger ("began a hunger strike ... to demand the return of property" 142 -> 1423).
 */
export function topicCoding(ctx: EventContext, coding: Coding, m: TriggerMatch, r: Span): Coding {
  const { frames, digit } = topics()
  if (!frames.has(coding.code.code)) return coding
  for (let k = m.last + 1; k < r.end; k++) {
    const d = digit.get(ctx.lower[k] ?? '')
    const code = d ? cameoCode(coding.code.code + d) : null
    if (code) return { code, recoded: `topic ${ctx.lower[k]}` }
  }
  return coding
}
