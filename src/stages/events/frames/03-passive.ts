import type { Actor, Span } from '../../../core/types.js'
import type { TriggerMatch } from '../01-triggers.js'
import type { EventContext } from '../context.js'
import type { Roles } from '../parse-roles.js'
import { actorBefore, crossPairs, distinctActors, type Pair } from '../parties.js'

// coercion, assault, fights and mass violence: done to people whoever they are ("the four were arrested")
const FORCE = /^(17|18|19|20)/

/**
 * "The four were arrested on Monday", "two men were shot dead": an act of force in the
 * passive whose subject the parse gives, though it names no actor, is still an event with
 * both parties unknown (annotation guide §5: agentless reports).
 */
function coercedUnnamed(ctx: EventContext, m: TriggerMatch): boolean {
  return FORCE.test(m.trigger.code) && ctx.view.subjects(m.at).length > 0
}

/** Passive verbs: the agent after "by" (or the parse's agent), the patient before. */
export function passivePairs(ctx: EventContext, m: TriggerMatch, r: Span, roles: Roles): Pair[] {
  const { lower } = ctx
  const { at: i, last } = m
  const byAt = lower.indexOf('by', last + 1)
  const agents = roles.sources.length ? roles.sources : byAt >= 0 && byAt < r.end ? distinctActors(ctx, byAt + 1, Math.min(r.end, byAt + 6)).slice(0, 1) : []
  const patients = roles.targets.length ? roles.targets : [actorBefore(ctx, i, r)].filter((a): a is Actor => !!a)
  // "about 200 demonstrators were arrested": with no agent, only a patient the parse gives as the subject
  if (!agents.length && !roles.targets.length) return coercedUnnamed(ctx, m) ? [[null, null]] : []
  return crossPairs(agents, patients)
}
