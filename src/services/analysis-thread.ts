import { parentPort, workerData } from 'node:worker_threads'
import { createAnalyzer } from '../analyze.js'
import type { Input } from '../core/doc.js'
import type { UserActors } from '../lexicon/actors.js'
import { createLexicon } from '../lexicon/lexicon.js'

/** What the pool gives a thread when it starts. */
export interface AnalysisThreadData {
  readonly userActors: UserActors
  readonly maxSeconds?: number
  readonly today: string
}

// One analyzer per thread, built once; each message is one document, answered with its sequence number.
const data = workerData as AnalysisThreadData
const analyzer = createAnalyzer({
  lexicon: createLexicon({ actors: data.userActors }),
  today: data.today,
  ...(data.maxSeconds !== undefined && { maxSeconds: data.maxSeconds }),
})
parentPort?.on('message', (msg: { seq: number; input: Input }) => {
  parentPort?.postMessage({ seq: msg.seq, out: analyzer.analyze(msg.input) })
})
