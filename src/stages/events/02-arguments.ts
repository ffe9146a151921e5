import type { Span } from '../../core/types.js'
import type { TriggerMatch } from './01-triggers.js'
import type { EventContext } from './context.js'
import { symmetricPairs } from './frames/01-symmetric.js'
import { recipientPairs } from './frames/02-recipient.js'
import { passivePairs } from './frames/03-passive.js'
import { activePairs } from './frames/04-active.js'
import { statementPairs } from './frames/05-statement.js'
import { parseRoles } from './parse-roles.js'
import { adjectival, BE, type Pair } from './parties.js'
import { isStatement } from './statements.js'

export type { Pair } from './parties.js'

/**
 * Pass 2: the actor pairs of a trigger, by its frame: symmetric nouns and verbs give one
 * pair per two parties; recipient verbs take the giver after their preposition; passive
 * verbs take the agent after "by"; otherwise the subject (or possessor) before and the
 * object (or the actor after the entry's preposition) after; plain speech acts take the
 * speaker and whom it was told to (`frames/05-statement.ts`).
 */
export function findPairs(ctx: EventContext, m: TriggerMatch, r: Span): Pair[] {
  const roles = parseRoles(ctx, m)
  if (m.trigger.symmetric) return symmetricPairs(ctx, m, r, roles)
  if (m.trigger.voice === 'recipient') return recipientPairs(ctx, m, r, roles)
  if (passiveVoice(ctx, m, r) || roles.passive) return passivePairs(ctx, m, r, roles)
  if (isStatement(m)) return statementPairs(ctx, m, r, roles)
  return activePairs(ctx, m, r, roles)
}

/** "Assad ... was replaced by HTS leader Ahmed al-Sharaa": a participle after "be" that is no adjective. */
function passiveVoice(ctx: EventContext, m: TriggerMatch, r: Span): boolean {
  const { lower } = ctx
  return m.at > r.start && BE.has(lower[m.at - 1] ?? '') && /(ed|en)$/.test(lower[m.at] ?? '') && !adjectival(ctx, m)
}
