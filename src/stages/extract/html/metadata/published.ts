import type { Element } from 'domhandler'
import { isText } from 'domhandler'
import { type EntryFile, lazy, loadLexicon } from '../../../../lexicon/load.js'
import { type Block, parentOf, textOf, type WalkedPage } from '../01-walk.js'
import type { LdFields } from './json-ld.js'

const months = lazy(() => {
  const map = new Map<string, number>()
  for (const e of loadLexicon<EntryFile<{ names: string[]; month: number }>>('extract/months.json').entries) for (const n of e.names) map.set(n, e.month)
  return map
})

const pad = (n: number): string => String(n).padStart(2, '0')
const validDay = (y: number, m: number, d: number): string | null =>
  y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${pad(m)}-${pad(d)}` : null

const ISO_DATE = /(?<y>(?:19|20)\d{2})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})/
const COMPACT_DATE = /^(?<y>(?:19|20)\d{2})(?<m>\d{2})(?<d>\d{2})/
// a month's name starts a word: the search never starts inside one
const MONTH_FIRST = /(?<!\p{L})(?<mon>\p{L}{3,10})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})/u
const DAY_FIRST = /(?<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?<mon>\p{L}{3,10})\.?,?\s+(?:de\s+)?(?<y>(?:19|20)\d{2})/u
const YEAR = /(?:19|20)\d\d/
const NUMERIC_DATE = /\b(?<a>\d{1,2})[./](?<b>\d{1,2})[./](?<y>(?:19|20)\d{2})\b/

/**
 * A calendar day from a date string as pages write it: "2019-11-18T23:00:00-05:00" keeps
 * its own day (not the UTC one), "November 18, 2019", "18 Nov 2019", "18.11.2019".
 */
export function parseDay(value: string | null | undefined): string | null {
  // every form below holds a year of four digits: most texts are done with at one look
  if (!value || !YEAR.test(value)) return null
  const s = value.trim()
  let m = ISO_DATE.exec(s) ?? COMPACT_DATE.exec(s)
  if (m?.groups) return validDay(Number(m.groups.y), Number(m.groups.m), Number(m.groups.d))
  for (const re of [MONTH_FIRST, DAY_FIRST]) {
    m = re.exec(s)
    const month = m?.groups ? months().get(m.groups.mon?.toLowerCase() ?? '') : undefined
    if (m?.groups && month) return validDay(Number(m.groups.y), month, Number(m.groups.d))
  }
  m = NUMERIC_DATE.exec(s)
  if (!m?.groups) return null
  // "18.11.2019" is day first; "11/18/2019" and an ambiguous "05/06/2019" are read the US way
  const [a, b] = [Number(m.groups.a), Number(m.groups.b)]
  return a > 12 || m[0].includes('.') ? validDay(Number(m.groups.y), b, a) : validDay(Number(m.groups.y), a, b)
}

/** "https://site/2019/11/18/slug", "/20191118/", "/2019-11-18-slug": the day in an address. */
export function dateInUrl(url: string | null): string | null {
  if (!url) return null
  const m =
    /[/_-](?<y>(?:19|20)\d{2})[/_-](?<m>[01]?\d)[/_-](?<d>[0-3]?\d)(?:[/_.-]|$)/.exec(url) ??
    /\/(?<y>(?:19|20)\d{2})(?<m>[01]\d)(?<d>[0-3]\d)(?:[/_.-]|$)/.exec(url)
  return m?.groups ? validDay(Number(m.groups.y), Number(m.groups.m), Number(m.groups.d)) : null
}

// Meta names that carry the publication date, most trusted first.
const DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'datepublished',
  'publishdate',
  'publish-date',
  'pubdate',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'article.published',
  'og:published_time',
  'published_time',
  'cxenseparse:recs:publishtime',
  'cludo:date',
]

// A dateline printed under the headline is short: "August 19, 2025", "Last updated: Dec 12, 2025".
const MAX_DATELINE_CHARS = 120
const DATELINE_WINDOW = { before: 4, after: 20 } as const

/** A day printed on the page, and whether a label calls it the day of the last change. */
interface ShownDate {
  readonly day: string
  readonly updated: boolean
}

const updateLabel = lazy(() => {
  const labels = loadLexicon<EntryFile<{ label: string }>>('extract/update-labels.json').entries.map((e) => e.label.replace(/\s+/g, '\\s+'))
  return new RegExp(`(?:^|[^\\p{L}])(?:${labels.join('|')})(?![\\p{L}])`, 'iu')
})

function shownDate(text: string): ShownDate | null {
  const day = parseDay(text)
  if (!day) return null
  // "July 4, 2025 Updated on February 9, 2026": the first day is the published one, the label comes after it
  const label = updateLabel().exec(text)
  return { day, updated: !!label && !parseDay(text.slice(0, label.index)) }
}

/** The date printed near the headline, as readers see it (it wins over metadata when both exist). */
function visibleDate(blocks: readonly Block[]): ShownDate | null {
  const h1 = blocks.findIndex((b) => b.heading === 1)
  const from = h1 < 0 ? 0 : Math.max(0, h1 - DATELINE_WINDOW.before)
  const to = Math.min(blocks.length, Math.max(h1, 0) + DATELINE_WINDOW.after)
  for (let i = from; i < to; i++) {
    const b = blocks[i] as Block
    if (b.text.length > MAX_DATELINE_CHARS || !/\d/.test(b.text)) continue
    const d = shownDate(b.text)
    if (d) return d
  }
  // further away, only a block that its class calls a date: <div class="sno-story-date">May 31, 2024</div>
  for (const b of blocks) {
    if (b.text.length > MAX_DATELINE_CHARS || !DATE_CLASS.test(b.owner.attribs.class ?? '')) continue
    const d = shownDate(b.text)
    if (d) return d
  }
  return null
}
const DATE_CLASS = /date|time|posted|publish/i

// Publication dates in the page's own scripts (Next.js, Prismic, Nuxt state): "publishedDate":"2019-08-16T00:00:00.000Z"
const SCRIPT_DATE =
  /["']?(?:datePublished|publishedDate|published_at|publishDate|first_publication_date|publish_date|pubDate|dateCreated)["']?\s*:\s*["'](?<v>[^"']{8,40})["']/

function scriptDate(elements: readonly Element[]): string | null {
  for (const el of elements) {
    if (el.name !== 'script') continue
    const body = el.children.map((c) => (isText(c) ? c.data : '')).join('')
    const m = SCRIPT_DATE.exec(body)
    const d = parseDay(m?.groups?.v)
    if (d) return d
  }
  return null
}

/**
 * The publication day. The date printed under the headline is what readers (and
 * annotators) take as the date, often the "Updated" one, so it wins over the declared
 * one unless it is later than every day the metadata declares.
 */
export function pickDate(page: WalkedPage, ld: LdFields, meta: Map<string, string>, times: Element[], url: string | null): string | null {
  const printed = visibleDate(page.blocks)
  let declared = parseDay(ld.datePublished)
  for (const key of DATE_KEYS) declared ??= parseDay(meta.get(key))
  const modified = parseDay(ld.dateModified) ?? parseDay(meta.get('article:modified_time')) ?? parseDay(meta.get('og:updated_time'))
  // "Last Updated: August 5, 2025" over an article:published_time of 2024-03-17: the page was published on the declared day
  const changed = printed && declared && declared < printed.day && printed.updated
  const shown = changed ? null : (printed?.day ?? null)
  // a printed day later than every declared one is a teaser's or today's date
  if (shown && !(declared && shown > (modified ?? declared) && shown !== declared)) return shown
  if (declared) return declared
  // a <time> in the article header beats one in a teaser further down: take the first
  for (const t of times) {
    const d = parseDay(t.attribs.datetime ?? t.attribs.content) ?? parseDay(textOf(t, 100))
    if (d && !insideTeaser(t)) return d
  }
  return dateInUrl(url) ?? modified ?? scriptDate(page.elements) ?? firstPrintedDate(page.blocks)
}

/**
 * The last resort: the first short dated block anywhere outside teasers, for pages with no
 * metadata whose byline sits far below the headline: "Posted on the 15/12/2025 at 19:00 by @GuillaumeGomez".
 */
function firstPrintedDate(blocks: readonly Block[]): string | null {
  for (const b of blocks) {
    if (b.text.length > MAX_DATELINE_CHARS || !/\d/.test(b.text)) continue
    const d = parseDay(b.text)
    if (d && !insideTeaser(b.owner)) return d
  }
  return null
}

const TEASER_CONTAINER = /related|recommend|teaser|sidebar|comment|footer/i
function insideTeaser(el: Element): boolean {
  let cur: Element | null = el
  for (let n = 0; cur && n < 30; n++, cur = parentOf(cur)) if (TEASER_CONTAINER.test(`${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`)) return true
  return false
}
