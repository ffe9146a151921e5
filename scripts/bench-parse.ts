// Benchmark: the dependency parser alone, in process, one core (models loaded, words and
// tags given), on the UD English-EWT dev sentences, in words per second of wall time and of
// the process's CPU time (steadier on a shared machine); also one 250-word sentence made of
// dev sentences joined, to show that the cost stays linear in the sentence's length.
// Usage: npm run bench:parse [-- --file PATH.conllu --repeat 3]
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { defaultParser } from '../src/stages/syntax/transition-parser.js'
import { readConlluTrees } from './conll.js'

const { values } = parseArgs({
  options: { file: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-dev.conllu' }, repeat: { type: 'string', default: '3' } },
})
const parser = defaultParser()
if (!parser) throw new Error('the parser model is missing: run "npm run train:parser"')
const sentences = readConlluTrees(values.file)
const words = sentences.reduce((k, s) => k + s.words.length, 0)

// wall seconds and CPU seconds (user + system) of parsing the items once
function time(items: readonly { words: string[]; tags: string[] }[]): { wall: number; cpu: number } {
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  for (const s of items) parser?.parse(s.words, s.tags)
  const c = process.cpuUsage(c0)
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 }
}

time(sentences) // warm-up
let best = Number.POSITIVE_INFINITY
let bestCpu = Number.POSITIVE_INFINITY
for (let k = 0; k < Number(values.repeat); k++) {
  const t = time(sentences)
  best = Math.min(best, t.wall)
  bestCpu = Math.min(bestCpu, t.cpu)
}
// a run-on "sentence" of 250+ words: the parser's work is linear in its length
const long = { words: [] as string[], tags: [] as string[] }
for (const s of sentences) {
  if (long.words.length >= 250) break
  long.words.push(...s.words)
  long.tags.push(...s.tags)
}
let bestLong = Number.POSITIVE_INFINITY
for (let k = 0; k < 20; k++) bestLong = Math.min(bestLong, time([long]).wall)
console.log(`sentences=${sentences.length} words=${words} (gold tags, best of ${values.repeat}; load average ${loadavg()[0]?.toFixed(1)})`)
console.log(
  `bench-parse: words_per_s=${Math.round(words / best)} cpu_words_per_s=${Math.round(words / bestCpu)} long_sentence_words=${long.words.length} long_sentence_words_per_s=${Math.round(long.words.length / bestLong)}`,
)
