// Sources speed and memory: a WARC.gz ingested through the WARC source into a fresh SQLite
// store, against the pipeline alone (analyze + save of the same documents — the WARC source's
// own reader gives them, decoded alike —, read from the file before the clock starts). Each
// phase runs in its own process (each peak RSS is its own) and analyses one warm-up document
// outside the timing (the models load there, a cost both share and that would hide the
// difference); the phases alternate, their order swapped each round, and the run of each with
// the least CPU time counts (wall time on this shared machine swings twofold between runs).
// ratio = pipeline CPU s / WARC CPU s. A third process streams the documents through the
// pipeline alone without holding them, for the pipeline's own peak RSS beside the WARC path's.
//   npm run bench:sources [-- N]      N generated articles (default 2,000), with a request and
//                                     a metadata record beside each response
//   npm run bench:sources -- real     the extraction sets' pages (../shared/data/extraction/*/html),
//                                     read from there at run time, one round
//   npm run bench:sources -- real N   N of those pages, spread evenly over them (every k-th), for a
//                                     run of minutes rather than the whole set's half hour
// Timings, not accuracy.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { createAnalyzer, isError } from '../src/analyze.js'
import { ingestMemoryCeiling } from '../src/cli/memory-ceiling.js'
import type { Input } from '../src/core/doc.js'
import { ingestSources, type MemoryCeiling, warcDocuments } from '../src/sources/index.js'
import { articleHtml, type TestWarcRecord, warcBytes } from '../src/sources/test-articles.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'

const [phase, arg, ceilingArg] = process.argv.slice(2)
const quiet = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1e6
}

function generatedRecords(n: number, from: number): TestWarcRecord[] {
  const out: TestWarcRecord[] = []
  for (let i = from; i < from + n; i++) {
    const uri = `https://news.example/story/${i}`
    out.push({ type: 'request', uri, body: `GET /story/${i} HTTP/1.1\r\nHost: news.example\r\n\r\n` })
    out.push({ type: 'response', uri, body: articleHtml(i) })
    out.push({ type: 'metadata', uri, body: 'fetchTimeMs: 40\r\n' })
  }
  return out
}

/** The documents of a WARC.gz as the WARC source reads them (same decoding, same dates). */
async function inputsOf(file: string): Promise<Input[]> {
  const inputs: Input[] = []
  for await (const doc of warcDocuments(file)) if (doc.input) inputs.push(doc.input)
  return inputs
}

// a document of neither set, analysed by every phase before its clock starts
const WARM_UP: Input = { html: articleHtml(999_999), url: 'https://warm.example/up', published: '2026-01-01' }

