import type { Event } from '../core/types.js'
import { seededRandom } from '../models/random.js'
import type { Output } from '../output.js'
import { dayDate, dayNumber } from './windows.js'

/** One generated event: who, what, when, how cooperative, and where (a country, when placed). */
export interface StreamEvent {
  readonly date: string
  readonly source: string
  readonly target: string
  readonly cameo: string
  readonly goldstein: number
  readonly quad: number
  readonly country?: string
}

/**
 * Generated articles for the watch tests: one article per event, its text made up here
 * (numbered, so each text and so each article is new), the event on its only sentence.
 */
export function streamArticles(events: readonly StreamEvent[], tag: string): Output[] {
  return events.map((e, i) => {
    const title = `Generated report ${tag} ${i}`
    const sentence = `The ${e.source} side took step ${i} of the ${tag} series toward the ${e.target} side.`
    const text = `${title}\n\n${sentence}`
    const start = text.indexOf(sentence)
    const at = text.indexOf('took', start)
    const source = text.indexOf(e.source, start)
    const target = text.lastIndexOf(e.target)
    const place = e.country ? { name: `Capital of ${e.country}`, lat: 10, lon: 20 } : null
    const event: Event = {
      source: { start: source, end: source + e.source.length, text: e.source, code: e.source },
      target: { start: target, end: target + e.target.length, text: e.target, code: e.target },
      cameo: e.cameo,
      cameoName: `Generated ${e.cameo}`,
      plover: null,
      goldstein: e.goldstein,
      quad: e.quad,
      negated: false,
      modality: 'asserted',
      date: e.date,
      place,
      sentence: { start, end: start + sentence.length },
      trigger: { start: at, end: at + 4, text: 'took' },
      rule: 'generated',
      confidence: 0.9,
    }
    return {
      id: `${tag}-${i}`,
      article: {
        title,
        text,
        published: e.date,
        byline: null,
        lang: 'en',
        url: `https://news.example/${tag}/${i}`,
        paragraphs: [
          { start: 0, end: title.length },
          { start, end: start + sentence.length },
        ],
      },
      ...(e.country && {
        places: [
          {
            start: 0,
            end: 0,
            text: '',
            name: `Capital of ${e.country}`,
            id: `test:${e.country}`,
            lat: 10,
            lon: 20,
            country: e.country,
            admin1: null,
            feature: 'PPLC',
          },
        ],
      }),
      events: [event],
      messages: [],
    } as Output
  })
}

/** Days from `from` for `days` days, each with `count(day index, random)` events made by `make`. */
export function dailyStream(
  from: string,
  days: number,
  seed: number,
  count: (index: number, random: () => number) => number,
  make: (date: string, index: number, random: () => number) => StreamEvent,
): StreamEvent[] {
  const random = seededRandom(seed)
  const start = dayNumber(from)
  const out: StreamEvent[] = []
  for (let d = 0; d < days; d++) {
    const n = count(d, random)
    for (let k = 0; k < n; k++) out.push(make(dayDate(start + d), d, random))
  }
  return out
}
