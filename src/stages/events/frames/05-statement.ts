import type { Actor, Span } from '../../../core/types.js'
import type { TriggerMatch } from '../01-triggers.js'
import type { EventContext } from '../context.js'
import { actorsIn, headsClause, type Roles } from '../parse-roles.js'
import { distinctCodes, type Pair } from '../parties.js'
import { channelSubjects, isMedium, nominal, speakers } from '../statements.js'
import { activePairs } from './04-active.js'

/**
 * Plain speech acts ("said", "told", "announced"; guide §5): the speaker is the source,
 * unless it only passes news on (a medium, sources, witnesses: no event), and the target is
 * whom it was said to ("told Iran", "said of the rebels") — never a party of what was said
 * ("said the PUK had broken the ceasefire"), nor the medium it was said to ("told French
 * television"); a plain "X said (that) ..." has no target.
 */
export function statementPairs(ctx: EventContext, m: TriggerMatch, r: Span, roles: Roles): Pair[] {
  const channels = channelSubjects(ctx, m)
  const relays = (a: Actor): boolean => isMedium(a) || channels.some((s) => a.start >= s.start && a.end <= s.end)
  // one party per speaker: "a spokesman for the rebels" speaks for the rebels, no second speaker
  const spoken = speakers(ctx, m)
    .filter((s) => !channels.includes(s))
    .flatMap((s) => {
      const inside = ctx.byOffset.actors.inside(s.start, s.end)
      const known = inside.filter((a) => !a.code.startsWith('---'))
      const pick = (known.length ? known : inside).at(-1)
      return pick ? [pick] : []
    })
  const found = spoken.length ? spoken : roles.sources.length ? roles.sources : activePairs(ctx, m, r, roles).flatMap(([s]) => (s ? [s] : []))
  const sources = distinctCodes(found.filter((a) => !relays(a)))
  if (!sources.length) return []
  const { view } = ctx
  const told = [
    ...view
      .objects(m.at)
      .filter((p) => nominal(ctx, p.head) && !headsClause(ctx, p))
      .flatMap((p) => actorsIn(ctx, p)),
    ...view
      .obliques(m.at)
      .filter((o) => o.prep === 'to' || o.prep === 'of')
      .flatMap((o) => actorsIn(ctx, o)),
  ].filter((a) => !relays(a))
  const pairs: Pair[] = []
  for (const s of sources) {
    const targets = distinctCodes(told.filter((t) => t.code !== s.code))
    if (!targets.length) pairs.push([s, null])
    for (const t of targets) pairs.push([s, t])
  }
  return pairs
}
