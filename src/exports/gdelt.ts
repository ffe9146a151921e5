import type { StoredEvent } from '../store/store.js'
import { fipsCountry, isCountryCode } from './fips.js'

/** The 61 columns of GDELT 2.0's Events table, in GDELT's order, with GDELT's types. */
export const GDELT_EVENT_COLUMNS: readonly (readonly [string, 'INTEGER' | 'FLOAT' | 'STRING'])[] = [
  ['GLOBALEVENTID', 'INTEGER'],
  ['SQLDATE', 'INTEGER'],
  ['MonthYear', 'INTEGER'],
  ['Year', 'INTEGER'],
  ['FractionDate', 'FLOAT'],
  ...actorColumns('Actor1'),
  ...actorColumns('Actor2'),
  ['IsRootEvent', 'INTEGER'],
  ['EventCode', 'STRING'],
  ['EventBaseCode', 'STRING'],
  ['EventRootCode', 'STRING'],
  ['QuadClass', 'INTEGER'],
  ['GoldsteinScale', 'FLOAT'],
  ['NumMentions', 'INTEGER'],
  ['NumSources', 'INTEGER'],
  ['NumArticles', 'INTEGER'],
  ['AvgTone', 'FLOAT'],
  ...geoColumns('Actor1Geo'),
  ...geoColumns('Actor2Geo'),
  ...geoColumns('ActionGeo'),
  ['DATEADDED', 'INTEGER'],
  ['SOURCEURL', 'STRING'],
]

/** The 16 columns of GDELT 2.0's Mentions table, in GDELT's order, with GDELT's types. */
export const GDELT_MENTION_COLUMNS: readonly (readonly [string, 'INTEGER' | 'FLOAT' | 'STRING'])[] = [
  ['GLOBALEVENTID', 'INTEGER'],
  ['EventTimeDate', 'INTEGER'],
  ['MentionTimeDate', 'INTEGER'],
  ['MentionType', 'INTEGER'],
  ['MentionSourceName', 'STRING'],
  ['MentionIdentifier', 'STRING'],
  ['SentenceID', 'INTEGER'],
  ['Actor1CharOffset', 'INTEGER'],
  ['Actor2CharOffset', 'INTEGER'],
  ['ActionCharOffset', 'INTEGER'],
  ['InRawText', 'INTEGER'],
  ['Confidence', 'INTEGER'],
  ['MentionDocLen', 'INTEGER'],
  ['MentionDocTone', 'FLOAT'],
  ['MentionDocTranslationInfo', 'STRING'],
  ['Extras', 'STRING'],
]

function actorColumns(a: string): [string, 'STRING'][] {
  const names = ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code']
  return names.map((n) => [`${a}${n}`, 'STRING'])
}

function geoColumns(g: string): [string, 'INTEGER' | 'FLOAT' | 'STRING'][] {
  return [
    [`${g}_Type`, 'INTEGER'],
    [`${g}_FullName`, 'STRING'],
    [`${g}_CountryCode`, 'STRING'],
    [`${g}_ADM1Code`, 'STRING'],
    [`${g}_ADM2Code`, 'STRING'],
    [`${g}_Lat`, 'FLOAT'],
    [`${g}_Long`, 'FLOAT'],
    [`${g}_FeatureID`, 'STRING'],
  ]
}

/** What an event row sums up of its mentions (by default one stored event: one mention in one article of one outlet). */
export interface EventCounts {
  readonly mentions: number
  readonly sources: number
  readonly articles: number
  /** Reported in the lead of any of its articles; the event's own flag when absent. */
  readonly isRoot?: boolean
  /** The mean tone of its articles; the event's article's tone when absent. */
  readonly avgTone?: number | null
}

const ONE: EventCounts = { mentions: 1, sources: 1, articles: 1 }

// CAMEO prefixes of transnational actors: the next three letters name the known group
const GROUP_PREFIXES = new Set(['IGO', 'NGO', 'IMG', 'MNC'])

