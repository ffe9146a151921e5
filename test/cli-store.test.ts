import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { createTestDatabase, dropTestDatabases, serverProblem } from '../src/store/postgres/test-database.js'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url))
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, SITREP_DB: '', ...env }, maxBuffer: 64 * 1024 * 1024 })
const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'sitrep-cli-')), 'test.db')

const problem = await serverProblem()
if (problem && process.env.CI) throw new Error(`${problem}: the PostgreSQL CLI tests cannot run, and CI is set`)
after(async () => {
  if (!problem) await dropTestDatabases()
})

describe('sitrep recode', () => {
  it('re-analyses the articles of another pipeline version, replacing their events, then has nothing left to do', () => {
    const db = fresh()
    assert.equal(run(['ingest', EXAMPLES, '--db', db, '--date', '2025-07-31']).status, 0)
    const raw = new Database(db)
    const before = raw.prepare('SELECT count(*) AS n FROM events').get() as { n: number }
    const current = (raw.prepare('SELECT DISTINCT pipeline_version AS v FROM articles').all() as { v: string }[]).map((r) => r.v)
    assert.equal(current.length, 1)
    assert.match(current[0] as string, /^\d+\.\d+\.\d+\+[0-9a-f]{12}$/)
    raw.prepare("UPDATE articles SET pipeline_version = '0.0.1'").run()
    raw.prepare("UPDATE events SET pipeline_version = '0.0.1', cameo = '999'").run()
    const r = run(['recode', '--db', db])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stderr, /recoded 2 article\(s\)/)
    const versions = raw.prepare('SELECT pipeline_version AS v, count(*) AS n FROM events GROUP BY 1').all()
    assert.deepEqual(versions, [{ v: current[0], n: before.n }])
    assert.equal((raw.prepare("SELECT count(*) AS n FROM events WHERE cameo = '999'").get() as { n: number }).n, 0)
    raw.close()
    assert.match(run(['recode', '--db', db]).stderr, /recoded 0 article\(s\)/)
    assert.match(run(['recode', '--db', db, '--since', '2025-02-30']).stderr, /--since expects a calendar date/)
  })

  it('counts a user registry in the pipeline version', () => {
    const db = fresh()
    assert.equal(run(['ingest', EXAMPLES, '--db', db, '--date', '2025-07-31']).status, 0)
    const registry = join(mkdtempSync(join(tmpdir(), 'sitrep-reg-')), 'actors.json')
    spawnSync('sh', ['-c', `printf '{}' > ${registry}`])
    const same = run(['recode', '--db', db, '--actors', registry])
    assert.match(same.stderr, /recoded 0 article\(s\)/, 'an empty registry is no registry')
  })
})

describe('sitrep recluster', () => {
  // files the stored events afresh and says how far it is; the clusters it rebuilds are those stats counts
  const check = (db: string, env: Record<string, string> = {}): void => {
    assert.equal(run(['ingest', EXAMPLES, '--db', db, '--date', '2025-07-31'], env).status, 0)
    const before = run(['stats', '--db', db], env).stdout
    const clusters = Number(/clusters=(\d+)/.exec(before)?.[1])
    assert.ok(clusters > 0)
    const r = run(['recluster', '--db', db], env)
    assert.equal(r.status, 0, r.stderr)
    // the articles with events: the example without one has nothing to file
    const total = Number(/recluster: 0\/(\d+) article\(s\) filed/.exec(r.stderr)?.[1])
    assert.ok(total > 0, r.stderr)
    assert.match(r.stderr, new RegExp(`recluster: ${total}/${total} article\\(s\\) filed`))
    assert.match(r.stderr, new RegExp(`took ${clusters} cluster\\(s\\) apart and filed the events of ${total} article\\(s\\) in ${clusters} cluster\\(s\\)`))
    assert.equal(run(['stats', '--db', db], env).stdout, before)
    assert.match(run(['recluster', '--db', db, '--since', '2999-01-01'], env).stderr, /took 0 cluster\(s\) apart/)
    assert.match(run(['recluster', '--db', db, '--since', '2025-02-30'], env).stderr, /--since expects a calendar date/)
  }
  it('files the events of a SQLite database in clusters afresh', () => check(fresh()))
  it('files the events of a PostgreSQL database in clusters afresh', { skip: problem ?? false }, async () => check(await createTestDatabase()))
})

