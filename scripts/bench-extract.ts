// Extraction speed: sitrep's extract stage and Readability.js + linkedom on the same
// pages, in one run: both warmed up by a whole pass, then ROUNDS rounds of one timed pass
// each, the order alternating; the figures are medians over the rounds.
//   npm run bench:extract [-- DIR]   DIR holds html/<id>.html.gz (default: ../shared/data/extraction/zyte-dev)
// Prints pages/s of each and their ratio. Timings, not accuracy: the scorers measure that.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { createDoc } from '../src/core/doc.js'
import { stageContext } from '../src/stages/context.js'
import { createExtractStage } from '../src/stages/extract/index.js'

// Timed rounds per side: an even number, so that each side is measured first in half of them.
const ROUNDS = 6
const dir = resolve(process.argv[2] ?? '../shared/data/extraction/zyte-dev')
const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz') || f.endsWith('.html'))
if (!files.length) {
  console.error(`no pages under ${join(dir, 'html')}: pass the folder that holds html/<id>.html.gz`)
  process.exit(2)
}
const pages = files.map((f) => {
  const bytes = readFileSync(join(dir, 'html', f))
  return (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
})

const stage = createExtractStage()
const ctx = stageContext('2025-07-31')
function sitrep(html: string): number {
  return stage.run(createDoc({ html }, 'bench'), ctx).text.length
}
function readability(html: string): number {
  const { document } = parseHTML(html)
  // linkedom implements the DOM that Readability reads; its types are not the DOM lib ones
  return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse()?.textContent?.length ?? 0
}

/** Seconds one pass over every page takes, after a collection where the flag allows one. */
function pass(extract: (html: string) => number): { seconds: number; chars: number } {
  // neither side pays for the garbage the other left: node --expose-gc makes gc() available
  ;(globalThis as { gc?: () => void }).gc?.()
  const started = process.hrtime.bigint()
  let chars = 0
  for (const html of pages) chars += extract(html)
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, chars }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const sides = [
  { name: 'sitrep extract', extract: sitrep, rates: [] as number[], chars: 0 },
  { name: 'readability+linkedom', extract: readability, rates: [] as number[], chars: 0 },
]
// warm-up: one whole pass each (JIT, lazy lexicons, the parsers' caches), not timed
for (const side of sides) pass(side.extract)
// the order alternates every round, so that neither side is always the one measured second
// (in one process the second side measured has been seen to lose a third of its speed)
const ratios: number[] = []
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? [...sides].reverse() : sides
  for (const side of order) {
    const { seconds, chars } = pass(side.extract)
    side.rates.push(pages.length / seconds)
    side.chars = chars
  }
  ratios.push((sides[0]?.rates[r] as number) / (sides[1]?.rates[r] as number))
}
for (const side of sides) {
  const rates = side.rates.map((x) => x.toFixed(1)).join(' ')
  console.log(
    `${side.name.padEnd(22)} ${median(side.rates).toFixed(1).padStart(8)} pages/s median  (${pages.length} pages, rounds: ${rates}; ${side.chars} chars out)`,
  )
}
const [ours, theirs] = sides.map((side) => median(side.rates)) as [number, number]
console.log(`ratio per round (alternating order): ${ratios.map((x) => x.toFixed(2)).join(' ')}`)
console.log(
  `bench-extract: sitrep_pages_per_s=${ours.toFixed(1)} readability_pages_per_s=${theirs.toFixed(1)} ratio=${median(ratios).toFixed(2)} min_ratio=${ratios.reduce((a, b) => Math.min(a, b)).toFixed(2)} rounds=${ROUNDS}`,
)
