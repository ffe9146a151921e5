// Benchmark: sitrep's segment + POS + NER (in process, models loaded) against compromise's
// people/places/organizations on the same texts, one core, in one run.
// Usage: npm run bench:nlp [-- --file PATH.jsonl --repeat 7]   (default: PolNeAR dev texts)
// Rates are per second of this process's CPU time (user + system), which other jobs on a
// busy machine disturb far less than wall-clock time; wall-clock rates are printed too. Each
// side's figure is its best of `repeat` runs: on a shared virtual machine single runs of
// the same code vary by a third, slow ones being the machine's, not the code's.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import nlp from 'compromise'
import { createAnalyzer, isError } from '../src/analyze.js'

const { values } = parseArgs({
  options: { file: { type: 'string', default: '../shared/data/quotes/polnear-dev.jsonl' }, repeat: { type: 'string', default: '7' } },
})
const texts = readFileSync(values.file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text)
  .filter(Boolean)
const analyzer = createAnalyzer({ stages: ['entities'] })

const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6

function timeSitrep(): { seconds: number; wall: number; tokens: number; entities: number } {
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  let tokens = 0
  let entities = 0
  for (const text of texts) {
    const out = analyzer.analyze({ text, clean: false })
    if (isError(out)) throw new Error(out.error)
    tokens += out.tokens?.length ?? 0
    entities += out.entities?.length ?? 0
  }
  return { seconds: cpuSeconds(process.cpuUsage(c0)), wall: Number(process.hrtime.bigint() - t0) / 1e9, tokens, entities }
}

function timeCompromise(): { seconds: number; wall: number; entities: number } {
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  let entities = 0
  for (const text of texts) {
    const doc = nlp(text)
    entities += doc.people().length + doc.places().length + doc.organizations().length
  }
  return { seconds: cpuSeconds(process.cpuUsage(c0)), wall: Number(process.hrtime.bigint() - t0) / 1e9, entities }
}

timeSitrep() // warm-up: loads the models, lexicons and gazetteer
const repeat = Number(values.repeat)
let best = Number.POSITIVE_INFINITY
let bestWall = Number.POSITIVE_INFINITY
let tokens = 0
let found = 0
for (let k = 0; k < repeat; k++) {
  const r = timeSitrep()
  best = Math.min(best, r.seconds)
  bestWall = Math.min(bestWall, r.wall)
  tokens = r.tokens
  found = r.entities
}
timeCompromise()
let bestC = Number.POSITIVE_INFINITY
let bestCWall = Number.POSITIVE_INFINITY
let foundC = 0
for (let k = 0; k < repeat; k++) {
  const r = timeCompromise()
  bestC = Math.min(bestC, r.seconds)
  bestCWall = Math.min(bestCWall, r.wall)
  foundC = r.entities
}
const sitrepRate = tokens / best
const compromiseRate = tokens / bestC
console.log(`texts=${texts.length} tokens=${tokens} (best of ${repeat}; load average ${(loadavg()[0] as number).toFixed(1)})`)
console.log(`sitrep segment+pos+ner: ${Math.round(sitrepRate)} tokens per CPU second (${Math.round(tokens / bestWall)} per wall second), ${found} entities`)
console.log(
  `compromise people/places/organizations: ${Math.round(compromiseRate)} tokens per CPU second (${Math.round(tokens / bestCWall)} per wall second), ${foundC} entities`,
)
console.log(
  `bench-nlp: sitrep_tokens_per_s=${Math.round(sitrepRate)} compromise_tokens_per_s=${Math.round(compromiseRate)} ratio=${(sitrepRate / compromiseRate).toFixed(1)}`,
)
