import type { Actor, Event, Span, Token } from '../../core/types.js'
import type { EventContext } from './context.js'

/**
 * Pass 5: the date of the trigger's clause: a DATE in the sentence with no comma between
 * it and the trigger, or one that opens the sentence ("Earlier this month, clashes
 * erupted"). "ties with Moscow, jeopardized following last year’s ouster" keeps the
 * article's date.
 */
export function clauseDate(ctx: EventContext, sentence: Span, t: Token): string | null {
  const { text } = ctx
  const inSentence = ctx.byOffset.dates.inside(sentence.start, sentence.end).filter((d) => d.type === 'DATE')
  const sameClause = (d: Span): boolean => {
    const between = d.end <= t.start ? text.slice(d.end, t.start) : text.slice(t.end, d.start)
    return !/[,;:()–—]/.test(between) || (d.end <= t.start && !/\S/.test(text.slice(sentence.start, d.start)))
  }
  const near = inSentence.filter(sameClause).sort((a, b) => Math.abs(a.start - t.start) - Math.abs(b.start - t.start))[0]
  return near?.value ?? null
}

/** The first place of the sentence that is not one of the parties themselves. */
export function placeIn(ctx: EventContext, sentence: Span, parties: readonly (Actor | null)[]): Event['place'] {
  const p = ctx.byOffset.places.inside(sentence.start, sentence.end).find((x) => !parties.some((a) => a && a.start <= x.start && x.end <= a.end))
  return p ? { name: p.name, lat: p.lat, lon: p.lon } : null
}

/** Higher when a party stands near the trigger, lower when a party was only guessed from a role or is left unsaid. */
export function confidenceOf(source: Actor | null, target: Actor | null, t: Token): number {
  const named = [source, target].filter((a): a is Actor => !!a)
  let distance = Number.POSITIVE_INFINITY
  for (const a of named) distance = Math.min(distance, Math.abs(a.start - t.start))
  const near = distance < 60 ? 0.2 : 0
  const guessed = named.some((a) => a.via.startsWith('role+article') || a.via === 'role') ? -0.2 : 0
  const unsaid = -0.1 * (2 - named.length)
  return Math.round((0.6 + near + guessed + unsaid) * 100) / 100
}
