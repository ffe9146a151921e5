import type { Span } from '../../../core/types.js'
import type { TriggerMatch } from '../01-triggers.js'
import type { EventContext } from '../context.js'
import type { Roles } from '../parse-roles.js'
import { actorBefore, type Pair, placeParty } from '../parties.js'

/** Recipient verbs: the giver after the entry's preposition, the receiver before ("received asylum in Moscow"). */
export function recipientPairs(ctx: EventContext, m: TriggerMatch, r: Span, _roles: Roles): Pair[] {
  const { lower, actorAt } = ctx
  const { trigger, at: i, last } = m
  const preps = typeof trigger.prep === 'string' ? [trigger.prep] : (trigger.prep ?? [])
  // "Assad, who along with his family received political asylum in Moscow"
  const at = lower.slice(last + 1, Math.min(r.end, last + 8)).findIndex((w) => preps.includes(w))
  const from = at >= 0 ? last + 2 + at : last + 1
  const giver = actorAt[from] ?? placeParty(ctx, from, Math.min(r.end, from + 3))
  const receiver = actorBefore(ctx, i, r)
  if (giver && receiver) return giver.code !== receiver.code ? [[giver, receiver]] : []
  // "received weapons from Iran": a giver with no receiver named
  return giver ? [[giver, null]] : []
}
