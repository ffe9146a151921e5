import { parseArgs } from 'node:util'
import { createStore } from '../store/create-store.js'
import type { StoredEvent } from '../store/store.js'
import { dbLocation } from './db-option.js'
import { FILTER_OPTIONS, filterFromFlags } from './filter-options.js'
import { queryDyadsCommand } from './query-dyads-command.js'
import { UsageError, writeLine } from './util.js'

const FORMATS = ['table', 'jsonl', 'csv'] as const
const CSV_COLUMNS: readonly (keyof StoredEvent)[] = [
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
  'lat',
  'lon',
  'triggerText',
  'evidence',
  'rule',
  'confidence',
  'articleId',
  'articleTitle',
  'pipelineVersion',
  'clusterId',
]

/**
 * `sitrep query events` with the shared filters (`--since --until --actor --actor1 --actor2
 * --code --root --quad --country --bbox --limit`): stored events in date order, each with
 * the id of the real-world event (cluster) it reports, as a table, JSONL or CSV.
 */
export async function queryCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'dyads') return queryDyadsCommand(argv.slice(1))
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, format: { type: 'string', default: 'table' }, ...FILTER_OPTIONS },
  })
  if (positionals[0] !== 'events' || positionals.length > 1) throw new UsageError('query expects "events" or "dyads": sitrep query events [--actor CODE] ...')
  const format = values.format as (typeof FORMATS)[number]
  if (!FORMATS.includes(format)) throw new UsageError(`--format expects one of ${FORMATS.join(', ')}, got "${values.format}"`)
  const filter = filterFromFlags(values)
  const store = createStore(dbLocation(values.db), { readOnly: true })
  try {
    // JSONL and CSV stream page by page (any number of events); the table is read whole to size its columns
    if (format === 'jsonl') for await (const e of store.streamEvents(filter, 'date')) await writeLine(JSON.stringify(e))
    else if (format === 'csv') {
      await writeLine(CSV_COLUMNS.join(','))
      for await (const e of store.streamEvents(filter, 'date')) await writeLine(CSV_COLUMNS.map((c) => csvCell(e[c])).join(','))
    } else await writeLine(eventsTable(await store.queryEvents(filter)))
  } finally {
    await store.close()
  }
  return 0
}

/** RFC 4180: quote cells with commas, quotes or line breaks; double inner quotes. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A plain-text table of stored events. */
export function eventsTable(events: readonly StoredEvent[]): string {
  if (!events.length) return 'no events match'
  const rows = events.map((e) => [
    e.date ?? '',
    e.clusterId === null || e.clusterId === undefined ? '' : String(e.clusterId),
    `${e.sourceCode ?? '?'}`,
    `${e.cameo} ${e.cameoName}`.slice(0, 40),
    `${e.targetCode ?? '?'}`,
    String(e.goldstein ?? ''),
    e.evidence.replace(/\s+/g, ' ').slice(0, 70),
  ])
  const head = ['date', 'cluster', 'source', 'event', 'target', 'gold.', 'evidence']
  // a loop, not Math.max(...rows): 150k rows would be 150k arguments on the stack
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length))
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `${events.length} event(s)`].join('\n')
}
