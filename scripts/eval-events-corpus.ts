// The event coder on the gold corpus of real news (corpus/, issue #16): runs the batch
// contract (`node dist/cli/main.js analyze --jsonl`, texts with clean:false so offsets line
// up) on a split's annotated documents, or reads any batch-contract output given with
// --output, and prints P/R/F1 of root and leaf codes with and without the actor pair (by
// country and by full code), modality accuracy, the share of fully correct events, per-root
// figures, and one summary line. An event counts only in the annotated sentences; it is
// placed in the sentence holding its trigger's first character, and an event with several
// mentions counts once at each mention's trigger, with that mention's code.
// Usage: npm run eval:events-corpus -- [--split dev|test|train|all] [--output FILE] [--write-input FILE] [--quiet]
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { readCorpusDocs } from './corpus/documents.js'
import { loadGold } from './corpus/gold.js'
import { CRITERIA, type Criterion, matchEvents, type ScoredEvent, scoreEvents } from './corpus/score.js'

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    output: { type: 'string' },
    'write-input': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
})
const split = values.split as string
if (!['train', 'dev', 'test', 'all'].includes(split)) {
  console.error('--split must be train, dev, test or all')
  process.exit(2)
}
const gold = loadGold(readCorpusDocs().filter((d) => split === 'all' || d.split === split))
for (const e of gold.errors) console.error(`gold: ${e}`)
if (gold.incomplete.length) console.log(`note: ${gold.incomplete.length} documents of split ${split} are not fully annotated yet and are left out`)
if (!gold.docs.length) {
  console.error(`no annotated documents in split ${split}`)
  process.exit(1)
}

const inputs = gold.docs.map((d) => {
  const src = gold.texts.get(d.id)
  return { id: d.id, text: src?.text ?? '', ...(src?.date ? { published: src.date } : {}), clean: false }
})
const inputJsonl = inputs.map((i) => JSON.stringify(i)).join('\n') + '\n'
if (values['write-input']) {
  writeFileSync(values['write-input'], inputJsonl)
  console.log(`wrote ${inputs.length} inputs to ${values['write-input']}`)
  process.exit(0)
}

let outputText: string
if (values.output) outputText = readFileSync(values.output, 'utf8')
else {
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
  const run = spawnSync(process.execPath, [cli, 'analyze', '--jsonl'], { input: inputJsonl, maxBuffer: 2 ** 31 - 1, encoding: 'utf8' })
  if (run.status !== 0) {
    console.error(`sitrep analyze --jsonl failed (status ${run.status}): ${run.stderr?.slice(0, 2000)}`)
    process.exit(1)
  }
  outputText = run.stdout
}

interface OutEvent {
  cameo?: unknown
  trigger?: { start?: unknown; end?: unknown }
  mentions?: { cameo?: unknown; trigger?: { start?: unknown; end?: unknown } }[]
  source?: { code?: unknown } | null
  target?: { code?: unknown } | null
  modality?: unknown
  negated?: unknown
  date?: unknown
}
const byId = new Map(gold.docs.map((d) => [d.id, d]))
const pred: ScoredEvent[] = []
// each predicted event's date, and its document's publication date, by the event's index in `pred`
const predDates: { date: string | null; published: string | null }[] = []
const seen = new Set<string>()
let outsideAnnotated = 0
for (const [n, line] of outputText.split('\n').entries()) {
  if (!line.trim()) continue
  let out: { id?: unknown; error?: unknown; article?: { text?: unknown }; events?: OutEvent[] }
  try {
    out = JSON.parse(line)
  } catch (e) {
    console.error(`output line ${n + 1}: malformed JSON (${(e as Error).message})`)
    process.exit(1)
  }
  const doc = byId.get(String(out.id))
  if (!doc) continue
  seen.add(doc.id)
  if (out.error) {
    console.error(`${doc.id}: the coder gave an error: ${String(out.error)} (scored as no events)`)
    continue
  }
  if (out.article && out.article.text !== gold.texts.get(doc.id)?.text) {
    console.error(`${doc.id}: article.text differs from the input text (was clean:false honoured?); offsets cannot be trusted, document scored as no events`)
    continue
  }
  // the corpus labels every sentence, so an event reported in two sentences is scored in each (its mentions)
  const reports = (out.events ?? []).flatMap((e): OutEvent[] =>
    e.mentions?.length ? e.mentions.map((m): OutEvent => ({ ...e, cameo: m.cameo ?? e.cameo, ...(m.trigger ? { trigger: m.trigger } : {}) })) : [e],
  )
  for (const e of reports) {
    const start = Number(e.trigger?.start)
    const end = Number(e.trigger?.end)
    const sent = doc.sentences.findIndex(([s, t]) => start >= s && start < t)
    if (!Number.isFinite(start) || sent < 0) {
      outsideAnnotated++
      continue
    }
    pred.push({
      doc: doc.id,
      sent,
      start,
      end: Number.isFinite(end) && end > start ? end : start + 1,
      code: String(e.cameo ?? ''),
      source: typeof e.source?.code === 'string' ? e.source.code : null,
      target: typeof e.target?.code === 'string' ? e.target.code : null,
      modality: String(e.modality ?? 'asserted'),
      negated: e.negated === true,
    })
    predDates.push({ date: typeof e.date === 'string' ? e.date : null, published: gold.texts.get(doc.id)?.date ?? null })
  }
}
const missing = gold.docs.filter((d) => !seen.has(d.id))
if (missing.length) console.error(`${missing.length} documents have no output line (scored as no events): ${missing.slice(0, 5).map((d) => d.id)}`)

