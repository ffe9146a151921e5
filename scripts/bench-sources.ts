// Sources speed and memory: a generated WARC.gz of N response records (default 2,000, with a
// request and a metadata record beside each) ingested through the WARC source into a fresh
// SQLite store, against the pipeline alone (analyze + save of the same pages from memory).
//   npm run bench:sources [-- N]
// Each phase runs in its own process, so each peak RSS is its own; the phases alternate, twice
// each, and the run of each with the least CPU time counts (wall time on this shared machine
// swings twofold between runs). ratio = pipeline CPU s / WARC CPU s. Timings, not accuracy.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAnalyzer, isError } from '../src/analyze.js'
import { ingestSources } from '../src/sources/index.js'
import { articleHtml, type TestWarcRecord, warcBytes } from '../src/sources/test-articles.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'

const [phase, arg] = process.argv.slice(2)
const quiet = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream

function warcRecords(n: number, from: number): TestWarcRecord[] {
  const out: TestWarcRecord[] = []
  for (let i = from; i < from + n; i++) {
    const uri = `https://news.example/story/${i}`
    out.push({ type: 'request', uri, body: `GET /story/${i} HTTP/1.1\r\nHost: news.example\r\n\r\n` })
    out.push({ type: 'response', uri, body: articleHtml(i) })
    out.push({ type: 'metadata', uri, body: 'fetchTimeMs: 40\r\n' })
  }
  return out
}

async function pipelineAlone(n: number, db: string): Promise<void> {
  const analyzer = createAnalyzer()
  const store = createSqliteStore(db)
  await store.migrate()
  for (let i = 0; i < n; i++) {
    const out = analyzer.analyze({ html: articleHtml(i), url: `https://news.example/story/${i}`, published: '2026-12-01' })
    if (!isError(out)) await store.save(out, 'bench')
  }
  await store.close()
}

async function viaWarc(file: string, db: string): Promise<number> {
  const store = createSqliteStore(db)
  await store.migrate()
  const stats = await ingestSources([file], { ledger: store, pipelineVersion: 'bench', stderr: quiet })
  await store.close()
  return stats.inserted
}

if (phase === 'pipeline' || phase === 'warc') {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'))
  const started = process.hrtime.bigint()
  let stored = Number(arg)
  if (phase === 'pipeline') await pipelineAlone(Number(arg), join(dir, 'b.db'))
  else stored = await viaWarc(arg as string, join(dir, 'b.db'))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const usage = process.resourceUsage()
  // CPU seconds (user + system) of the whole process, model loading included: wall time on a shared machine swings twofold
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6
  process.stdout.write(JSON.stringify({ seconds, cpu, stored, maxRssMB: usage.maxRSS / 1024 }))
} else {
  const n = Number(phase ?? 2000)
  if (!Number.isInteger(n) || n < 1) {
    console.error('usage: npm run bench:sources [-- N]  (N records, a whole number)')
    process.exit(2)
  }
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'))
  const file = join(dir, 'bench.warc.gz')
  // written in slices, so the generator itself never holds the whole file's records
  const slices: Buffer[] = []
  for (let from = 0; from < n; from += 500) slices.push(warcBytes(warcRecords(Math.min(500, n - from), from), true))
  writeFileSync(file, Buffer.concat(slices))
  const child = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, ...args], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    return JSON.parse(r.stdout) as { seconds: number; cpu: number; stored: number; maxRssMB: number }
  }
  const load = () => (statSync('/proc/loadavg', { throwIfNoEntry: false }) ? spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim() : 'n/a')
  console.log(`${n} response records (${3 * n} records, ${(statSync(file).size / 1e6).toFixed(1)} MB gzipped); load average ${load()}`)
  type Run = ReturnType<typeof child>
  const faster = (a: Run | null, b: Run): Run => (a && a.cpu <= b.cpu ? a : b)
  let alone: Run | null = null
  let warc: Run | null = null
  for (let round = 1; round <= 2; round++) {
    const p = child(['pipeline', String(n)])
    console.log(
      `round ${round} pipeline alone (analyze + save from memory): ${p.seconds.toFixed(1)} s, ${p.cpu.toFixed(1)} CPU s, ${(n / p.cpu).toFixed(1)} docs per CPU s, peak RSS ${p.maxRssMB.toFixed(0)} MB`,
    )
    const w = child(['warc', file])
    console.log(
      `round ${round} WARC.gz source (stream, parse, decode, canonical URL, analyze, save, near-duplicates, offset): ${w.seconds.toFixed(1)} s, ${w.cpu.toFixed(1)} CPU s, ${(n / w.cpu).toFixed(1)} docs per CPU s, peak RSS ${w.maxRssMB.toFixed(0)} MB, ${w.stored} stored`,
    )
    alone = faster(alone, p)
    warc = faster(warc, w)
  }
  if (!alone || !warc) throw new Error('no run')
  console.log(
    `bench:sources n=${n} pipeline_docs_per_cpu_s=${(n / alone.cpu).toFixed(1)} warc_docs_per_cpu_s=${(n / warc.cpu).toFixed(1)} ratio=${(alone.cpu / warc.cpu).toFixed(3)} peak_rss_mb=${warc.maxRssMB.toFixed(0)}`,
  )
}
