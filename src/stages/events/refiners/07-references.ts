import type { Token } from '../../../core/types.js'
import type { EventContext } from '../context.js'
import type { Refined, TriggerMention } from '../mention.js'

// prepositions that make a noun a time anchor: "after the talks", "since the coup", "during the war"
const TEMPORAL = new Set(['after', 'since', 'before', 'during', 'following', 'amid', 'until', 'ahead'])

/**
 * Refiner 7: words that name no act here (annotation guide §2): a noun that only anchors
 * time and names no party of its own ("closed the university after protests", "since the
 * 1992 coup" — "after meeting Putin", "following talks with the council" stay), and a
 * trigger word inside a name ("the Warsaw Pact", "the Free Trade Agreement").
 */
export function dropReferences(ctx: EventContext, mentions: readonly TriggerMention[]): Refined<TriggerMention> {
  const kept: TriggerMention[] = []
  const dropped: Refined<TriggerMention>['dropped'] = []
  for (const m of mentions) {
    const word = ctx.lower[m.match.at] ?? ''
    if (timeAnchor(ctx, m)) dropped.push({ item: m, ruleId: 'time-anchor', reason: `"${word}" only anchors time and names no party of its own` })
    else if (inName(ctx, m)) dropped.push({ item: m, ruleId: 'in-name', reason: `"${word}" is part of a name` })
    else kept.push(m)
  }
  return { kept, dropped }
}

/** Whether a noun trigger follows a preposition of time and its phrase holds no actor. */
function timeAnchor(ctx: EventContext, m: TriggerMention): boolean {
  if (m.match.trigger.pos !== 'noun') return false
  const phrase = ctx.view.phrase(m.match.last)
  const first = ctx.tokenAt.get(phrase.start) ?? m.match.at
  if (!TEMPORAL.has(ctx.lower[first - 1] ?? '')) return false
  return ctx.byOffset.actors.inside(phrase.start, phrase.end).length === 0
}

const capitalised = (ctx: EventContext, k: number): boolean => {
  const t = ctx.tokens[k]
  return !!t && /^\p{Lu}\p{Ll}/u.test(ctx.text.slice(t.start, t.end))
}

/**
 * Whether a trigger word is capitalised inside a sentence beside another capitalised word, in
 * a sentence that is not written in title case (a headline capitalises every word).
 */
function inName(ctx: EventContext, m: TriggerMention): boolean {
  const { at, last } = m.match
  const { start, end } = m.range
  if (at === start || !capitalised(ctx, at)) return false
  const beside = (at - 1 > start && capitalised(ctx, at - 1)) || capitalised(ctx, last + 1)
  if (!beside) return false
  let words = 0
  let capitals = 0
  for (let k = start; k < end; k++) {
    if ((ctx.tokens[k] as Token).pos === 'PUNCT') continue
    words++
    if (capitalised(ctx, k)) capitals++
  }
  return capitals * 2 < words
}