if (phase === 'pipeline' || phase === 'warc' || phase === 'stream') {
  const db = join(mkdtempSync(join(tmpdir(), 'sitrep-bench-')), 'b.db')
  const file = arg as string
  const inputs = phase === 'pipeline' ? await inputsOf(file) : []
  const store = createSqliteStore(db)
  await store.migrate()
  const analyzer = createAnalyzer()
  analyzer.analyze(WARM_UP)
  const started = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  let stored = 0
  let memory: MemoryCeiling | undefined
  const one = async (input: Input): Promise<void> => {
    const out = analyzer.analyze(input)
    if (!isError(out) && (await store.save(out, 'bench')).inserted) stored++
  }
  if (phase === 'pipeline') for (const input of inputs) await one(input)
  else if (phase === 'stream') {
    for await (const doc of warcDocuments(file)) if (doc.input) await one(doc.input)
  } else {
    // as `sitrep ingest` reads it: under the CLI's memory ceiling (a third argument: another in MB, or "none")
    memory = ceilingArg === 'none' ? undefined : ceilingArg ? ingestMemoryCeiling(Number(ceilingArg)) : ingestMemoryCeiling()
    stored = (await ingestSources([file], { ledger: store, analyzer, pipelineVersion: 'bench', stderr: quiet, ...(memory && { memory }) })).inserted
  }
  const cpu = cpuSeconds(cpu0)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  await store.close()
  process.stdout.write(JSON.stringify({ seconds, cpu, stored, maxRssMB: process.resourceUsage().maxRSS / 1024, collections: memory?.collections() ?? 0 }))
} else {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'))
  const file = join(dir, 'bench.warc.gz')
  let label: string
  let rounds = 2
  if (phase === 'real') {
    const roots = ['wcxb-articles-dev', 'zyte-dev'].map((d) => join('..', 'shared', 'data', 'extraction', d, 'html')).filter((d) => existsSync(d))
    if (!roots.length) {
      console.error('no pages under ../shared/data/extraction/*/html')
      process.exit(2)
    }
    const files = roots.flatMap((root) =>
      readdirSync(root)
        .sort()
        .map((f) => [root, f] as const),
    )
    const limit = arg === undefined ? files.length : Number(arg)
    if (!Number.isInteger(limit) || limit < 1) {
      console.error('usage: npm run bench:sources -- real [N]')
      process.exit(2)
    }
    // an even spread keeps the sample's mix of sizes and sites close to the whole set's
    const step = Math.max(1, files.length / limit)
    const picked = Array.from({ length: Math.min(limit, files.length) }, (_, j) => files[Math.floor(j * step)] as (typeof files)[number])
    const records: TestWarcRecord[] = []
    for (const [root, f] of picked) {
      const bytes = readFileSync(join(root, f))
      records.push({
        type: 'response',
        uri: `https://pages.example/${root.split('/').at(-2)}/${f}`,
        body: (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
      })
    }
    writeFileSync(file, warcBytes(records, true))
    label = `${records.length} of ${files.length} real pages (${roots.join(', ')})`
    rounds = 1
  } else {
    const n = Number(phase ?? 2000)
    if (!Number.isInteger(n) || n < 1) {
      console.error('usage: npm run bench:sources [-- N | real]')
      process.exit(2)
    }
    // written in slices, so the generator never holds every record at once
    const slices: Buffer[] = []
    for (let from = 0; from < n; from += 500) slices.push(warcBytes(generatedRecords(Math.min(500, n - from), from), true))
    writeFileSync(file, Buffer.concat(slices))
    label = `${n} generated response records (${3 * n} records)`
  }
  const child = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })
    if (r.status !== 0) throw new Error(r.stderr)
    return JSON.parse(r.stdout) as { seconds: number; cpu: number; stored: number; maxRssMB: number; collections: number }
  }
  const load = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').trim() : 'n/a'
  console.log(`${label}, ${(statSync(file).size / 1e6).toFixed(1)} MB gzipped; load average ${load}`)
  type Run = ReturnType<typeof child>
  const leaner = (a: Run | null, b: Run): Run => (a && a.cpu <= b.cpu ? a : b)
  const line = (r: Run) =>
    `${r.seconds.toFixed(1)} s, ${r.cpu.toFixed(1)} CPU s (${(r.stored / r.cpu).toFixed(1)} docs per CPU s), peak RSS ${r.maxRssMB.toFixed(0)} MB, ${r.stored} stored${r.collections ? `, ${r.collections} collections at the memory ceiling` : ''}`
  let alone: Run | null = null
  let warc: Run | null = null
  const pipelineRun = (round: number): Run => {
    const p = child(['pipeline', file])
    console.log(`round ${round} pipeline alone (analyze + save, inputs read beforehand): ${line(p)}`)
    alone = leaner(alone, p)
    return p
  }
  const warcRun = (round: number): Run => {
    const w = child(['warc', file])
    console.log(`round ${round} WARC.gz source (stream, parse, decode, canonical URL, analyze, save, near-duplicates, offset): ${line(w)}`)
    warc = leaner(warc, w)
    return w
  }
  // each round's ratio too: its two runs are adjacent in time, so they saw much the same load
  const roundRatios: string[] = []
  for (let round = 1; round <= rounds; round++) {
    // the order swaps each round, so neither phase always runs on the machine the other left
    const p = round % 2 ? pipelineRun(round) : undefined
    const w = warcRun(round)
    const q = p ?? pipelineRun(round)
    roundRatios.push((q.cpu / w.cpu).toFixed(3))
  }
  const streamed = child(['stream', file])
  console.log(`pipeline alone, documents streamed from the file, not held (its own peak memory): ${line(streamed)}`)
  const a = alone as Run | null
  const w = warc as Run | null
  if (!a || !w) throw new Error('no run')
  console.log(
    `bench:sources ${phase === 'real' ? 'real' : 'generated'} docs=${w.stored} pipeline_docs_per_cpu_s=${(a.stored / a.cpu).toFixed(1)} warc_docs_per_cpu_s=${(w.stored / w.cpu).toFixed(1)} ratio=${(a.cpu / w.cpu).toFixed(3)} round_ratios=${roundRatios.join(',')} peak_rss_mb=${w.maxRssMB.toFixed(0)} pipeline_streamed_peak_rss_mb=${streamed.maxRssMB.toFixed(0)}`,
  )
}
