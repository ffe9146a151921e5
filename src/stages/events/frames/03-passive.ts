import type { Actor, Span } from '../../../core/types.js'
import type { TriggerMatch } from '../01-triggers.js'
import type { EventContext } from '../context.js'
import type { Roles } from '../parse-roles.js'
import { actorBefore, crossPairs, distinctActors, type Pair } from '../parties.js'

/** Passive verbs: the agent after "by" (or the parse's agent), the patient before. */
export function passivePairs(ctx: EventContext, m: TriggerMatch, r: Span, roles: Roles): Pair[] {
  const { lower } = ctx
  const { at: i, last } = m
  const byAt = lower.indexOf('by', last + 1)
  const agents = roles.sources.length ? roles.sources : byAt >= 0 && byAt < r.end ? distinctActors(ctx, byAt + 1, Math.min(r.end, byAt + 6)).slice(0, 1) : []
  const patients = roles.targets.length ? roles.targets : [actorBefore(ctx, i, r)].filter((a): a is Actor => !!a)
  // "about 200 demonstrators were arrested": with no agent, only a patient the parse gives as the subject
  if (!agents.length && !roles.targets.length) return []
  return crossPairs(agents, patients)
}
