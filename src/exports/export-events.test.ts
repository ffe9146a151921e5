import assert from 'node:assert/strict'
import { createWriteStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { finished } from 'node:stream/promises'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { check } from '@placemarkio/check-geojson'
import { syntheticDoc } from '../../scripts/synthetic-docs.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { EventFilter, Store } from '../store/store.js'
import { DOC_A, DOC_B } from '../store/store-contract.js'
import { CSV_COLUMNS, type ExportOptions, exportEvents, PARQUET_COLUMNS } from './export-events.js'
import { fipsCountry } from './fips.js'
import { GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS } from './gdelt.js'

const CODEBOOKS = fileURLToPath(new URL('../../../shared/data/codebooks/', import.meta.url))
const DUCK_TYPES = { INTEGER: 'BIGINT', FLOAT: 'DOUBLE', STRING: 'VARCHAR' } as const

let store: Store
const dir = mkdtempSync(join(tmpdir(), 'sitrep-export-'))

before(async () => {
  store = createSqliteStore(join(dir, 'export.db'))
  await store.migrate()
  // DOC_A again from another outlet, a sentence longer: the same two events, reported twice
  const text = `${DOC_A.article?.text} Officials confirmed it.`
  const again = {
    ...DOC_A,
    id: 'contract-a-again',
    article: { ...(DOC_A.article as NonNullable<typeof DOC_A.article>), text, url: 'https://other.example/a2' },
  }
  await store.saveMany([DOC_A, DOC_B, again, ...Array.from({ length: 30 }, (_, n) => syntheticDoc(n, 7))], 'test')
})
after(async () => store.close())

async function exported(options: ExportOptions, filter: EventFilter = {}): Promise<{ text: string; n: number }> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const n = await exportEvents(store, filter, options, out)
  out.end()
  return { text: Buffer.concat(chunks).toString('utf8'), n }
}

// Loads a file into DuckDB with the given columns and types; every value must parse.
async function loadInDuckDb(file: string, columns: readonly (readonly [string, string])[], header: boolean, delim: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const spec = columns.map(([name, type]) => `'${name}': '${type}'`).join(', ')
  const reader = await connection.runAndReadAll(
    `SELECT * FROM read_csv('${file}', delim = '${delim}', header = ${header}, quote = '${delim === '\t' ? '' : '"'}', escape = '${delim === '\t' ? '' : '"'}', columns = {${spec}}, strict_mode = true, null_padding = false)`,
  )
  const rows = reader.getRowObjectsJson() as Record<string, unknown>[]
  connection.closeSync()
  instance.closeSync()
  return rows
}