describe('sitrep stats, query dyads and export', () => {
  const db = fresh()
  it('stats prints one line of counts', () => {
    assert.equal(run(['ingest', EXAMPLES, '--db', db, '--date', '2025-07-31']).status, 0)
    const r = run(['stats', '--db', db])
    assert.equal(r.status, 0, r.stderr)
    const m = /^articles=(\d+) events=(\d+) clusters=(\d+)\n$/.exec(r.stdout)
    assert.ok(m, r.stdout)
    const [articles, events, clusters] = [Number(m[1]), Number(m[2]), Number(m[3])]
    assert.equal(articles, 2)
    assert.ok(events > 5 && clusters > 0 && clusters <= events)
    assert.match(run(['stats', '--db', fresh()]).stderr, /no database at/)
  })

  it('query dyads counts a dyad per period as CSV or JSON', () => {
    const csv = run(['query', 'dyads', '--actor1', 'SYR', '--actor2', 'RUS', '--by', 'month', '--db', db])
    assert.equal(csv.status, 0, csv.stderr)
    const [head, ...rows] = csv.stdout.trim().split('\n')
    assert.equal(head, 'period,events,verbalCooperation,materialCooperation,verbalConflict,materialConflict,goldsteinSum,goldsteinMean,toneMean')
    assert.match(rows[0] ?? '', /^2025-07,\d+,/)
    const json = JSON.parse(run(['query', 'dyads', '--actor1', 'SYR', '--actor2', 'RUS', '--by', 'week', '--format', 'json', '--db', db]).stdout)
    assert.equal(json.rows[0].period, '2025-07-28', 'a week starts on Monday')
    assert.equal(run(['query', 'dyads', '--actor1', 'SYR', '--by', 'year', '--db', db]).status, 2)
    assert.equal(run(['query', 'dyads', '--db', db]).status, 2)
  })

  it('query events takes every shared filter flag', () => {
    const all = run(['query', 'events', '--format', 'jsonl', '--db', db])
    assert.equal(all.status, 0, all.stderr)
    const events = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { sourceCode: string | null; targetCode: string | null; cameo: string; quad: number; clusterId: number | null })
    assert.ok(events.length > 5)
    assert.ok(
      events.every((e) => typeof e.clusterId === 'number'),
      'each event names its cluster',
    )
    const count = (flags: string[]): number => {
      const r = run(['query', 'events', '--format', 'jsonl', '--db', db, ...flags])
      assert.equal(r.status, 0, r.stderr)
      return r.stdout.trim() ? r.stdout.trim().split('\n').length : 0
    }
    const first = events[0] as (typeof events)[number]
    const root = first.cameo.slice(0, 2)
    const expected = events.filter((e) => e.cameo.startsWith(root) && e.quad === first.quad && e.sourceCode?.startsWith(first.sourceCode?.slice(0, 3) ?? ''))
    assert.equal(count(['--root', root, '--quad', String(first.quad), '--actor1', first.sourceCode?.slice(0, 3) ?? 'SYR']), expected.length)
    assert.equal(
      count(['--actor2', 'RUS', '--country', 'SYR', '--bbox=-180,-90,180,90', '--since', '2025-01-01', '--until', '2025-12-31', '--limit', '1']) <= 1,
      true,
    )
    assert.match(
      run(['query', 'events', '--quad', '9', '--country', 'Syria', '--db', db]).stderr,
      /--quad expects a quad class.*--country expects an ISO alpha-3/,
    )
    assert.match(run(['query', 'events', '--db', db, '--root', root]).stdout, /^date\s+cluster\s+source/)
  })

  it('export writes a complete file with --out and refuses bad flags', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sitrep-out-')), 'events.tsv')
    const r = run(['export', '--format', 'gdelt', '--out', out, '--db', db, '--actor1', 'SYR'])
    assert.equal(r.status, 0, r.stderr)
    const lines = readFileSync(out, 'utf8').replace(/\n$/, '').split('\n')
    assert.ok(lines.length > 0)
    for (const l of lines) {
      assert.equal(l.split('\t').length, 61)
      assert.match(l.split('\t')[5] ?? '', /^SYR/)
    }
    const parquet = join(mkdtempSync(join(tmpdir(), 'sitrep-out-')), 'events.parquet')
    const p = run(['export', '--format', 'parquet', '--out', parquet, '--db', db, '--root', '04'])
    assert.equal(p.status, 0, p.stderr)
    const bytes = readFileSync(parquet)
    assert.equal(bytes.subarray(0, 4).toString(), 'PAR1')
    assert.equal(bytes.subarray(-4).toString(), 'PAR1')
    assert.match(run(['export', '--format', 'xlsx', '--db', db]).stderr, /--format expects one of gdelt, csv, jsonl, geojson, parquet/)
    assert.match(run(['export', '--format', 'csv', '--mentions', '--db', db]).stderr, /--mentions goes with --format gdelt/)
    assert.match(run(['export', '--format', 'csv', '--bbox', '1,2,3', '--db', db]).stderr, /--bbox expects west,south,east,north/)
    assert.match(run(['export', '--format', 'csv', '--quad', '7', '--db', db]).stderr, /--quad expects a quad class/)
  })
})

describe('sitrep with PostgreSQL (SITREP_DB)', { skip: problem ?? false }, () => {
  it('ingests and queries the same events as SQLite', async () => {
    const url = await createTestDatabase()
    const sqlite = fresh()
    for (const [db, env] of [
      [sqlite, {}],
      [null, { SITREP_DB: url }],
    ] as const) {
      const r = run(['ingest', EXAMPLES, ...(db ? ['--db', db] : []), '--date', '2025-07-31'], env)
      assert.equal(r.status, 0, r.stderr)
    }
    const pgEvents = run(['query', 'events', '--format', 'jsonl'], { SITREP_DB: url })
    const liteEvents = run(['query', 'events', '--format', 'jsonl', '--db', sqlite])
    assert.equal(pgEvents.status, 0, pgEvents.stderr)
    const strip = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((l) => {
          // ids are each database's own: the events, and the clusters they name
          const { id: _, articleAdded: __, clusterId: ___, ...rest } = JSON.parse(l) as Record<string, unknown>
          return rest
        })
    assert.ok(strip(liteEvents.stdout).length > 5)
    assert.deepEqual(strip(pgEvents.stdout), strip(liteEvents.stdout))
    const stats = run(['stats'], { SITREP_DB: url })
    assert.equal(stats.stdout, run(['stats', '--db', sqlite]).stdout, 'the same counts, clusters included')
  })
})
