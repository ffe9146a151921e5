import { gzipSync } from 'node:zlib'
import { seededRandom } from '../models/random.js'

// Sentence patterns written for these tests; {P} a person, {C} a country, {T} a town, {N} a number.
const PATTERNS = [
  'Officials in {T} said on Monday that {N} families had been moved after the river rose overnight.',
  'The government of {C} announced a review of its grain exports, citing a poor harvest.',
  '{P}, the mayor of {T}, told reporters that the new bridge would open within {N} weeks.',
  'Police in {T} arrested {N} people after a protest outside the regional parliament turned violent.',
  'The foreign minister of {C} met his counterpart from a neighbouring state to discuss border crossings.',
  'Aid groups warned that {N} thousand people in the north of {C} lacked clean water.',
  '{P} said the talks had been difficult but that both sides wanted to avoid another strike.',
  'Prices of fuel in {T} have risen by {N} percent since the start of the year, traders said.',
  'The central bank of {C} held interest rates steady for the {N}th month in a row.',
  'Residents of {T} described hearing several explosions shortly before dawn.',
  'A spokesman for the army of {C} denied that troops had crossed the frontier.',
  '{P} promised to publish the full report before the end of the month.',
  'Teachers in {T} walked out of classrooms on Wednesday demanding higher pay.',
  'The ministry said {N} new cases had been recorded in the past week across {C}.',
  'Opposition leaders in {C} called for an independent inquiry into the election count.',
  'Engineers were still inspecting the damaged power station near {T} late on Friday.',
  '{P} described the agreement as a first step toward rebuilding trust.',
  'Farmers near {T} blocked a highway with tractors to protest against import rules.',
  'The court in {T} postponed the hearing until {N} days from now at the request of the defence.',
  'Shipping companies rerouted {N} vessels away from the strait after the warning.',
]
const PEOPLE = [
  'Amira Haddad',
  'Tomas Lindqvist',
  'Grace Okafor',
  'Rafael Mendes',
  'Lena Novak',
  'Hiroshi Tanaka',
  'Fatima Diallo',
  'Pavel Sokolov',
  'Nadia Rahman',
  'Owen Price',
]
const COUNTRIES = ['Kenya', 'Peru', 'Poland', 'Vietnam', 'Ghana', 'Chile', 'Jordan', 'Norway', 'Nepal', 'Morocco', 'Bolivia', 'Romania']
const TOWNS = ['Riverton', 'Eastbrook', 'Halden', 'Marlow', 'Kestrel Bay', 'Northgate', 'Ashford', 'Pine Hollow', 'Stonebridge', 'Westmere']

/** A generated news-style article (title and paragraphs) that differs from every other index's. */
export function generatedArticle(index: number): { title: string; paragraphs: string[] } {
  const rnd = seededRandom(index * 7919 + 13)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const fill = (s: string): string =>
    s
      .replace('{P}', pick(PEOPLE))
      .replace('{C}', pick(COUNTRIES))
      .replace('{T}', pick(TOWNS))
      .replace('{N}', String(2 + Math.floor(rnd() * 400)))
  const paragraphs: string[] = []
  for (let p = 0; p < 4; p++) paragraphs.push(Array.from({ length: 2 }, () => fill(pick(PATTERNS))).join(' '))
  // the index in the text makes every article distinct even when the draws repeat
  paragraphs.push(`This is report number ${index} in the series, filed by the desk in ${pick(TOWNS)}.`)
  return { title: `Report ${index}: ${fill(pick(PATTERNS)).split(' ').slice(0, 8).join(' ')}`, paragraphs }
}

/** A generated article as an HTML page, with an optional `<link rel=canonical>`. */
export function articleHtml(index: number, canonical?: string): string {
  const a = generatedArticle(index)
  return `<!doctype html><html><head><meta charset="utf-8"><title>${a.title}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head><body><article><h1>${a.title}</h1>${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
}

/** One record for `warcBytes`. */
export interface TestWarcRecord {
  readonly type: 'response' | 'request' | 'metadata' | 'warcinfo'
  readonly uri: string
  readonly body: string
  readonly contentType?: string
  readonly status?: number
}

/** Writes a WARC file's bytes (each record its own gzip member when `gzip`), as crawlers do. */
export function warcBytes(records: readonly TestWarcRecord[], gzip: boolean): Buffer {
  return Buffer.concat(
    records.map((r, i) => {
      const payload = Buffer.from(r.body, 'utf8')
      const block =
        r.type === 'response'
          ? Buffer.concat([
              Buffer.from(
                `HTTP/1.1 ${r.status ?? 200} OK\r\nContent-Type: ${r.contentType ?? 'text/html; charset=utf-8'}\r\nContent-Length: ${payload.length}\r\n\r\n`,
              ),
              payload,
            ])
          : payload
      const kind =
        r.type === 'response' ? 'application/http; msgtype=response' : r.type === 'request' ? 'application/http; msgtype=request' : 'application/warc-fields'
      const head = `WARC/1.0\r\nWARC-Type: ${r.type}\r\nWARC-Target-URI: ${r.uri}\r\nWARC-Date: 2026-12-0${1 + (i % 5)}T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}>\r\nContent-Type: ${kind}\r\nContent-Length: ${block.length}\r\n\r\n`
      const record = Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')])
      return gzip ? gzipSync(record) : record
    }),
  )
}
