// Clustering evaluation: every report of test/cluster-eval/reports.jsonl is analysed by the
// pipeline and saved, each half into its own store, in file order; the clusters the store
// filed as the reports arrived are scored with B-cubed against the stories (an event's gold
// cluster is the story of its report). For comparison, "read" lines cluster the same stored
// events afresh in date order (createClusterer), as exports did before clusters were stored.
//   npm run eval:clusters [-- --max-days N --max-km N]   (SITREP_HALF=tune|check for one half)
// The last line is the check half's figure; tune the options on the tune half only.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createAnalyzer, isError } from '../src/analyze.js'
import { bCubed } from '../src/cluster/b-cubed.js'
import { clusterMentions, DEFAULT_CLUSTER_OPTIONS } from '../src/cluster/cluster-events.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { StoredEvent } from '../src/store/store.js'

interface Report {
  id: string
  story: string
  split: 'tune' | 'check'
  url: string
  published: string
  text: string
  distractor?: boolean
}

const byDate = (a: StoredEvent, b: StoredEvent): number => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id

const { values } = parseArgs({ options: { 'max-days': { type: 'string' }, 'max-km': { type: 'string' } } })
const options = {
  maxDays: Number(values['max-days'] ?? DEFAULT_CLUSTER_OPTIONS.maxDays),
  maxKm: Number(values['max-km'] ?? DEFAULT_CLUSTER_OPTIONS.maxKm),
}
const reports = readFileSync(new URL('../test/cluster-eval/reports.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Report)

const analyzer = createAnalyzer()
const storyOfArticle = new Map<string, Report>()
let silent = 0
const outputs = reports.map((r) => {
  const out = analyzer.analyze({ id: r.id, text: r.text, url: r.url, published: r.published })
  if (isError(out)) throw new Error(`${r.id}: ${out.error}`)
  if (!out.events?.length) silent++
  return { report: r, out }
})
console.log(
  `${reports.length} reports, ${outputs.reduce((n, o) => n + (o.out.events?.length ?? 0), 0)} events, ${silent} report(s) without an event; options ${JSON.stringify(options)}`,
)

const halves = (['tune', 'check'] as const).filter((h) => !process.env.SITREP_HALF || process.env.SITREP_HALF === h)
const lines: string[] = []
for (const split of halves) {
  // each half in its own store, in file order: the clusters are those filed as the reports arrived
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-eval-clusters-')), 'eval.db'), { clusters: options })
  await store.migrate()
  for (const { report, out } of outputs.filter((o) => o.report.split === split)) storyOfArticle.set((await store.save(out, 'eval')).articleId, report)
  const events: StoredEvent[] = []
  for await (const e of store.streamEvents({})) events.push(e)
  await store.close()
  const gold = new Map(events.map((e) => [String(e.id), storyOfArticle.get(e.articleId)?.story ?? '?']))
  const stories = new Set(gold.values()).size
  const score = (how: string, predicted: Map<string, string>): void => {
    const s = bCubed(predicted, gold)
    const n = new Set(predicted.values()).size
    if (process.env.SITREP_EVAL_DEBUG === split) {
      const members = new Map<string, string[]>()
      for (const [id, c] of predicted) members.set(c, [...(members.get(c) ?? []), gold.get(id) ?? '?'])
      for (const [c, m] of members) console.log(`  ${how} cluster ${c}: ${m.join(' ')}`)
    }
    lines.push(
      `${split}${how}: ${events.length} events of ${stories} stories -> ${n} clusters; B-cubed P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`,
    )
  }
  const read = new Map<string, string>()
  for (const c of clusterMentions([...events].sort(byDate), options)) for (const id of c.mentionIds) read.set(String(id), String(c.id))
  score(' (read, date order)', read)
  score('', new Map(events.map((e) => [String(e.id), String(e.clusterId)])))
}
for (const l of lines) console.log(l)
