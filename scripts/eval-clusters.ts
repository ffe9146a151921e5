// Clustering evaluation: every report of test/cluster-eval/reports.jsonl is analysed
// by the pipeline and stored; the events of each half are clustered and scored with B-cubed
// against the stories (an event's gold cluster is the story of its report).
//   npm run eval:clusters [-- --max-days N --max-km N]
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

const { values } = parseArgs({ options: { 'max-days': { type: 'string' }, 'max-km': { type: 'string' } } })
const options = {
  maxDays: Number(values['max-days'] ?? DEFAULT_CLUSTER_OPTIONS.maxDays),
  maxKm: Number(values['max-km'] ?? DEFAULT_CLUSTER_OPTIONS.maxKm),
}
const reports = readFileSync(new URL('../test/cluster-eval/reports.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Report)

const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-eval-clusters-')), 'eval.db'))
await store.migrate()
const analyzer = createAnalyzer()
const storyOfArticle = new Map<string, Report>()
let silent = 0
for (const r of reports) {
  const out = analyzer.analyze({ id: r.id, text: r.text, url: r.url, published: r.published })
  if (isError(out)) throw new Error(`${r.id}: ${out.error}`)
  if (!out.events?.length) silent++
  const saved = await store.save(out, 'eval')
  storyOfArticle.set(saved.articleId, r)
}
const events: StoredEvent[] = []
for await (const e of store.streamEvents({})) events.push(e)
await store.close()
const byDate = (a: StoredEvent, b: StoredEvent): number => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id

console.log(`${reports.length} reports, ${events.length} events, ${silent} report(s) without an event; options ${JSON.stringify(options)}`)
for (const split of ['tune', 'check'] as const) {
  const mine = events.filter((e) => storyOfArticle.get(e.articleId)?.split === split).sort(byDate)
  const clusters = clusterMentions(mine, options)
  const predicted = new Map<string, string>()
  for (const c of clusters) for (const id of c.mentionIds) predicted.set(String(id), String(c.id))
  const gold = new Map(mine.map((e) => [String(e.id), storyOfArticle.get(e.articleId)?.story ?? '?']))
  const s = bCubed(predicted, gold)
  const stories = new Set(gold.values()).size
  if (process.env.SITREP_EVAL_DEBUG === split)
    for (const c of clusters) console.log(`  cluster ${c.id}: ${c.mentionIds.map((id) => `${gold.get(String(id))}`).join(' ')}`)
  console.log(
    `${split}: ${mine.length} events of ${stories} stories -> ${clusters.length} clusters; B-cubed P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`,
  )
}