describe('GDELT export', () => {
  it('has the 61 Events and 16 Mentions columns of the GDELT 2.0 codebook, in order', (t) => {
    if (!existsSync(CODEBOOKS)) return t.skip(`no codebooks at ${CODEBOOKS}`)
    for (const [file, columns] of [
      ['gdelt2-events-columns.txt', GDELT_EVENT_COLUMNS],
      ['gdelt2-mentions-columns.txt', GDELT_MENTION_COLUMNS],
    ] as const) {
      const rows = readFileSync(join(CODEBOOKS, file), 'utf8')
        .split('\n')
        .filter((l) => /^\d+\t/.test(l))
        .map((l) => l.split('\t').slice(1, 3))
      assert.deepEqual(
        columns.map(([name, type]) => [name, type]),
        rows,
        file,
      )
    }
    assert.equal(GDELT_EVENT_COLUMNS.length, 61)
    assert.equal(GDELT_MENTION_COLUMNS.length, 16)
  })

  it('loads into DuckDB with GDELT names and types, every column parsing', async () => {
    const { text, n } = await exported({ format: 'gdelt' })
    assert.equal(n, 213, 'the 215 stored events report 213 real-world events')
    for (const line of text.trimEnd().split('\n')) assert.equal(line.split('\t').length, 61, line)
    const file = join(dir, 'events.tsv')
    writeFileSync(file, text)
    const rows = await loadInDuckDb(
      file,
      GDELT_EVENT_COLUMNS.map(([name, type]) => [name, DUCK_TYPES[type]]),
      false,
      '\t',
    )
    assert.equal(rows.length, 213)
    const condemned = rows.find((r) => r.EventCode === '111' && r.Actor1Code === 'RUSGOV' && r.ActionGeo_FullName === 'Damascus')
    assert.ok(condemned)
    assert.equal(condemned.SQLDATE, '20250731')
    assert.equal(condemned.Actor1Code, 'RUSGOV')
    assert.equal(condemned.Actor1CountryCode, 'RUS')
    assert.equal(condemned.Actor1Type1Code, 'GOV')
    assert.equal(condemned.Actor1Name, 'MOSCOW')
    assert.equal(condemned.EventRootCode, '11')
    assert.equal(condemned.QuadClass, '3')
    assert.equal(condemned.ActionGeo_Type, '4')
    assert.equal(condemned.ActionGeo_CountryCode, 'SY')
    assert.equal(condemned.ActionGeo_ADM1Code, 'SY13')
    assert.equal(condemned.ActionGeo_FeatureID, '170654')
    assert.equal(condemned.ActionGeo_Lat, 33.51)
    assert.equal(condemned.IsRootEvent, '1')
    assert.deepEqual([condemned.NumMentions, condemned.NumSources, condemned.NumArticles], ['2', '2', '2'], 'two outlets reported it')
    assert.ok(['https://example.org/a', 'https://other.example/a2'].includes(String(condemned.SOURCEURL)), 'the URL of its first report')
    const monthOnly = rows.find((r) => r.EventCode === '043' && r.Actor1Code === 'EGY' && r.Actor2Code === 'ISR' && r.MonthYear === '202507')
    assert.equal(monthOnly?.SQLDATE, '20250701', 'a month alone is its first day')
    const texas = rows.find((r) => r.ActionGeo_FullName === 'Texas')
    assert.equal(texas?.ActionGeo_Type, '2', 'a US state')
    assert.equal(texas?.ActionGeo_ADM1Code, 'USTX')
  })

  it('writes the Mentions table with --mentions, loading into DuckDB the same way', async () => {
    const { text, n } = await exported({ format: 'gdelt', mentions: true }, { actor: 'RUS' })
    const file = join(dir, 'mentions.tsv')
    writeFileSync(file, text)
    const rows = await loadInDuckDb(
      file,
      GDELT_MENTION_COLUMNS.map(([name, type]) => [name, DUCK_TYPES[type]]),
      false,
      '\t',
    )
    assert.equal(rows.length, n)
    assert.ok(n > 10)
    const a = rows.find((r) => r.MentionIdentifier === 'https://example.org/a')
    assert.equal(a?.MentionType, '1')
    assert.equal(a?.MentionSourceName, 'example.org')
    assert.equal(a?.Confidence, '90')
    const other = rows.filter((r) => r.MentionIdentifier === 'https://other.example/a2')
    assert.equal(other.length, 2)
    for (const o of other)
      assert.ok(
        rows.some((r) => r.MentionIdentifier === 'https://example.org/a' && r.GLOBALEVENTID === o.GLOBALEVENTID),
        'the same event id',
      )
  })
})

