// Extraction speed: sitrep's extract stage and Readability.js + linkedom on the same
// pages, in one run, one after the other, each over every page ROUNDS times.
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

const ROUNDS = 3
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

function measure(name: string, extract: (html: string) => number): number {
  for (const html of pages.slice(0, 5)) extract(html) // warm-up: JIT and lazy lexicons
  const started = process.hrtime.bigint()
  let chars = 0
  for (let r = 0; r < ROUNDS; r++) for (const html of pages) chars += extract(html)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const rate = (pages.length * ROUNDS) / seconds
  console.log(`${name.padEnd(22)} ${rate.toFixed(1).padStart(8)} pages/s  (${pages.length} pages x ${ROUNDS}, ${seconds.toFixed(2)} s, ${chars} chars out)`)
  return rate
}

const ours = measure('sitrep extract', sitrep)
const theirs = measure('readability+linkedom', readability)
console.log(`bench-extract: sitrep_pages_per_s=${ours.toFixed(1)} readability_pages_per_s=${theirs.toFixed(1)} ratio=${(ours / theirs).toFixed(2)}`)
