// Benchmark: `sitrep worker` processes on one machine, fed by BullMQ on Redis. Measures, in
// one run: documents per second with 1 and with 2 worker processes (each configuration its own
// queue and SQLite store, all started and warmed first so start-up is not counted), the
// speed-up, and the queue's own cost per job (a consumer that does nothing). The
// configurations take turns in rounds of new articles (1, 2, then 2, 1, …): on this shared
// machine the load drifts within minutes, and alternating puts the drift on both alike.
// Prints the load average with each round.
// Usage: npm run bench:workers [-- --docs 60 --rounds 3 --workers 1,2 --file PATH.jsonl --redis redis://127.0.0.1:6379]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startConsumer } from '../src/queue/consumer.js'
import { createProducer } from '../src/queue/producer.js'
import { openQueueAdmin } from '../src/queue/queue-admin.js'

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/data/quotes/polnear-train.jsonl' },
    docs: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1,2' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    'noop-jobs': { type: 'string', default: '2000' },
  },
})
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const docs = Number(values.docs)
const rounds = Number(values.rounds)
const counts = values.workers.split(',').map(Number)
const texts = readFileSync(values.file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; date?: string })
  .filter((x) => x.text)
const WARM = 4
const needed = rounds * counts.length * docs + WARM * counts.reduce((a, b) => a + b, 0)
if (texts.length < needed) throw new RangeError(`${values.file} has ${texts.length} articles; --docs ${docs} --rounds ${rounds} need ${needed}`)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

async function finishedCount(admin: ReturnType<typeof openQueueAdmin>): Promise<number> {
  const s = await admin.status(0)
  return s.completed + s.failed
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 100 ticks a second). */
function cpuSeconds(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** `n` warmed worker processes on their own queue and store, ready for rounds of documents. */
interface Pool {
  readonly n: number
  readonly admin: ReturnType<typeof openQueueAdmin>
  readonly producer: ReturnType<typeof createProducer>
  readonly workers: ReturnType<typeof spawn>[]
  readonly errs: (() => string)[]
  readonly dir: string
  /** Jobs sent so far (warm-up included). */
  sent: number
}

// workers in their own sessions outlive a crashed bench unless killed on the way out
const live = new Set<ReturnType<typeof spawn>>()
process.once('exit', () => {
  for (const w of live) w.kill('SIGKILL')
})

let cursor = 0
/** The next `k` articles, never used before in this run (a repeated text would be one job). */
function nextTexts(k: number): string[] {
  const out = texts.slice(cursor, cursor + k).map((x) => x.text)
  cursor += k
  return out
}

async function startPool(n: number): Promise<Pool> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-workers-'))
  const name = `bench-workers-${n}-${process.pid}-${Date.now().toString(36)}`
  const ready: Promise<void>[] = []
  const errs: (() => string)[] = []
  const workers = Array.from({ length: n }, () => {
    // each worker in its own session, as a service manager starts it: Linux's autogroup
    // scheduling (on here) gives a session one share of the CPU, whatever its process count,
    // so workers started in the bench's own session would split one share between them
    const w = spawn(process.execPath, [CLI, 'worker', '--queue', values.redis, '--queue-name', name, '--db', join(dir, 'sitrep.db')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    })
    live.add(w)
    w.once('exit', () => live.delete(w))
    let err = ''
    errs.push(() => err)
    ready.push(
      new Promise((resolve, reject) => {
        w.stderr?.setEncoding('utf8').on('data', (s: string) => {
          err += s
          if (err.includes('taking jobs')) resolve()
        })
        w.once('exit', () => reject(new Error(`a worker stopped before taking jobs: ${err}`)))
      }),
    )
    return w
  })
  const pool: Pool = { n, admin: openQueueAdmin(values.redis, name), producer: createProducer({ url: values.redis, name }), workers, errs, dir, sent: 0 }
  // each worker loads its models before it says it is taking jobs
  await Promise.all(ready)
  // warm-up: a few articles per worker (first-use caches, SQLite's pages)
  await runRound(pool, WARM * n)
  return pool
}

/** Sends `k` new articles to a pool and waits until they are done: seconds and the workers' CPU seconds. */
async function runRound(pool: Pool, k: number): Promise<{ seconds: number; cpu: number }> {
  const batch = nextTexts(k)
  const cpu0 = pool.workers.reduce((a, w) => a + cpuSeconds(w.pid), 0)
  const t0 = performance.now()
  for (const [i, text] of batch.entries()) await pool.producer.add({ text, published: '2016-01-01' }, `doc ${pool.sent + i}`)
  await pool.producer.flush()
  pool.sent += k
  while ((await finishedCount(pool.admin)) < pool.sent) await sleep(25)
  const seconds = (performance.now() - t0) / 1000
  const cpu = pool.workers.reduce((a, w) => a + cpuSeconds(w.pid), 0) - cpu0
  const s = await pool.admin.status(0)
  if (s.failed || s.dead) throw new Error(`${s.failed} failed, ${s.dead} dead jobs`)
  return { seconds, cpu }
}