describe('CSV, JSONL and GeoJSON exports', () => {
  it('CSV has a header and loads into DuckDB with every column typed', async () => {
    const { text } = await exported({ format: 'csv' })
    const file = join(dir, 'events.csv')
    writeFileSync(file, text)
    const types: Record<string, string> = { id: 'BIGINT', goldstein: 'DOUBLE', quad: 'INTEGER', negated: 'BOOLEAN', lat: 'DOUBLE', lon: 'DOUBLE' }
    Object.assign(types, { isRoot: 'BOOLEAN', confidence: 'DOUBLE', articleTone: 'DOUBLE' })
    const rows = await loadInDuckDb(
      file,
      CSV_COLUMNS.map((c) => [c, types[c] ?? 'VARCHAR']),
      true,
      ',',
    )
    assert.equal(rows.length, 215)
    assert.equal(
      rows.find((r) => r.cameo === '111' && r.articleUrl === 'https://example.org/a')?.evidence,
      'Moscow condemned the strikes on Damascus on Thursday.',
    )
  })

  it('Parquet loads into DuckDB with every column of its type and every value read back', async () => {
    const file = join(dir, 'events.parquet')
    const out = createWriteStream(file)
    assert.equal(await exportEvents(store, {}, { format: 'parquet' }, out), 215)
    out.end()
    await finished(out)
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJson()
    const duck = { INT64: 'BIGINT', INT32: 'INTEGER', DOUBLE: 'DOUBLE', BOOLEAN: 'BOOLEAN', STRING: 'VARCHAR' } as const
    assert.deepEqual(
      described.map((r) => [r.column_name, r.column_type]),
      PARQUET_COLUMNS.map((c) => [c.name, duck[c.type]]),
    )
    const rows = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY id`)).getRowObjectsJson() as Record<string, unknown>[]
    connection.closeSync()
    instance.closeSync()
    assert.equal(rows.length, 215)
    const stored = (await store.queryEvents({})).sort((a, b) => a.id - b.id)
    const condemned = rows.find((r) => r.cameo === '111' && r.articleUrl === 'https://example.org/a')
    const original = stored.find((e) => String(e.id) === String(condemned?.id))
    assert.ok(condemned && original)
    assert.deepEqual(
      [condemned.evidence, condemned.lat, condemned.negated, condemned.quad, condemned.clusterId, condemned.placeId],
      [original.evidence, original.lat, original.negated, original.quad, String(original.clusterId), original.placeId],
    )
    assert.equal(rows.filter((r) => r.lat === null).length, stored.filter((e) => e.lat === null).length, 'nulls stay null')
  })

  it('Parquet with no event matching is still a Parquet file', async () => {
    const empty = await exported({ format: 'parquet' }, { code: '99' })
    assert.equal(empty.n, 0)
    assert.equal(empty.text.slice(0, 4), 'PAR1')
  })

  it('JSONL has one stored event per line', async () => {
    const { text } = await exported({ format: 'jsonl' }, { country: 'EGY' })
    const events = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.ok(events.length > 5)
    for (const e of events) assert.equal(e.placeCountry, 'EGY')
  })

  it('GeoJSON is a valid RFC 7946 FeatureCollection of the located events', async () => {
    const { text, n } = await exported({ format: 'geojson' })
    const collection = check(text) as { type: string; features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] }
    assert.equal(collection.type, 'FeatureCollection')
    assert.equal(collection.features.length, n)
    const damascus = collection.features.find((f) => f.properties.cameo === '111' && f.properties.articleUrl === 'https://example.org/a')
    assert.deepEqual(damascus?.geometry.coordinates, [36.29, 33.51], '[longitude, latitude]')
    const empty = await exported({ format: 'geojson' }, { code: '99' })
    assert.equal(empty.n, 0)
    assert.equal((check(empty.text) as { features: unknown[] }).features.length, 0)
  })
})

describe('FIPS 10-4 table', () => {
  it('maps ISO alpha-3 countries to GDELT country codes', () => {
    assert.deepEqual(['SYR', 'DEU', 'GBR', 'RUS', 'USA', 'ISR', 'UKR', 'XXX', null].map(fipsCountry), ['SY', 'GM', 'UK', 'RS', 'US', 'IS', 'UP', null, null])
  })
})

describe('dyad series', () => {
  it('counts a dyad per day, week and month with quad classes, Goldstein and tone', async () => {
    const { dyadSeries } = await import('./dyad-series.js')
    const week = await dyadSeries(store, { actor1: 'SYR', actor2: 'RUS' }, 'week')
    const doc = week.rows.find((r) => r.period === '2025-07-28')
    assert.ok(doc, 'DOC_A: 2025-07-31 is in the week of Monday 2025-07-28')
    assert.ok(doc.events >= 1)
    const all = await dyadSeries(store, { actor1: 'SYR', actor2: 'RUS' }, 'day')
    const sum = all.rows.reduce((n, r) => n + r.events, 0)
    assert.equal(sum + all.undated, (await store.queryEvents({ actor1: 'SYR', actor2: 'RUS' })).length)
    for (const r of all.rows) {
      assert.equal(r.verbalCooperation + r.materialCooperation + r.verbalConflict + r.materialConflict, r.events)
      assert.match(r.period, /^\d{4}-\d{2}-\d{2}$/)
    }
    const months = await dyadSeries(store, { actor1: 'EGY', actor2: 'ISR' }, 'month')
    assert.deepEqual(
      months.rows.find((r) => r.period === '2025-07'),
      {
        period: '2025-07',
        events: 1,
        verbalCooperation: 1,
        materialCooperation: 0,
        verbalConflict: 0,
        materialConflict: 0,
        goldsteinSum: 2.8,
        goldsteinMean: 2.8,
        toneMean: null,
      },
    )
    assert.equal(
      (await dyadSeries(store, { actor1: 'EGY', actor2: 'ISR' }, 'day')).rows.find((r) => r.period.startsWith('2025-07')),
      undefined,
      'a month alone is no day',
    )
  })
})
