import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { EXPORT_FORMATS, EXPORT_STORE_OPTIONS, type ExportFormat, exportEvents } from '../exports/export-events.js'
import { createStore } from '../store/create-store.js'
import { dbLocation } from './db-option.js'
import { FILTER_OPTIONS, filterFromFlags } from './filter-options.js'
import { UsageError } from './util.js'

/**
 * `sitrep export --format gdelt|csv|jsonl|geojson|parquet [--mentions] [--out FILE]` with the event
 * filters: streams the stored events to standard output or a file. A file appears only
 * when the export is complete (it is written beside, then renamed).
 */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, format: { type: 'string' }, mentions: { type: 'boolean', default: false }, out: { type: 'string' }, ...FILTER_OPTIONS },
  })
  if (positionals.length) throw new UsageError(`export takes no argument, got "${positionals[0]}"`)
  const format = values.format as ExportFormat | undefined
  if (!format || !EXPORT_FORMATS.includes(format))
    throw new UsageError(`--format expects one of ${EXPORT_FORMATS.join(', ')}${values.format ? `, got "${values.format}"` : ''}`)
  if (format === 'parquet' && !values.out && process.stdout.isTTY)
    throw new UsageError('--format parquet writes binary: give --out FILE or redirect standard output')
  if (values.mentions && format !== 'gdelt') throw new UsageError('--mentions goes with --format gdelt (the GDELT Mentions table)')
  const filter = filterFromFlags(values)
  const store = createStore(dbLocation(values.db), EXPORT_STORE_OPTIONS)
  const partial = values.out ? `${values.out}.partial-${process.pid}` : null
  const out = partial ? createWriteStream(partial) : process.stdout
  try {
    const n = await exportEvents(store, filter, { format, mentions: values.mentions }, out)
    if (partial) {
      out.end()
      await finished(out)
      renameSync(partial, values.out as string)
    }
    process.stderr.write(
      `sitrep: exported ${n} ${format === 'geojson' ? 'located event(s)' : values.mentions ? 'mention(s)' : 'event(s)'}${values.out ? ` to ${values.out}` : ''}\n`,
    )
  } catch (e) {
    if (partial) rmSync(partial, { force: true })
    throw e
  } finally {
    await store.close()
  }
  return 0
}
