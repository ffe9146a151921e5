import { requestedAct } from '../03-code.js'
import { hasFlag, requestCode } from '../codebook.js'
import type { EventContext } from '../context.js'
import type { Refined, TriggerMention } from '../mention.js'

/**
 * Refiner 2: the act an appeal, promise, demand, refusal or threat names is asked for, not
 * done, and is no event of its own — also when the frame already has a code of its own
 * ("demanding that the government provide information" is a demand, no sharing of
 * information). The frames that remain carry the act they name, which may give their code.
 */
export function dropAskedFor(ctx: EventContext, mentions: readonly TriggerMention[]): Refined<TriggerMention> {
  const withActs: TriggerMention[] = []
  const asked = new Set<TriggerMention['match']>()
  for (let i = 0; i < mentions.length; ) {
    // the mentions of one sentence, in order: a frame's act is another trigger of its sentence
    let j = i
    while (j < mentions.length && mentions[j]?.sentence === mentions[i]?.sentence) j++
    const sentence = mentions.slice(i, j)
    const matches = sentence.map((m) => m.match)
    for (const m of sentence) {
      const act = requestedAct(ctx, m.match, matches)
      withActs.push(act ? { ...m, act } : m)
      if (act && (requestCode(m.match.trigger.code, act.trigger.code) || hasFlag(m.match.trigger.code, 'asks-for-act'))) asked.add(act)
    }
    i = j
  }
  const kept: TriggerMention[] = []
  const dropped: Refined<TriggerMention>['dropped'] = []
  for (const m of withActs) {
    if (asked.has(m.match))
      dropped.push({ item: m, ruleId: 'asked-for', reason: `"${m.match.trigger.lemma}" is an act asked for, promised, refused or threatened, not one done` })
    else kept.push(m)
  }
  return { kept, dropped }
}
