// Benchmark: `sitrep serve` under a bounded load on 127.0.0.1 (autocannon), against a store of
// generated events written through the Store interface. Prints:
//   - p50 / p99 latency of event queries at a fixed request rate;
//   - analyse throughput of POST /v1/analyze next to `sitrep analyze --jsonl` on the same
//     documents in the same run (PolNeAR training articles, read from ../shared/data);
//   - the server's memory across 20,000 mixed requests (event queries, one event, stats, alerts,
//     half with a token, event streams opened and closed): at every 2,500 requests its RSS as
//     found and, through a probe preloaded into it, its RSS and V8 heap after a full collection,
//     and the slope of those past the first quarter: the figure a leak would move.
// The server is the built CLI in a child process, so its memory is its own. Every request
// goes to 127.0.0.1; every phase has a fixed count or duration and ends by itself.
// Usage: npm run bench:api [-- --events 20000 --rate 100 --seconds 20 --docs 40 --memory 20000 --memory-only]
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import type { Event } from '../src/core/types.js'
import type { Output } from '../src/output.js'
import { issueToken } from '../src/services/api-tokens.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    docs: { type: 'string', default: '40' },
    memory: { type: 'string', default: '20000' },
    'memory-only': { type: 'boolean', default: false },
    file: { type: 'string', default: '../shared/data/quotes/polnear-train.jsonl' },
  },
})
const whole = (s: string, name: string): number => {
  if (!/^\d+$/.test(s)) throw new TypeError(`--${name} takes a whole number, got "${s}"`)
  return Number(s)
}
const EVENTS = whole(values.events, 'events')
const RATE = whole(values.rate, 'rate')
const SECONDS = whole(values.seconds, 'seconds')
const DOCS = whole(values.docs, 'docs')
const MEMORY = whole(values.memory, 'memory')
if (MEMORY < 10_000 || MEMORY % 2500) throw new TypeError('--memory takes a multiple of 2,500 of at least 10,000')
const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname
const folder = mkdtempSync(join(tmpdir(), 'sitrep-bench-api-'))
const db = join(folder, 'bench.db')

// --- a store of generated events: varied actors, codes, dates and places -------------------
const ACTORS = [
  'SYRGOV',
  'SYRMIL',
  'RUSGOV',
  'RUSMIL',
  'ISRGOV',
  'ISRMIL',
  'USAGOV',
  'IRNGOV',
  'TURGOV',
  'EGYGOV',
  'UKRGOV',
  'CHNGOV',
  'IGOUNO',
  'LBNGOV',
  'JORGOV',
]
const ACTS: [string, string, string, number, number][] = [
  ['010', 'Make statement', 'said', 0, 1],
  ['036', 'Express intent to meet or negotiate', 'offered talks with', 4, 1],
  ['042', 'Make a visit', 'visited', 1.9, 1],
  ['057', 'Sign formal agreement', 'signed an accord with', 8, 2],
  ['111', 'Criticize or denounce', 'condemned', -2, 3],
  ['130', 'Threaten', 'threatened', -4.4, 3],
  ['190', 'Use conventional military force', 'attacked', -10, 4],
  ['0233', 'Appeal for humanitarian aid', 'asked for aid from', 3.4, 1],
]
const PLACES = [
  ['Damascus', 33.51, 36.29],
  ['Moscow', 55.75, 37.62],
  ['Cairo', 30.04, 31.24],
  ['Ankara', 39.93, 32.86],
  ['Kyiv', 50.45, 30.52],
] as const

function generatedArticle(n: number, perArticle: number): Output {
  const lines: string[] = [`Bulletin ${n}`]
  const events: Event[] = []
  let text = `${lines[0]}\n\n`
  for (let i = 0; i < perArticle; i++) {
    const k = n * perArticle + i
    const [cameo, cameoName, verb, goldstein, quad] = ACTS[k % ACTS.length] as (typeof ACTS)[number]
    const source = ACTORS[k % ACTORS.length] as string
    const target = ACTORS[(k * 7 + 3) % ACTORS.length] as string
    const place = PLACES[k % PLACES.length] as (typeof PLACES)[number]
    const day = new Date(Date.UTC(2024, 0, 1) + (k % 700) * 86_400_000).toISOString().slice(0, 10)
    const sentence = `${source} ${verb} ${target} in ${place[0]} on day ${k}.`
    const start = text.length
    text += `${sentence} `
    const trigger = start + source.length + 1
    events.push({
      source: { start, end: start + source.length, text: source, code: source },
      target: { start: trigger + verb.length + 1, end: trigger + verb.length + 1 + target.length, text: target, code: target },
      cameo,
      cameoName,
      plover: null,
      goldstein,
      quad,
      negated: false,
      modality: 'asserted',
      date: day,
      place: { name: place[0], lat: place[1], lon: place[2] },
      sentence: { start, end: start + sentence.length },
      trigger: { start: trigger, end: trigger + verb.length, text: verb },
      rule: 'bench',
      confidence: 0.9,
    })
  }
  return {
    id: `bench-${n}`,
    article: { title: lines[0] as string, text, published: null, byline: null, lang: 'en', url: null, paragraphs: [] },
    events,
    messages: [],
  }
}