const goldFacts = gold.sentences.flatMap((s) => s.events)
const goldEvents: ScoredEvent[] = gold.sentences.flatMap((s) =>
  s.events.map((e) => ({
    doc: e.doc,
    sent: e.sent,
    start: e.trigger.start,
    end: e.trigger.end,
    code: e.code,
    source: e.source?.code ?? null,
    target: e.target?.code ?? null,
    modality: e.modality,
    negated: e.negated,
  })),
)
const score = scoreEvents(goldEvents, pred)
const f = (x: number): string => x.toFixed(3)
const LABELS: Record<Criterion, string> = {
  root: 'root',
  root_pair_country: 'root + pair (country)',
  root_pair: 'root + pair (full code)',
  leaf: 'leaf',
  leaf_pair_country: 'leaf + pair (country)',
  full: 'leaf + pair (full code)',
}
if (!values.quiet) {
  console.log(`gold events ${score.gold}, predicted in annotated sentences ${score.pred} (outside them, not scored: ${outsideAnnotated})`)
  for (const name of Object.keys(CRITERIA) as Criterion[]) {
    const c = score.criteria[name]
    console.log(`${LABELS[name].padEnd(26)} P=${f(c.precision)} R=${f(c.recall)} F1=${f(c.f1)} (${c.tp} matched)`)
  }
  const m = score.modality
  const share = (k: number): string => (m.matched ? f(k / m.matched) : '0.000')
  console.log(`on ${m.matched} root matches: modality+negation ${share(m.both)}, modality ${share(m.modality)}, negation ${share(m.negated)}`)
  console.log(datesLine())
  console.log(
    `fully correct (leaf, source and target codes) share of predicted events: ${f(score.fullyCorrect)}; of gold events: ${f(score.criteria.full.recall)}`,
  )
  console.log('per root: gold pred P R F1')
  for (const [root, r] of Object.entries(score.perRoot).sort(([a], [b]) => a.localeCompare(b)))
    console.log(`  ${root}  ${r.gold} ${r.pred} ${f(r.precision)} ${f(r.recall)} ${f(r.f1)}`)
}
/**
 * Event dates on the root matches (annotation guide section 8): of gold events with their own
 * date, the share whose predicted date agrees at the gold's precision ("1996-05" against
 * "1996-05-03", a week by its Thursday); of background events (dated or not), the share not given the publication
 * date; of the news (neither), the share given the publication date or a date of their own.
 */
function datesLine(): string {
  // a week ("1996-W34", "1996-W34-WE") read as its Thursday, so it can agree with the gold's month
  const calendarDate = (v: string | null): string | null => {
    const w = v?.match(/^(\d{4})-W(\d\d)/)
    if (!w) return v
    const jan4 = new Date(Date.UTC(Number(w[1]), 0, 4))
    const thursday = new Date(jan4.getTime() + ((Number(w[2]) - 1) * 7 + 3 - ((jan4.getUTCDay() + 6) % 7)) * 86400000)
    return thursday.toISOString().slice(0, 10)
  }
  const n = { dated: 0, datedRight: 0, background: 0, backgroundRight: 0, news: 0, newsRight: 0, published: 0, all: 0 }
  for (const [i, j] of matchEvents(goldEvents, pred, CRITERIA.root)) {
    const g = goldFacts[i]
    const p = predDates[j]
    if (!g || !p) continue
    const published = !!p.date && !!p.published && p.date === p.published.slice(0, 10)
    n.all++
    if (published) n.published++
    if (g.date) {
      n.dated++
      const day = calendarDate(p.date)
      if (day?.slice(0, g.date.length) === g.date && (day.length === g.date.length || day[g.date.length] === '-')) n.datedRight++
    }
    if (g.background) {
      n.background++
      if (!published) n.backgroundRight++
    } else if (!g.date) {
      n.news++
      if (p.date) n.newsRight++
    }
  }
  const r = (k: number, of: number): string => `${of ? f(k / of) : '-'} (${k}/${of})`
  return `dates on root matches: own date agrees ${r(n.datedRight, n.dated)}; background not given the publication date ${r(n.backgroundRight, n.background)}; news dated ${r(n.newsRight, n.news)}; publication date on ${n.published} of ${n.all}`
}
const modalityAcc = score.modality.matched ? score.modality.both / score.modality.matched : 0
console.log(
  `events-corpus: split=${split} documents=${gold.docs.length} sentences=${gold.sentences.length} events=${score.gold} root_f1=${f(score.criteria.root.f1)} root_pair_f1=${f(score.criteria.root_pair.f1)} leaf_f1=${f(score.criteria.leaf.f1)} fully_correct=${f(score.fullyCorrect)} modality_acc=${f(modalityAcc)}`,
)
