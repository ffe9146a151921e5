// Fuzzes the extract stage with random markup and mutated news pages.
//   npm run fuzz:extract [-- CASES [SEED [PAGES_DIR]]]   (default 100000 cases, seed 1)
// With PAGES_DIR (a folder of .html or .html.gz pages, e.g. ../shared/data/extraction/zyte-dev/html)
// the odd cases mutate those real pages instead of the built-in one. Prints every failure
// with the case number to replay; exits 1 when any case failed.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { checkExtract, fuzzCase, mutatePage, random } from '../test/extract-fuzz.js'

const cases = Number(process.argv[2] ?? 100_000)
const seed = Number(process.argv[3] ?? 1)
const dir = process.argv[4]
if (!Number.isInteger(cases) || cases < 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz:extract [-- CASES [SEED [PAGES_DIR]]]   (CASES and SEED are whole numbers)')
  process.exit(2)
}
const pages = dir
  ? readdirSync(dir)
      .filter((f) => /\.html(\.gz)?$/.test(f))
      .map((f) => {
        const bytes = readFileSync(join(dir, f))
        return (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
      })
  : []
let failed = 0
let slowest = 0
let slowestCase = -1
const started = Date.now()
for (let i = 0; i < cases; i++) {
  const html = pages.length && i % 2 ? mutatePage(pages[i % pages.length] as string, random(seed * 1_000_003 + i)) : fuzzCase(seed, i)
  const t0 = performance.now()
  const problem = checkExtract(html)
  const ms = performance.now() - t0
  if (ms > slowest) [slowest, slowestCase] = [ms, i]
  if (problem) {
    failed++
    console.log(`case ${i} (seed ${seed}): ${problem.slice(0, 500)}`)
  }
  if (i && i % 10_000 === 0) console.log(`${i} cases, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
console.log(`fuzz-extract: cases=${cases} failed=${failed} slowest_case=${slowestCase} slowest_ms=${slowest.toFixed(1)}`)
process.exit(failed ? 1 : 0)
