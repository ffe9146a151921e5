import { parseArgs } from 'node:util'
import { dyadSeries, type SeriesStep } from '../exports/dyad-series.js'
import { createStore } from '../store/create-store.js'
import { dbLocation } from './db-option.js'
import { FILTER_OPTIONS, filterFromFlags } from './filter-options.js'
import { csvCell } from './query-command.js'
import { UsageError, writeLine } from './util.js'

const STEPS: readonly SeriesStep[] = ['day', 'week', 'month']
const FORMATS = ['csv', 'json'] as const

/** `sitrep query dyads --actor1 RUS --actor2 SYR --by day|week|month [--format csv|json]`: a dyad's events per period. */
export async function queryDyadsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, by: { type: 'string', default: 'day' }, format: { type: 'string', default: 'csv' }, ...FILTER_OPTIONS },
  })
  if (positionals.length) throw new UsageError(`query dyads takes no argument, got "${positionals[0]}"`)
  const step = values.by as SeriesStep
  if (!STEPS.includes(step)) throw new UsageError(`--by expects one of ${STEPS.join(', ')}, got "${values.by}"`)
  const format = values.format as (typeof FORMATS)[number]
  if (!FORMATS.includes(format)) throw new UsageError(`--format expects one of ${FORMATS.join(', ')}, got "${values.format}"`)
  if (!values.actor1 && !values.actor2 && !values.actor) throw new UsageError('query dyads needs --actor1 and/or --actor2 (or --actor)')
  const filter = filterFromFlags(values)
  const store = createStore(dbLocation(values.db), { readOnly: true })
  try {
    const { rows, undated } = await dyadSeries(store, filter, step)
    if (format === 'json') await writeLine(JSON.stringify({ by: step, filter, undated, rows }))
    else {
      const columns = Object.keys(rows[0] ?? HEAD) as (keyof (typeof rows)[number])[]
      await writeLine(columns.join(','))
      for (const r of rows) await writeLine(columns.map((c) => csvCell(r[c])).join(','))
    }
    if (undated) process.stderr.write(`sitrep: ${undated} event(s) left out: no date, or a date coarser than a ${step}\n`)
  } finally {
    await store.close()
  }
  return 0
}

// The CSV header of an empty series.
const HEAD = {
  period: '',
  events: 0,
  verbalCooperation: 0,
  materialCooperation: 0,
  verbalConflict: 0,
  materialConflict: 0,
  goldsteinSum: 0,
  goldsteinMean: null,
  toneMean: null,
}