const store = createSqliteStore(db)
await store.migrate()
const t0 = performance.now()
const PER_ARTICLE = 5
for (let n = 0; n * PER_ARTICLE < EVENTS; n++) await store.save(generatedArticle(n, PER_ARTICLE), 'bench')
const counts = await store.counts()
// a read token: part of the memory phase's requests carry it (a token look-up and a rate bucket each)
const readToken = (await issueToken(store, 'bench', 'read')).secret
await store.close()
console.log(
  `store: ${counts.articles} articles, ${counts.events} events written through the Store interface in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
)

// --- the server: the built CLI, bound to 127.0.0.1, a rate limit no load here reaches -----
// (the limiter still counts every request in its buckets, as it does in use)
// the memory probe (a full collection, then process.memoryUsage(), on SIGUSR2) tells what the
// server keeps apart from what it has not collected yet
const PROBE = new URL('./memory-probe.mjs', import.meta.url).pathname
const server = spawn(
  process.execPath,
  ['--expose-gc', '--import', PROBE, CLI, 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--rate-limit', '999999999', '--timeout', '120'],
  { stdio: ['ignore', 'ignore', 'pipe'] },
)
let serverErr = ''
const base = await new Promise<string>((resolve, reject) => {
  server.stderr.on('data', (d: Buffer) => {
    serverErr += d.toString()
    const m = /(http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(serverErr)
    if (m?.[1]) resolve(m[1])
  })
  server.once('exit', () => reject(new Error(`sitrep serve exited: ${serverErr}`)))
})
const pid = server.pid as number
const rssMb = (): number => {
  const m = /VmRSS:\s+(?<kb>\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(m?.groups?.kb ?? 0) / 1024
}
const MB = 1024 * 1024
interface Probe {
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  /** V8's young generation (new space) as the probe found it, before collecting: it grows with the allocation rate. */
  newSpace: number
  /** The heap's total size as found, before collecting. */
  heapFound: number
}
// what the server holds after two full collections (the probe's line on its stderr), in MB
async function probe(): Promise<Probe> {
  const from = serverErr.length
  server.kill('SIGUSR2')
  for (let i = 0; i < 200; i++) {
    const m = /memory-probe (\{.*\})\n/.exec(serverErr.slice(from))
    if (m?.[1]) {
      const p = JSON.parse(m[1]) as { found: NodeJS.MemoryUsage; spaces: Record<string, number>; kept: NodeJS.MemoryUsage }
      const k = p.kept
      return {
        rss: k.rss / MB,
        heapUsed: k.heapUsed / MB,
        heapTotal: k.heapTotal / MB,
        external: k.external / MB,
        newSpace: (p.spaces.new_space ?? 0) / MB,
        heapFound: p.found.heapTotal / MB,
      }
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('the server did not answer the memory probe')
}
// the least-squares slope of y over x
function slope(xs: number[], ys: number[]): number {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my)
    den += ((xs[i] as number) - mx) ** 2
  }
  return den ? num / den : 0
}

async function load(path: string, options: { rate?: number; seconds?: number; amount?: number; connections?: number }): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `${base}${path}`,
    connections: options.connections ?? 10,
    ...(options.rate ? { overallRate: options.rate } : {}),
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    timeout: 30,
  })
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`)
  }
  return result
}

