import { Worker } from 'node:worker_threads'
import type { Input } from '../core/doc.js'
import type { UserActors } from '../lexicon/actors.js'
import type { Output, OutputError } from '../output.js'
import type { AnalysisThreadData } from './analysis-thread.js'

/** Analyses documents in worker threads, one document per thread at a time. */
export interface AnalysisPool {
  readonly size: number
  /** The analysis of one input, from whichever thread is free first. */
  analyze(input: Input): Promise<Output | OutputError>
  /** Ends the threads (after the documents in hand). */
  close(): Promise<void>
}

/** How the pool's threads analyse. */
export interface AnalysisPoolOptions {
  readonly size: number
  readonly userActors?: UserActors
  readonly maxSeconds?: number
  /** The date of undated documents (YYYY-MM-DD); today by default, the same for every thread. */
  readonly today?: string
}

interface Task {
  readonly seq: number
  readonly input: Input
  readonly resolve: (out: Output | OutputError) => void
  readonly reject: (e: Error) => void
}

// Under tsx the sources run as .ts; built, as .js next to this file.
const THREAD_FILE = new URL(import.meta.url.endsWith('.ts') ? './analysis-thread.ts' : './analysis-thread.js', import.meta.url)

/**
 * Starts `size` analysis threads. Each builds its own analyzer from the same lexicon entries,
 * so a document's analysis does not depend on the thread that made it.
 *
 * @example
 *   const pool = createAnalysisPool({ size: 2 })
 *   const out = await pool.analyze({ text: '…' })
 *   await pool.close()
 */
export function createAnalysisPool(options: AnalysisPoolOptions): AnalysisPool {
  if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`a pool needs at least one thread, got ${options.size}`)
  const data: AnalysisThreadData = {
    userActors: options.userActors ?? {},
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ...(options.maxSeconds !== undefined && { maxSeconds: options.maxSeconds }),
  }
  const waiting: Task[] = []
  const idle: Worker[] = []
  const busy = new Map<Worker, Task>()
  let seq = 0
  let broken: Error | null = null

  const next = (): void => {
    while (idle.length && waiting.length) {
      const worker = idle.pop() as Worker
      const task = waiting.shift() as Task
      busy.set(worker, task)
      worker.postMessage({ seq: task.seq, input: task.input })
    }
  }
  const fail = (e: Error): void => {
    broken ??= e
    for (const t of busy.values()) t.reject(e)
    busy.clear()
    for (const t of waiting.splice(0)) t.reject(e)
  }

  const workers = Array.from({ length: options.size }, () => {
    const w = new Worker(THREAD_FILE, { workerData: data })
    w.on('message', (msg: { seq: number; out: Output | OutputError }) => {
      const task = busy.get(w)
      busy.delete(w)
      idle.push(w)
      task?.resolve(msg.out)
      next()
    })
    w.on('error', (e) => fail(new Error(`an analysis thread stopped: ${e.message}`)))
    w.on('exit', (code) => {
      if (code !== 0) fail(new Error(`an analysis thread exited with code ${code}`))
    })
    idle.push(w)
    return w
  })

  return {
    size: options.size,
    analyze(input: Input) {
      if (broken) return Promise.reject(broken)
      return new Promise((resolve, reject) => {
        waiting.push({ seq: seq++, input, resolve, reject })
        next()
      })
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
