import type { Actor, Span } from '../../core/types.js'
import type { EventContext } from './context.js'

// how much the document's first place (its dateline or lead) counts beside each later mention
const LEAD_WEIGHT = 3

/**
 * The country of an unnamed agent whose own side the text does not state ("police",
 * "officials", "civilians"; guide §6): the country of a place named in its sentence (where
 * the act happens), else the story's country — the one its places and actors name most
 * often up to that sentence, the first place counting more. Returns the party with that
 * country put in front of its role ("---COP" -> "TURCOP"), or the party as it is.
 */
export function storyCountry(ctx: EventContext): (a: Actor | null, sentence: Span) => { party: Actor | null; country: string | null } {
  // running counts, document order: mentions before or inside a sentence
  const mentions: { at: number; country: string }[] = []
  for (const p of ctx.places) if (p.country) mentions.push({ at: p.start, country: p.country })
  for (const a of ctx.actors) if (a.country && /^(country|nationality|registry)/.test(a.via)) mentions.push({ at: a.start, country: a.country })
  mentions.sort((x, y) => x.at - y.at)
  const lead = ctx.places.reduce<{ start: number; country: string | null } | null>((best, p) => (p.country && (!best || p.start < best.start) ? p : best), null)
  const cache = new Map<number, string | null>()
  const upTo = (end: number): string | null => {
    const known = cache.get(end)
    if (known !== undefined) return known
    const counts = new Map<string, number>()
    if (lead?.country) counts.set(lead.country, LEAD_WEIGHT - 1)
    for (const m of mentions) {
      if (m.at >= end) break
      counts.set(m.country, (counts.get(m.country) ?? 0) + 1)
    }
    let best: string | null = null
    let most = 0
    for (const [c, n] of counts) if (n > most) [best, most] = [c, n]
    cache.set(end, best)
    return best
  }
  return (a, sentence) => {
    if (!a?.code.startsWith('---')) return { party: a, country: null }
    const here = ctx.byOffset.places.inside(sentence.start, sentence.end).find((p) => p.country)?.country ?? upTo(sentence.end)
    if (!here) return { party: a, country: null }
    return { party: { ...a, code: `${here}${a.code.slice(3)}`, country: here }, country: here }
  }
}
