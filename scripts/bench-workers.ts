// Benchmark: `sitrep worker` processes on one machine, fed by BullMQ on Redis. Measures, in
// one run: documents per second with 1 and with 2 worker processes (the same articles, a
// fresh queue and SQLite store each), the speed-up, and the queue's own cost per job (a
// consumer that does nothing). Workers are warmed first (models loaded) so start-up is not
// counted. Prints the load average, since this machine is shared.
// Usage: npm run bench:workers [-- --docs 200 --workers 1,2 --file PATH.jsonl --redis redis://127.0.0.1:6379]
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
    docs: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1,2' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    'noop-jobs': { type: 'string', default: '2000' },
  },
})
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const docs = Number(values.docs)
const counts = values.workers.split(',').map(Number)
const texts = readFileSync(values.file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; date?: string })
  .filter((x) => x.text)
const WARM = 4
if (texts.length < docs + WARM * Math.max(...counts)) throw new RangeError(`${values.file} has ${texts.length} articles; --docs ${docs} needs more`)

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

/** Documents per second with `n` worker processes, start-up excluded, and the workers' CPU milliseconds per document. */
async function throughput(n: number): Promise<{ rate: number; cpuMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-workers-'))
  const name = `bench-workers-${n}-${process.pid}-${Date.now().toString(36)}`
  const admin = openQueueAdmin(values.redis, name)
  const producer = createProducer({ url: values.redis, name })
  const ready: Promise<void>[] = []
  const errs: (() => string)[] = []
  const workers = Array.from({ length: n }, () => {
    const w = spawn(process.execPath, [CLI, 'worker', '--queue', values.redis, '--queue-name', name, '--db', join(dir, 'sitrep.db')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    errs.push(() => err)
    ready.push(
      new Promise((resolve, reject) => {
        w.stderr.setEncoding('utf8').on('data', (s: string) => {
          err += s
          if (err.includes('taking jobs')) resolve()
        })
        w.once('exit', () => reject(new Error(`a worker stopped before taking jobs: ${err}`)))
      }),
    )
    return w
  })
  try {
    // each worker loads its models before it says it is taking jobs
    await Promise.all(ready)
    // warm-up: a few articles per worker (first-use caches, SQLite's pages)
    const warm = WARM * n
    for (let i = 0; i < warm; i++) await producer.add({ text: texts[i]?.text as string, published: '2016-01-01' }, `warm ${i}`)
    await producer.flush()
    while ((await finishedCount(admin)) < warm) await sleep(50)
    const cpu0 = workers.reduce((a, w) => a + cpuSeconds(w.pid), 0)
    const t0 = performance.now()
    for (let i = warm; i < warm + docs; i++) await producer.add({ text: texts[i]?.text as string, published: '2016-01-01' }, `doc ${i}`)
    await producer.flush()
    while ((await finishedCount(admin)) < warm + docs) await sleep(50)
    const seconds = (performance.now() - t0) / 1000
    const cpu = workers.reduce((a, w) => a + cpuSeconds(w.pid), 0) - cpu0
    const s = await admin.status(0)
    if (s.failed || s.dead) throw new Error(`${s.failed} failed, ${s.dead} dead jobs`)
    return { rate: docs / seconds, cpuMs: (cpu * 1000) / docs }
  } finally {
    for (const w of workers) w.kill('SIGTERM')
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))))
    if (process.env.BENCH_DEBUG) for (const e of errs) console.log(e().trim().split('\n').at(-1))
    await producer.close()
    await admin.obliterate()
    await admin.close()
    rmSync(dir, { recursive: true, force: true })
  }
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

console.log(`load average before: ${load()} (1, 5, 15 min); ${docs} articles from ${values.file} per run`)
const rates = new Map<number, number>()
const cpus = new Map<number, number>()
for (const n of counts) {
  const { rate, cpuMs } = await throughput(n)
  rates.set(n, rate)
  cpus.set(n, cpuMs)
  console.log(`${n} worker process(es): ${rate.toFixed(2)} articles/s wall clock, ${cpuMs.toFixed(1)} CPU ms per article (load average now ${load()})`)
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
