// Fuzzes the text and JSONL inputs: random, mutated and degenerate text files (UTF-8, UTF-16,
// Latin-1, corrupted bytes) and JSONL batches (broken lines, odd fields, BOM, CRLF, lines over
// the cap, random chunking) through the decoder, the line reader and the whole analyzer.
//   npm run fuzz:input [-- CASES [SEED]]   (default 100000 cases, seed 1)
// Prints every failure with the case number to replay; exits 1 when any case failed.
import { checkInputCase, inputCase } from '../test/input-fuzz.js'

const cases = Number(process.argv[2] ?? 100_000)
const seed = Number(process.argv[3] ?? 1)
if (!Number.isInteger(cases) || cases < 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz:input [-- CASES [SEED]]   (CASES and SEED are whole numbers)')
  process.exit(2)
}
let failed = 0
let slowest = 0
let slowestCase = -1
const started = Date.now()
for (let i = 0; i < cases; i++) {
  const c = inputCase(seed, i)
  const t0 = performance.now()
  const problem = await checkInputCase(c)
  const ms = performance.now() - t0
  if (ms > slowest) [slowest, slowestCase] = [ms, i]
  if (problem) {
    failed++
    console.log(`case ${i} (seed ${seed}, ${c.kind}, ${c.bytes.length} bytes): ${problem.slice(0, 500)}`)
  }
  if (i && i % 1000 === 0) console.log(`${i} cases, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
console.log(`fuzz-input: cases=${cases} failed=${failed} slowest_case=${slowestCase} slowest_ms=${slowest.toFixed(1)}`)
process.exit(failed ? 1 : 0)