try {
  // warm-up: statements prepared, code paths compiled
  await load('/v1/events?limit=50', { amount: 500 })

  // --- event queries at a fixed rate -------------------------------------------------------
  const queries = [
    ['actor + dates', '/v1/events?actor=SYR&since=2024-03-01&until=2024-09-30&limit=50'],
    ['code prefix', '/v1/events?code=19&limit=50'],
    ['second page', ''],
  ]
  const firstPage = (await (await fetch(`${base}/v1/events?limit=100`)).json()) as { next: string }
  ;(queries[2] as string[])[1] = `/v1/events?limit=100&cursor=${firstPage.next}`
  const latency: Record<string, { p50: number; p99: number }> = {}
  for (const [name, path] of queries as [string, string][]) {
    const r = await load(path, { rate: RATE, seconds: SECONDS })
    latency[name] = { p50: r.latency.p50, p99: r.latency.p99 }
    console.log(`events (${name}) at ${RATE} req/s for ${SECONDS} s: ${r.requests.total} requests, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`)
  }

  // --- memory across 20,000 requests, read at checkpoints -----------------------------------
  // Resident memory alone says little: V8 collects when it likes, so a reading right after a
  // load counts garbage not yet collected. At each checkpoint (every 2,500 requests) the probe
  // runs two full collections in the server and reads its RSS and heap; the slope of those
  // readings past the first checkpoints is what a leak would show.
  const CHUNK = 2500
  const checkpoints: { at: number; raw: number; gc: Probe }[] = []
  const checkpoint = async (at: number): Promise<void> => {
    const raw = rssMb()
    checkpoints.push({ at, raw, gc: await probe() })
  }
  await checkpoint(0)
  const peakSamples: number[] = []
  const timer = setInterval(() => peakSamples.push(rssMb()), 250)
  // the requests cycle through the event query, one event, a code-and-date query, the stats and
  // the alerts, half of them with a token; between checkpoints 20 event streams open and close
  const auth = { Authorization: `Bearer ${readToken}` }
  const mix: autocannon.Request[] = [
    { method: 'GET', path: '/v1/events?actor=RUS&limit=100' },
    { method: 'GET', path: '/v1/events/1234', headers: auth },
    { method: 'GET', path: '/v1/events?actor=RUS&limit=100', headers: auth },
    { method: 'GET', path: '/v1/events?code=19&since=2024-02-01&limit=20' },
    { method: 'GET', path: '/v1/stats', headers: auth },
    { method: 'GET', path: '/v1/alerts?limit=10' },
  ]
  const streams = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const controller = new AbortController()
      const res = await fetch(`${base}/v1/stream?actor=SYR`, { signal: controller.signal })
      const reader = (res.body as ReadableStream<Uint8Array>).getReader()
      await reader.read()
      controller.abort()
      await reader.closed.catch(() => undefined)
    }
  }
  for (let at = CHUNK; at <= MEMORY; at += CHUNK) {
    const result = await autocannon({ url: base, connections: 10, amount: CHUNK, requests: mix, timeout: 30 })
    if (result.non2xx || result.errors || result.timeouts)
      throw new Error(`memory load: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`)
    await streams(20)
    await checkpoint(at)
  }
  clearInterval(timer)
  const peak = peakSamples.reduce((m, x) => Math.max(m, x), 0)
  for (const c of checkpoints)
    console.log(
      `memory at ${String(c.at).padStart(6)} requests: rss ${c.raw.toFixed(1)} MB as found (V8 heap ${c.gc.heapFound.toFixed(1)} MB, of it new space ${c.gc.newSpace.toFixed(1)} MB); after a full GC rss ${c.gc.rss.toFixed(1)} MB, heap used ${c.gc.heapUsed.toFixed(1)} MB of ${c.gc.heapTotal.toFixed(1)}, external ${c.gc.external.toFixed(1)} MB`,
    )
  // the slope leaves out the first quarter of the run: allocator and heap sizing settle there
  const settled = checkpoints.filter((c) => c.at >= MEMORY / 4)
  const per10k = (ys: number[]): number =>
    slope(
      settled.map((c) => c.at),
      ys,
    ) * 10_000
  const rssSlope = per10k(settled.map((c) => c.gc.rss))
  const heapSlope = per10k(settled.map((c) => c.gc.heapUsed))
  const first = checkpoints[0] as (typeof checkpoints)[number]
  const last = checkpoints[checkpoints.length - 1] as (typeof checkpoints)[number]
  console.log(
    `memory over ${MEMORY.toLocaleString('en')} requests: rss ${first.raw.toFixed(0)} MB before, ${last.raw.toFixed(0)} MB after, peak ${peak.toFixed(0)} MB; after a full GC ${first.gc.rss.toFixed(0)} -> ${last.gc.rss.toFixed(0)} MB, heap ${first.gc.heapUsed.toFixed(1)} -> ${last.gc.heapUsed.toFixed(1)} MB; slope from ${settled[0]?.at} requests on: rss ${rssSlope.toFixed(2)} MB, heap ${heapSlope.toFixed(2)} MB per 10,000 requests`,
  )

  // --- analyse: the API against the CLI on the same documents (left out with --memory-only) --
  const analyse = async (): Promise<{ apiRate: number; cliRate: number }> => {
    const texts = readFileSync(values.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; date?: string })
      .filter((d) => d.text && d.text.length >= 1000 && d.text.length <= 8000)
      .slice(0, DOCS)
    const jsonl = texts.map((d, i) => JSON.stringify({ id: `d${i}`, text: d.text, ...(d.date ? { published: d.date } : {}) })).join('\n')
    const chars = texts.reduce((n, d) => n + d.text.length, 0)
    // CPU seconds, not wall time: on a shared machine the wall clock mostly measures the others.
    // The CLI's are read from this process's waited-for children (/proc/self/stat cutime + cstime),
    // the server's from its own /proc entry (utime + stime); both in clock ticks of 1/100 s.
    const ticks = (stat: string, fields: number[]): number => {
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return fields.reduce((n, f) => n + Number(after[f - 3]), 0) / 100
    }
    const childrenCpu = (): number => ticks(readFileSync('/proc/self/stat', 'utf8'), [16, 17])
    const serverCpu = (): number => ticks(readFileSync(`/proc/${pid}/stat`, 'utf8'), [14, 15])
    const cli = (input: string): { wall: number; cpu: number } => {
      const start = performance.now()
      const c0 = childrenCpu()
      const r = spawnSync(process.execPath, [CLI, 'analyze', '--jsonl'], { input, maxBuffer: 512 * 1024 * 1024 })
      if (r.status !== 0) throw new Error(`sitrep analyze failed: ${r.stderr}`)
      return { wall: (performance.now() - start) / 1000, cpu: childrenCpu() - c0 }
    }
    // one connection per document: the CLI runs in between take longer than the server keeps an
    // idle connection, and a POST on a connection closed in that moment is not retried
    const post = (body: string) => fetch(`${base}/v1/analyze`, { method: 'POST', headers: { 'Content-Type': 'application/json', Connection: 'close' }, body })
    const lines = jsonl.split('\n')
    await (await post(lines[0] as string)).arrayBuffer()
    const api = async (): Promise<{ wall: number; cpu: number }> => {
      const start = performance.now()
      const c0 = serverCpu()
      for (const line of lines) {
        const res = await post(line)
        if (res.status !== 200) throw new Error(`POST /v1/analyze: ${res.status} ${await res.text()}`)
        await res.arrayBuffer()
      }
      return { wall: (performance.now() - start) / 1000, cpu: serverCpu() - c0 }
    }
    // the phases alternate twice and the faster of each is kept; the CLI loads its models on every
    // start, so a run of the first document alone measures that and the rest is the difference
    const best = (a: { wall: number; cpu: number }, b: { wall: number; cpu: number }) => ({ wall: Math.min(a.wall, b.wall), cpu: Math.min(a.cpu, b.cpu) })
    let apiRun = await api()
    let cliStart = cli(lines[0] as string)
    let cliRun = cli(jsonl)
    apiRun = best(apiRun, await api())
    cliStart = best(cliStart, cli(lines[0] as string))
    cliRun = best(cliRun, cli(jsonl))
    const n = texts.length
    const apiRate = n / apiRun.cpu
    const cliRate = (n - 1) / (cliRun.cpu - cliStart.cpu)
    console.log(
      `analyse ${n} documents (${chars} characters): API ${apiRun.cpu.toFixed(2)} CPU s (${apiRate.toFixed(2)} doc/CPU s; wall ${apiRun.wall.toFixed(1)} s); CLI ${cliRun.cpu.toFixed(2)} CPU s of which ${cliStart.cpu.toFixed(2)} for start-up and the first document (${cliRate.toFixed(2)} doc/CPU s for the rest; wall ${cliRun.wall.toFixed(1)} s)`,
    )
    return { apiRate, cliRate }
  }
  const rates = values['memory-only'] ? null : await analyse()
  const main = latency['actor + dates'] as { p50: number; p99: number }
  console.log(
    `bench-api: events=${counts.events} rate=${RATE} p50_ms=${main.p50} p99_ms=${main.p99} analyze_api_doc_per_cpu_s=${rates?.apiRate.toFixed(2) ?? 'skipped'} analyze_cli_doc_per_cpu_s=${rates?.cliRate.toFixed(2) ?? 'skipped'} api_cli_ratio=${rates ? (rates.apiRate / rates.cliRate).toFixed(2) : 'skipped'} rss_mb_before=${first.raw.toFixed(0)} rss_mb_after=${last.raw.toFixed(0)} gc_rss_mb_before=${first.gc.rss.toFixed(0)} gc_rss_mb_after=${last.gc.rss.toFixed(0)} gc_heap_mb_before=${first.gc.heapUsed.toFixed(1)} gc_heap_mb_after=${last.gc.heapUsed.toFixed(1)} rss_slope_mb_per_10k=${rssSlope.toFixed(2)} load=${loadavg()[0]?.toFixed(1)}`,
  )
} finally {
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  rmSync(folder, { recursive: true, force: true })
}
