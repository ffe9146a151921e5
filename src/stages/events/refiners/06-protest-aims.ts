import type { EventContext } from '../context.js'
import type { Refined, TriggerMention } from '../mention.js'

// codes a protest's purpose clause may carry: an appeal, a demand or another protest
const AIMS = /^(02|10|14)/

// the relations of a purpose clause: "staged rallies [to demand] reforms", "a strike [to protest] the move"
const PURPOSE = /^(advcl|acl|xcomp)/

/**
 * Refiner 6: what a protest is held for is the protest's own aim, no second event: "staged
 * demonstrations to demand political reforms" and "observed a strike to protest the move"
 * are one protest each (guide §4: a protest's leaf is chosen by its demand; one act, one
 * event). The demand still names the protest's leaf through its topic words.
 */
export function dropProtestAims(ctx: EventContext, mentions: readonly TriggerMention[]): Refined<TriggerMention> {
  const kept: TriggerMention[] = []
  const dropped: Refined<TriggerMention>['dropped'] = []
  for (const m of mentions) {
    const protest = AIMS.test(m.match.trigger.code) ? protestServed(ctx, m, mentions) : undefined
    if (protest)
      dropped.push({
        item: m,
        ruleId: 'protest-aim',
        reason: `"${ctx.lower[m.match.at]}" is what the protest "${ctx.lower[protest.match.at]}" is held for, part of that event`,
      })
    else kept.push(m)
  }
  return { kept, dropped }
}

/** The protest of the same sentence whose purpose clause ("to demand ...") a trigger heads, if any. */
function protestServed(ctx: EventContext, m: TriggerMention, mentions: readonly TriggerMention[]): TriggerMention | undefined {
  const { arcs, view, lower } = ctx
  const arc = arcs[m.match.at]
  if (!arc || arc.head < 0 || !PURPOSE.test(arc.dep) || !view.dependents(m.match.at, 'mark').some((k) => lower[k] === 'to')) return undefined
  // the clause hangs from the protest's verb or noun, or from the noun the verb governs ("held a rally to demand")
  const heads = [arc.head, arcs[arc.head]?.head ?? -1]
  return mentions.find((o) => {
    if (o === m || o.sentence !== m.sentence || !o.match.trigger.code.startsWith('14')) return false
    const words = [o.match.at, o.match.last, o.match.objectAt ?? -1]
    return heads.some((h) => h >= 0 && words.includes(h))
  })
}
