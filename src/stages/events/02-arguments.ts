import type { Actor, Span } from '../../core/types.js'
import type { TriggerMatch } from './01-triggers.js'
import type { EventContext } from './context.js'
import { symmetricPairs } from './frames/01-symmetric.js'
import { recipientPairs } from './frames/02-recipient.js'
import { passivePairs } from './frames/03-passive.js'
import { activePairs } from './frames/04-active.js'
import { statementPairs } from './frames/05-statement.js'
import { choosePair, defaultRoleModel } from './learned/roles.js'
import { actorsIn, parseRoles } from './parse-roles.js'
import { adjectival, BE, type Pair } from './parties.js'
import { isStatement, reportingSpeakers } from './statements.js'

export type { Pair } from './parties.js'

/**
 * The rules' actor pairs of a trigger, by its frame: symmetric nouns and verbs give one
 * pair per two parties; recipient verbs take the giver after their preposition; passive
 * verbs take the agent after "by"; otherwise the subject (or possessor) before and the
 * object (or the actor after the entry's preposition) after; plain speech acts take the
 * speaker and whom it was told to (`frames/05-statement.ts`).
 */
export function rulePairs(ctx: EventContext, m: TriggerMatch, r: Span): Pair[] {
  const roles = parseRoles(ctx, m)
  if (m.trigger.symmetric) return symmetricPairs(ctx, m, r, roles)
  if (m.trigger.voice === 'recipient') return recipientPairs(ctx, m, r, roles)
  if (roles.passive) return passivePairs(ctx, m, r, roles)
  // "the activists were beaten": a participle the parse reads as an adjective or an active
  // verb is passive all the same; its subjects are acted on, its agent ("by police") acts
  if (passiveVoice(ctx, m, r))
    return passivePairs(ctx, m, r, { sources: ctx.view.agents(m.at).flatMap((p) => actorsIn(ctx, p)), targets: roles.sources, passive: true })
  if (isStatement(m)) return statementPairs(ctx, m, r, roles)
  return activePairs(ctx, m, r, roles)
}

/**
 * Pass 2: the actor pairs of a trigger: the rules' (`rulePairs`), revised by the learned
 * role model (`learned/roles.ts`) where it chooses another source or target: its pair then
 * replaces theirs, and `decided` says so for the event's rule; where it agrees with one of
 * their pairs, their pairs stand (coordinated parties keep one pair each). Symmetric and
 * recipient frames, and triggers the rules found no party for, stay as the rules have them;
 * without the committed model the rules alone decide.
 */
export function findPairs(ctx: EventContext, m: TriggerMatch, r: Span): { pairs: Pair[]; decided: string | null } {
  const found = modelPairs(ctx, m, r)
  // "the ministry said the rebels shelled the town": who reports an act whose clause names its own doer is no party of it
  const speakers = reportingSpeakers(ctx, m)
  const speaks = (a: Actor | null): boolean => !!a && speakers.some((s) => a.start >= s.start && a.end <= s.end)
  if (!found.pairs.some(([s]) => speaks(s))) return found
  const pairs: Pair[] = []
  for (const [s, t] of found.pairs) {
    const pair: Pair = speaks(s) ? [null, t] : [s, t]
    if (!pairs.some(([a, b]) => a === pair[0] && b === pair[1])) pairs.push(pair)
  }
  return { pairs, decided: `${found.decided ? `${found.decided}, ` : ''}the speaker reports, no party` }
}

/** The rules' pairs, or the role model's where it overrules them. */
function modelPairs(ctx: EventContext, m: TriggerMatch, r: Span): { pairs: Pair[]; decided: string | null } {
  const rules = rulePairs(ctx, m, r)
  const model = defaultRoleModel()
  if (!model || !rules.length || rulesOnly(m)) return { pairs: rules, decided: null }
  const chosen = choosePair(model, ctx, m, r, rules)
  if (!chosen) return { pairs: rules, decided: null }
  const [s, t] = chosen.pair
  if (rules.some(([a, b]) => a?.code === s?.code && b?.code === t?.code)) return { pairs: rules, decided: null }
  return { pairs: [chosen.pair], decided: 'model roles' }
}

/**
 * The frames the rules keep to themselves: symmetric acts give every party a pair of its
 * own ("clashes between A and B"), which one chosen pair would cut to one; recipient verbs
 * turn the subject into the target ("received asylum in Moscow"), which the model, learnt
 * mostly on other frames, reads the other way round (it made the receiver the source).
 */
export const rulesOnly = (m: TriggerMatch): boolean => !!m.trigger.symmetric || m.trigger.voice === 'recipient'

/** "Assad ... was replaced by HTS leader Ahmed al-Sharaa": a participle after "be" that is no adjective. */
function passiveVoice(ctx: EventContext, m: TriggerMatch, r: Span): boolean {
  const { lower } = ctx
  // "were beaten and then detained by police": a verb with an agent is passive
  const agent = m.trigger.pos === 'verb' && ctx.view.dependents(m.at, 'obl:agent').length > 0
  return (agent || (m.at > r.start && BE.has(lower[m.at - 1] ?? '') && /(ed|en)$/.test(lower[m.at] ?? ''))) && !adjectival(ctx, m)
}