/** The 61 cells of an event's GDELT row (strings; empty for a missing value). */
export function gdeltEventRow(e: StoredEvent, counts: EventCounts = ONE): string[] {
  const day = gdeltDay(e)
  return [
    String(e.id),
    day ? day.sqlDate : '',
    day ? day.sqlDate.slice(0, 6) : '',
    day ? day.sqlDate.slice(0, 4) : '',
    day ? day.fraction : '',
    ...actorCells(e.sourceCode, e.sourceText),
    ...actorCells(e.targetCode, e.targetText),
    (counts.isRoot ?? e.isRoot) ? '1' : '0',
    e.cameo,
    e.cameo.slice(0, 3),
    e.cameo.slice(0, 2),
    String(e.quad),
    num(e.goldstein),
    String(counts.mentions),
    String(counts.sources),
    String(counts.articles),
    num(counts.avgTone !== undefined ? counts.avgTone : (e.articleTone ?? null)),
    ...EMPTY_GEO,
    ...EMPTY_GEO,
    ...actionGeo(e),
    timestamp(e.articleAdded ?? null),
    clean(e.articleUrl ?? ''),
  ]
}

/** The 16 cells of an event's GDELT Mentions row: the article that reports it. */
export function gdeltMentionRow(e: StoredEvent, eventId: number = e.id): string[] {
  const added = timestamp(e.articleAdded ?? null)
  return [
    String(eventId),
    added,
    added,
    e.articleUrl ? '1' : '2', // 1 WEB with a URL, 2 CITATIONONLY without
    clean(e.articleOutlet ?? ''),
    clean(e.articleUrl ?? `sitrep:article:${e.articleId}`),
    e.sentenceIndex === null || e.sentenceIndex === undefined ? '' : String(e.sentenceIndex + 1),
    String(e.sourceStart ?? -1),
    String(e.targetStart ?? -1),
    String(e.triggerStart ?? -1),
    '1',
    String(Math.round(e.confidence * 100)),
    e.articleLength === null || e.articleLength === undefined ? '' : String(e.articleLength),
    num(e.articleTone ?? null),
    '',
    '',
  ]
}

// Actor1Code .. Actor1Type3Code from a CAMEO code chain ("RUSGOV", "IGOUNO", "SYRREBMIL").
function actorCells(code: string | null, text: string | null): string[] {
  if (!code) return ['', '', '', '', '', '', '', '', '', '']
  const parts: string[] = code.match(/.{1,3}/g) ?? []
  let country = ''
  let group = ''
  let rest = parts
  if (GROUP_PREFIXES.has(parts[0] ?? '')) {
    group = parts[1] ?? ''
    rest = parts.slice(2)
  } else if (isCountryCode(parts[0] ?? '')) {
    country = parts[0] as string
    rest = parts.slice(1)
  }
  const types = rest.filter((p) => p.length === 3)
  return [code, clean((text ?? '').toUpperCase()), country, group, '', '', '', types[0] ?? '', types[1] ?? '', types[2] ?? '']
}

// An event without actor geography: GDELT writes type 0 and leaves the rest empty.
const EMPTY_GEO = ['0', '', '', '', '', '', '', '']

const COUNTRY_FEATURES = new Set(['PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCLIX', 'PCL', 'TERR'])

// ActionGeo_Type .. ActionGeo_FeatureID from the event's place.
function actionGeo(e: StoredEvent): string[] {
  if (e.lat === null || e.lon === null) return EMPTY_GEO
  const fips = fipsCountry(e.placeCountry) ?? ''
  const feature = e.placeFeature ?? ''
  const us = e.placeCountry === 'USA'
  const type = COUNTRY_FEATURES.has(feature) ? 1 : feature.startsWith('ADM1') ? (us ? 2 : 5) : us ? 3 : 4
  const adm1 = type === 1 ? fips : fips && e.placeAdmin1 ? `${fips}${e.placeAdmin1}` : ''
  return [String(type), clean(e.placeName ?? ''), fips, adm1, '', num(e.lat), num(e.lon), (e.placeId ?? '').replace(/^geonames:/, '')]
}

// SQLDATE and FractionDate of the event date; a month or year alone is read as its first day.
function gdeltDay(e: StoredEvent): { sqlDate: string; fraction: string } | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(e.date ?? e.articleAdded ?? '')
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)]
  const start = Date.UTC(year, 0, 1)
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000
  const dayOfYear = (Date.UTC(year, month - 1, day) - start) / 86_400_000
  const sqlDate = `${m[1]}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
  return { sqlDate, fraction: (year + dayOfYear / days).toFixed(4) }
}

// YYYYMMDDHHMMSS of an ISO time.
function timestamp(iso: string | null): string {
  if (!iso) return ''
  const digits = iso.replace(/\D/g, '')
  return digits.length >= 14 ? digits.slice(0, 14) : digits.padEnd(14, '0')
}

function num(n: number | null): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '' : String(n)
}

// A cell never holds a tab or a line break: GDELT's rows are one line of tab-separated cells.
function clean(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ')
}