async function stopPool(pool: Pool): Promise<void> {
  for (const w of pool.workers) w.kill('SIGTERM')
  await Promise.all(pool.workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))))
  if (process.env.BENCH_DEBUG) for (const e of pool.errs) console.log(e().trim().split('\n').at(-1))
  await pool.producer.close()
  await pool.admin.obliterate()
  await pool.admin.close()
  rmSync(pool.dir, { recursive: true, force: true })
}

/** Milliseconds the queue itself costs per job: enqueue, take, complete, with a consumer that does nothing. */
async function overheadMs(jobs: number): Promise<{ perJob: number; enqueuePerJob: number }> {
  const name = `bench-noop-${process.pid}-${Date.now().toString(36)}`
  const admin = openQueueAdmin(values.redis, name)
  const producer = createProducer({ url: values.redis, name })
  const t0 = performance.now()
  for (let i = 0; i < jobs; i++) await producer.add({ text: `job ${i}` }, `noop ${i}`)
  await producer.flush()
  const enqueued = performance.now()
  const consumer = startConsumer({ url: values.redis, name, handle: async () => {} })
  while ((await finishedCount(admin)) < jobs) await sleep(20)
  const done = performance.now()
  await consumer.stop()
  await producer.close()
  await admin.obliterate()
  await admin.close()
  return { perJob: (done - enqueued) / jobs, enqueuePerJob: (enqueued - t0) / jobs }
}

console.log(`load average before: ${load()} (1, 5, 15 min); ${rounds} rounds of ${docs} new articles per configuration from ${values.file}`)
// every configuration's workers run side by side, idle (blocked on Redis) while another's round runs;
// the rounds alternate (1, 2, 2, 1, 1, 2, …) so a change in the machine's load falls on both alike
const pools = new Map<number, Pool>()
for (const n of counts) pools.set(n, await startPool(n))
const totals = new Map<number, { seconds: number; cpu: number; docs: number }>(counts.map((n) => [n, { seconds: 0, cpu: 0, docs: 0 }]))
try {
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? counts : [...counts].reverse()
    const line: string[] = []
    for (const n of order) {
      const r = await runRound(pools.get(n) as Pool, docs)
      const t = totals.get(n) as { seconds: number; cpu: number; docs: number }
      t.seconds += r.seconds
      t.cpu += r.cpu
      t.docs += docs
      line.push(`${n} worker(s) ${(docs / r.seconds).toFixed(2)} articles/s`)
    }
    console.log(`round ${round}: ${line.join(', ')} (load average ${load()})`)
  }
} finally {
  for (const pool of pools.values()) await stopPool(pool)
}
const rates = new Map<number, number>()
const cpus = new Map<number, number>()
for (const n of counts) {
  const t = totals.get(n) as { seconds: number; cpu: number; docs: number }
  rates.set(n, t.docs / t.seconds)
  cpus.set(n, (t.cpu * 1000) / t.docs)
  console.log(
    `${n} worker process(es): ${(t.docs / t.seconds).toFixed(2)} articles/s wall clock over ${t.docs} articles, ${((t.cpu * 1000) / t.docs).toFixed(1)} CPU ms per article`,
  )
}
const noop = await overheadMs(Number(values['noop-jobs']))
const one = rates.get(1)
const two = rates.get(2)
console.log(
  `queue overhead: ${noop.perJob.toFixed(3)} ms per job taken and completed by one consumer, ${noop.enqueuePerJob.toFixed(3)} ms per job enqueued (batches of 200)`,
)
const cpu1 = cpus.get(1)
const cpu2 = cpus.get(2)
if (one && two && cpu1 && cpu2) {
  // on free cores each worker runs at 1000 / (CPU ms per article) articles a second
  const freeCore = 1000 / cpu1
  console.log(
    `projection on free cores: ${freeCore.toFixed(1)} articles/s per worker process = ${Math.round(freeCore * 86_400).toLocaleString('en')} a day; 1M/day needs ${(1_000_000 / 86_400 / freeCore).toFixed(2)} busy core(s) on average; CPU per article with 2 workers / with 1: ${(cpu2 / cpu1).toFixed(2)} (1.00: running two costs nothing extra)`,
  )
  console.log(`speed-up 2 vs 1 worker, wall clock: ${(two / one).toFixed(2)}x (load average ${load()} on ${availableParallelism()} cores)`)
}
