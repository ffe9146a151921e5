// Generated analysed documents for the store and export benchmarks: varied actors, codes,
// dates and places, each event with a real sentence span in the document's text. Not news:
// the benchmarks time the store and the exports, never the analysis.
import type { Event } from '../src/core/types.js'
import type { Output } from '../src/output.js'

const ACTORS = ['RUS', 'RUSGOV', 'SYR', 'SYRMIL', 'USA', 'USAGOV', 'ISR', 'EGY', 'TUR', 'IRN', 'UKR', 'UKRMIL', 'CHN', 'FRA', 'GBR']
const CODES: [string, string, number, number][] = [
  ['010', 'Make statement', 0, 1],
  ['0233', 'Appeal for humanitarian aid', 3.4, 1],
  ['043', 'Host a visit', 2.8, 1],
  ['070', 'Provide aid', 7, 2],
  ['111', 'Criticize or denounce', -2, 3],
  ['130', 'Threaten', -4.4, 3],
  ['190', 'Use conventional military force', -10, 4],
  ['193', 'Fight with small arms and light weapons', -10, 4],
]
const PLACES = [
  { name: 'Damascus', lat: 33.5102, lon: 36.2913, id: 'geonames:170654', country: 'SYR', admin1: '13', feature: 'PPLC' },
  { name: 'Moscow', lat: 55.7522, lon: 37.6156, id: 'geonames:524901', country: 'RUS', admin1: '48', feature: 'PPLC' },
  { name: 'Cairo', lat: 30.0626, lon: 31.2497, id: 'geonames:360630', country: 'EGY', admin1: '11', feature: 'PPLC' },
  { name: 'Kyiv', lat: 50.4547, lon: 30.5238, id: 'geonames:703448', country: 'UKR', admin1: '12', feature: 'PPLC' },
  { name: 'Texas', lat: 31.2504, lon: -99.2506, id: 'geonames:4736286', country: 'USA', admin1: 'TX', feature: 'ADM1' },
]

// A small deterministic generator, so every run writes the same documents.
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Document number `n` with `events` events, dated in 2025. */
export function syntheticDoc(n: number, events: number): Output {
  const next = random(n + 1)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
  const title = `Report ${n}`
  let text = `${title}\n\n`
  const out: Event[] = []
  const places: NonNullable<Output['places']>[number][] = []
  for (let i = 0; i < events; i++) {
    const [source, target] = [pick(ACTORS), pick(ACTORS)]
    const [cameo, cameoName, goldstein, quad] = pick(CODES)
    const place = next() < 0.7 ? pick(PLACES) : null
    const day = `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`
    const sentence = `Officials of ${source} acted against ${target}${place ? ` in ${place.name}` : ''} on day ${i} of report ${n}.`
    const start = text.length
    text += `${sentence}\n\n`
    const at = (word: string): number => start + sentence.indexOf(word)
    out.push({
      source: { start: at(source), end: at(source) + source.length, text: source, code: source },
      target: { start: at(` ${target}`) + 1, end: at(` ${target}`) + 1 + target.length, text: target, code: target },
      cameo,
      cameoName,
      plover: null,
      goldstein,
      quad,
      negated: false,
      modality: 'asserted',
      date: day,
      place: place && { name: place.name, lat: place.lat, lon: place.lon },
      sentence: { start, end: start + sentence.length },
      trigger: { start: at('acted'), end: at('acted') + 5, text: 'acted' },
      rule: 'synthetic',
      confidence: 0.5 + next() / 2,
    })
    if (place) places.push({ ...place, start: at(place.name), end: at(place.name) + place.name.length, text: place.name })
  }
  const paragraphs = [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  return {
    id: `synthetic-${n}`,
    article: { title, text, published: '2025-07-31', byline: null, lang: 'en', url: `https://outlet${n % 7}.example/${n}`, paragraphs },
    places,
    events: out,
    tone: Math.round((next() * 10 - 5) * 100) / 100,
    messages: [],
  }
}
