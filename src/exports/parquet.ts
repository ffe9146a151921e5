import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { ByteWriter, type ColumnSource, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer'
import type { StoredEvent } from '../store/store.js'

/** A Parquet column of stored events: its name, its Parquet type and how to read it from an event. */
export interface ParquetColumn {
  readonly name: keyof StoredEvent
  readonly type: 'INT64' | 'INT32' | 'DOUBLE' | 'BOOLEAN' | 'STRING'
}

/** Rows per row group: what the writer holds in memory before writing them out. */
export const PARQUET_ROW_GROUP = 10_000

// A ByteWriter that hands its bytes to a stream after each row group instead of keeping the file.
class StreamWriter extends ByteWriter {
  constructor(private readonly out: Writable) {
    super(1 << 20)
  }
  async flush(): Promise<void> {
    if (!this.index) return
    const chunk = Buffer.from(new Uint8Array(this.buffer, 0, this.index))
    this.index = 0
    if (!this.out.write(chunk)) await once(this.out, 'drain')
  }
  override finish(): Promise<void> {
    return this.flush()
  }
}

/**
 * Writes events as one Parquet file to `out`, a row group of PARQUET_ROW_GROUP events at a
 * time (SNAPPY-compressed, with statistics), so memory holds one row group whatever the
 * number of events. Returns how many events it wrote; `out` is left open.
 */
export async function writeParquet(events: AsyncIterable<StoredEvent>, columns: readonly ParquetColumn[], out: Writable): Promise<number> {
  const writer = new StreamWriter(out)
  const empty = (): unknown[][] => columns.map(() => [])
  const sources = (data: unknown[][]): ColumnSource[] =>
    columns.map((c, i) => ({ name: c.name, type: c.type, nullable: true, data: data[i] as ColumnSource['data'] }))
  const parquet = new ParquetWriter({ writer, schema: schemaFromColumnData({ columnData: sources(empty()) }), createdBy: 'sitrep' })
  let group = empty()
  let n = 0
  const write = async (): Promise<void> => {
    await parquet.write({ columnData: sources(group), rowGroupSize: PARQUET_ROW_GROUP })
    group = empty()
  }
  for await (const e of events) {
    columns.forEach((c, i) => {
      ;(group[i] as unknown[]).push(cell(e[c.name], c.type))
    })
    n++
    if ((group[0] as unknown[]).length >= PARQUET_ROW_GROUP) await write()
  }
  if ((group[0] as unknown[]).length) await write()
  await parquet.finish()
  return n
}

// A value as its Parquet column takes it (INT64 as a BigInt), null when missing.
function cell(v: unknown, type: ParquetColumn['type']): unknown {
  if (v === null || v === undefined) return null
  if (type === 'INT64') return BigInt(v as number)
  if (type === 'STRING') return String(v)
  return v
}
