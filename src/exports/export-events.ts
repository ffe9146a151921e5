import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { EventFilter, Store, StoredCluster, StoredEvent, StoreOptions } from '../store/store.js'
import { type EventCounts, gdeltEventRow, gdeltMentionRow } from './gdelt.js'
import { type ParquetColumn, writeParquet } from './parquet.js'

/** The formats `exportEvents` writes. */
export const EXPORT_FORMATS = ['gdelt', 'csv', 'jsonl', 'geojson', 'parquet'] as const

/**
 * How an export opens its store: for reading only, with a small SQLite page cache (an export
 * reads each page once; the default cache of 64 MiB would fill and stay, see StoreOptions).
 */
export const EXPORT_STORE_OPTIONS: StoreOptions = { readOnly: true, pageCacheMib: 4 }

/** One of the export formats. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** What an export writes: the format and, for GDELT, which table (one row per clustered event, or per mention). */
export interface ExportOptions {
  readonly format: ExportFormat
  /** With `gdelt`: the Mentions table (16 columns) instead of the Events table. */
  readonly mentions?: boolean
}

/** The CSV columns: every field of a stored event, in this order, under these names. */
export const CSV_COLUMNS: readonly (keyof StoredEvent)[] = [
  'id',
  'date',
  'sourceCode',
  'sourceText',
  'cameo',
  'cameoName',
  'plover',
  'goldstein',
  'quad',
  'targetCode',
  'targetText',
  'negated',
  'modality',
  'placeName',
  'placeId',
  'placeCountry',
  'placeAdmin1',
  'placeFeature',
  'lat',
  'lon',
  'isRoot',
  'triggerText',
  'evidence',
  'rule',
  'confidence',
  'articleId',
  'articleTitle',
  'articleUrl',
  'articleOutlet',
  'articleTone',
  'articleAdded',
  'pipelineVersion',
  'clusterId',
]

// The Parquet type of each CSV column that is not text.
const PARQUET_TYPES: Partial<Record<keyof StoredEvent, ParquetColumn['type']>> = {
  id: 'INT64',
  clusterId: 'INT64',
  goldstein: 'DOUBLE',
  quad: 'INT32',
  negated: 'BOOLEAN',
  lat: 'DOUBLE',
  lon: 'DOUBLE',
  isRoot: 'BOOLEAN',
  confidence: 'DOUBLE',
  articleTone: 'DOUBLE',
}

/** The Parquet columns: the CSV's, typed (ids INT64, quad INT32, scores and coordinates DOUBLE, flags BOOLEAN, the rest UTF-8 text). */
export const PARQUET_COLUMNS: readonly ParquetColumn[] = CSV_COLUMNS.map((name) => ({ name, type: PARQUET_TYPES[name] ?? 'STRING' }))

// Lines are gathered into chunks of about this many characters before a write.
const CHUNK = 64 * 1024

/**
 * Streams the events a filter matches to `out` in a format, page by page from the store and
 * waiting whenever `out` is full, so memory stays flat on any number of events. Returns how
 * many events were written; `out` is left open.
 *
 * @example
 *   await exportEvents(store, { country: 'SYR' }, { format: 'geojson' }, process.stdout)
 */
export async function exportEvents(store: Store, filter: EventFilter, options: ExportOptions, out: Writable): Promise<number> {
  let buffer = ''
  const write = async (s: string): Promise<void> => {
    buffer += s
    if (buffer.length < CHUNK) return
    const chunk = buffer
    buffer = ''
    if (!out.write(chunk)) await once(out, 'drain')
  }
  const line = async (cells: string[]): Promise<number> => {
    await write(`${cells.join('\t')}\n`)
    return 1
  }
  if (options.format === 'gdelt') {
    // GDELT's unit is the event: the stored clusters (one row each, the filter applied to its
    // first mention), or with --mentions every stored event with its cluster's id
    let rows = 0
    if (options.mentions) for await (const e of store.streamEvents(filter, 'date')) rows += await line(gdeltMentionRow(e, e.clusterId ?? e.id))
    else for await (const c of store.streamClusters(filter, 'date')) rows += await line(gdeltEventRow({ ...c.event, id: c.id }, clusterCounts(c)))
    if (buffer && !out.write(buffer)) await once(out, 'drain')
    return rows
  }
  if (options.format === 'parquet') return writeParquet(store.streamEvents(filter), PARQUET_COLUMNS, out)
  const text = LINES[options.format]
  if (options.format === 'csv') await write(`${CSV_COLUMNS.join(',')}\n`)
  if (options.format === 'geojson') await write('{"type":"FeatureCollection","features":[\n')
  let n = 0
  let features = 0
  for await (const e of store.streamEvents(filter)) {
    const one = text(e)
    n++
    if (one === null) continue
    await write(options.format === 'geojson' ? `${features++ ? ',\n' : ''}${one}` : `${one}\n`)
  }
  if (options.format === 'geojson') await write('\n]}\n')
  if (buffer && !out.write(buffer)) await once(out, 'drain')
  return options.format === 'geojson' ? features : n
}

/** What a GDELT row says of a stored cluster's mentions. */
export function clusterCounts(c: StoredCluster): EventCounts {
  return {
    mentions: c.numMentions,
    sources: c.numSources,
    articles: c.numArticles,
    isRoot: c.isRoot,
    avgTone: c.avgTone === null ? null : Math.round(c.avgTone * 1000) / 1000,
  }
}

// One line per event of each format (null: the event has no line, as an unplaced event in GeoJSON).
const LINES: Record<Exclude<ExportFormat, 'gdelt' | 'parquet'>, (e: StoredEvent) => string | null> = {
  csv: (e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','),
  jsonl: (e) => JSON.stringify(e),
  geojson: (e) => geoJsonFeature(e),
}

/** RFC 4180: quote cells with commas, quotes or line breaks; double inner quotes. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** An event as an RFC 7946 Feature (a Point at its place, [longitude, latitude]); null when it has no place. */
export function geoJsonFeature(e: StoredEvent): string | null {
  if (e.lat === null || e.lon === null || !Number.isFinite(e.lat) || !Number.isFinite(e.lon)) return null
  const { lat, lon, ...properties } = e
  return JSON.stringify({ type: 'Feature', id: e.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties })
}
