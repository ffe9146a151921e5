// Benchmark: the whole pipeline on one document of growing size — news prose (PolNeAR's
// articles run together) at 250k, 1M and 4M characters, no time budget (--max-seconds 0) —
// to show that time grows with length, not faster. One process, models loaded first; CPU
// seconds (user + system) and wall seconds per size, and the 4M / 1M ratio (linear is 4).
// Usage: npm run bench:scaling [-- --sizes 250000,1000000,4000000 --file PATH.jsonl]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createAnalyzer, isError } from '../src/analyze.js'

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/data/quotes/polnear-train.jsonl' },
    sizes: { type: 'string', default: '250000,1000000,4000000' },
  },
})
const sizes = values.sizes.split(',').map((s) => {
  if (!/^\d+$/.test(s)) throw new TypeError(`--sizes takes whole numbers of characters, got "${s}"`)
  return Number(s)
})
const texts = readFileSync(values.file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text)
  .filter(Boolean)

/** Articles one after another, each as a paragraph block, up to exactly `size` characters. */
function documentOf(size: number): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < size; i++) {
    const t = texts[i % texts.length] as string
    parts.push(t)
    length += t.length + 2
  }
  return parts.join('\n\n').slice(0, size)
}

const analyzer = createAnalyzer({ today: '2025-01-01', maxSeconds: 0 })
// load the models and the gazetteer before timing
analyzer.analyze({ text: documentOf(5000), clean: false })

const rows: { size: number; cpu: number; wall: number; events: number }[] = []
for (const size of sizes) {
  const text = documentOf(size)
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  const out = analyzer.analyze({ id: `scaling-${size}`, text, clean: false })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  const used = process.cpuUsage(c0)
  if (isError(out)) throw new Error(`${size} characters: ${out.error}`)
  const cpu = (used.user + used.system) / 1e6
  rows.push({ size, cpu, wall, events: out.events?.length ?? 0 })
  console.log(
    `chars=${size} cpu_s=${cpu.toFixed(1)} wall_s=${wall.toFixed(1)} events=${out.events?.length ?? 0} rss_mb=${Math.round(process.memoryUsage().rss / 1e6)}`,
  )
}
const at = (n: number) => rows.find((r) => r.size === n)
const m1 = at(1_000_000)
const m4 = at(4_000_000)
const ratio = m1 && m4 ? (m4.cpu / m1.cpu).toFixed(2) : 'n/a'
console.log(`bench-scaling: ${rows.map((r) => `s_${r.size}=${r.cpu.toFixed(1)}`).join(' ')} ratio_4m_1m=${ratio}`)
