import type { EventContext } from '../context.js'
import type { Refined, TriggerMention } from '../mention.js'
import { announcesOwnAct, isStatement, spokenByChannel } from '../statements.js'

/**
 * Refiner 5: statements that are no event of their own (annotation guide §2, §10): a saying
 * by those who only pass news on ("the state radio said", "residents said": a channel,
 * what it relays may still be an event), and a plain "X said it will do Z" or "X said it urges Y", which is the
 * one event Z, intended.
 */
export function dropBareStatements(ctx: EventContext, mentions: readonly TriggerMention[]): Refined<TriggerMention> {
  const kept: TriggerMention[] = []
  const dropped: Refined<TriggerMention>['dropped'] = []
  for (const m of mentions) {
    if (!isStatement(m.match)) {
      kept.push(m)
      continue
    }
    const word = ctx.lower[m.match.at] ?? ''
    if (spokenByChannel(ctx, m.match)) {
      dropped.push({ item: m, ruleId: 'channel', reason: `"${word}" is said by a medium or an informant passing news on, no act of its own` })
      continue
    }
    const acts = mentions.filter((o) => o !== m && o.sentence === m.sentence).map((o) => o.match)
    if (announcesOwnAct(ctx, m.match, acts)) {
      dropped.push({ item: m, ruleId: 'own-act-announced', reason: `"${word}" announces the speaker's own act to come, which is the event` })
      continue
    }
    kept.push(m)
  }
  return { kept, dropped }
}
