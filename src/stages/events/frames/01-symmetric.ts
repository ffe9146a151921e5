import type { Actor, Span } from '../../../core/types.js'
import type { TriggerMatch } from '../01-triggers.js'
import { cameoCode } from '../codebook.js'
import { attributionStart, type EventContext } from '../context.js'
import type { Roles } from '../parse-roles.js'
import { actorBefore, coordinatedAfter, coordinatedBefore, distinctActors, distinctCodes, type Pair, TARGET_WINDOW } from '../parties.js'

/** Symmetric nouns and verbs: one pair per two parties ("clashes between Druze militias, Bedouin tribes, and government forces"). */
export function symmetricPairs(ctx: EventContext, m: TriggerMatch, r: Span, roles: Roles): Pair[] {
  const { lower } = ctx
  const { at: i, last } = m
  // up to a trailing attribution: "the peace accord between A and B, two rebel commanders told AFP"
  const window = distinctActors(ctx, last + 1, attributionStart(ctx, last + 1, Math.min(r.end, last + 1 + TARGET_WINDOW * 2)))
  // "clashes between Hutus and Tutsis, a witness ... said": after "between", the coordinated parties only
  const between = lower.slice(last + 1, Math.min(r.end, last + 4)).indexOf('between')
  const listed = between >= 0 ? coordinatedAfter(ctx, last + 2 + between, r) : []
  const before = actorBefore(ctx, i, r)
  // "India and Pakistan agreed ...": the parties are the coordinated subjects
  const coordinated = coordinatedBefore(ctx, i, r)
  // "Polish and Czech ministers agreed": coordinated subjects from the parse
  const subjects = distinctCodes(roles.sources).length >= 2 ? distinctCodes(roles.sources) : coordinated
  // "the rebels clashed again": one party, the parse's subject, the other left unsaid
  const one = roles.sources[0]
  // one side named before the act meets or fights the first party named after it ("rebels, fighting a
  // war against the government since 1983, ... expatriates in Canada": one pair, never every actor
  // the window holds paired with every other); with no side before it, the first two named after it
  const side = before ?? one
  // the first party after it that is not that side itself ("Russia's army ... Russia")
  const other = side ? window.find((a) => a.code !== side.code || a.id !== side.id) : undefined
  const all = subjects.length >= 2 ? subjects : listed.length >= 2 ? listed : side && other ? [side, other] : window.length >= 2 ? window.slice(0, 2) : []
  const pairs: Pair[] = []
  if (!all.length && one) return [[one, null]]
  // "a summit of Egypt, Jordan, Iraq and Syria": one act among three or more is one event,
  // the first named as its source, no pair among the others (annotation guide §5)
  // (a fight among three sides stays pairwise: each side fights the others)
  if (distinctCodes(all).length >= 3 && (cameoCode(m.trigger.code)?.quad ?? 4) <= 2) return [[all[0] as Actor, null]]
  for (let a = 0; a < all.length; a++)
    for (let b = a + 1; b < all.length; b++) if (all[a]?.code !== all[b]?.code || all[a]?.id !== all[b]?.id) pairs.push([all[a] as Actor, all[b] as Actor])
  // every candidate pair was one actor twice: the one side, the other left unsaid
  if (!pairs.length && one) return [[one, null]]
  return pairs
}
