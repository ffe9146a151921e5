// Inter-annotator agreement on the blind double slice (parts 07 and 08): for every
// document annotated both in its primary part and blind, F1 of root-level triples (same
// sentence, overlapping trigger, same root, same source and target codes; also by
// country), root F1 without the pair, and Cohen's kappa on the root, where events of the
// two annotators are aligned by sentence and overlapping trigger and an event one of them
// lacks counts as the label NONE.
// A document counts only when two different annotators coded it (part 09 repeats part
// 08's documents for a second blind annotator). --diff prints, per
// sentence, the events the two annotations do not share (root-level triples), for
// adjudication.
// Usage: npm run corpus:agreement [-- --list] [-- --diff]
import { parseArgs } from 'node:util'
import { type GoldSentence, listAnnotationFiles, readAnnotationFile } from './annotations.js'
import { inPart, loadCorpusTexts, readCorpusDocs } from './documents.js'
import { CRITERIA, cohenKappa, matchEvents, prf, rootOf, type ScoredEvent, sameSpot } from './score.js'

const { values } = parseArgs({ options: { list: { type: 'boolean', default: false }, diff: { type: 'boolean', default: false } } })
const docs = readCorpusDocs().filter((d) => d.double)
const texts = loadCorpusTexts(docs)
const byId = new Map(docs.map((d) => [d.id, d]))

const flatten = (sentences: readonly GoldSentence[]): ScoredEvent[] =>
  sentences.flatMap((s) =>
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

// per document: the primary annotation (parts 01-06) and the blind ones (07 and up), each complete
const first = new Map<string, { annotator: string; sentences: GoldSentence[] }>()
const blind = new Map<string, { annotator: string; sentences: GoldSentence[] }[]>()
for (const f of listAnnotationFiles()) {
  if (f.annotator === 'adjudicated') continue
  const { sentences } = readAnnotationFile(f.path, byId, texts, [])
  const isSecond = Number(f.part) >= 7
  for (const d of docs) {
    if (isSecond ? !inPart(d, f.part) || d.part === f.part : d.part !== f.part) continue
    const mine = sentences.filter((s) => s.doc === d.id)
    if (new Set(mine.map((s) => s.sent)).size !== d.sentences.length) continue
    if (isSecond) blind.set(d.id, [...(blind.get(d.id) ?? []), { annotator: f.annotator, sentences: mine }])
    else first.set(d.id, { annotator: f.annotator, sentences: mine })
  }
}
// the blind annotation compared is the first by another annotator than the primary one
const second = new Map<string, { annotator: string; sentences: GoldSentence[] }>()
for (const [id, list] of blind) {
  const other = list.find((x) => x.annotator !== first.get(id)?.annotator)
  if (other) second.set(id, other)
}
const both = docs.filter((d) => first.has(d.id) && second.has(d.id))
if (!both.length) {
  console.log(
    `agreement: no document is annotated both in its part and blind by another annotator yet (primary ${first.size}, blind ${blind.size} of ${docs.length})`,
  )
  process.exit(0)
}
const a = flatten(both.flatMap((d) => first.get(d.id)?.sentences ?? []))
const b = flatten(both.flatMap((d) => second.get(d.id)?.sentences ?? []))
if (values.list) for (const d of both) console.log(`${d.id}: ${first.get(d.id)?.annotator} / ${second.get(d.id)?.annotator}`)

// F1 is symmetric: either annotator may be taken as the reference
const f1 = (name: keyof typeof CRITERIA): number => prf(matchEvents(a, b, CRITERIA[name]).length, b.length, a.length).f1
// kappa: align events at the same spot whatever their codes, then label the rest NONE
const aligned = matchEvents(a, b, (x, y) => sameSpot(x, y))
const labelsA: string[] = []
const labelsB: string[] = []
for (const [i, j] of aligned) {
  labelsA.push(rootOf((a[i] as ScoredEvent).code))
  labelsB.push(rootOf((b[j] as ScoredEvent).code))
}
const usedA = new Set(aligned.map(([i]) => i))
const usedB = new Set(aligned.map(([, j]) => j))
a.forEach((e, i) => {
  if (usedA.has(i)) return
  labelsA.push(rootOf(e.code))
  labelsB.push('NONE')
})
b.forEach((e, j) => {
  if (usedB.has(j)) return
  labelsA.push('NONE')
  labelsB.push(rootOf(e.code))
})
if (values.diff) {
  const show = (e: ScoredEvent): string =>
    `${texts.get(e.doc)?.text.slice(e.start, e.end)} ${e.code} ${e.source ?? '-'} -> ${e.target ?? '-'} ${e.modality}${e.negated ? ' negated' : ''}`
  const matched = matchEvents(a, b, CRITERIA.root_pair)
  const okA = new Set(matched.map(([i]) => i))
  const okB = new Set(matched.map(([, j]) => j))
  for (const d of both) {
    d.sentences.forEach(([start, end], sent) => {
      const onlyA = a.filter((e, i) => e.doc === d.id && e.sent === sent && !okA.has(i))
      const onlyB = b.filter((e, j) => e.doc === d.id && e.sent === sent && !okB.has(j))
      if (!onlyA.length && !onlyB.length) return
      console.log(`${d.id} [${sent}] ${texts.get(d.id)?.text.slice(start, end).replace(/\s+/g, ' ')}`)
      for (const e of onlyA) console.log(`  ${first.get(d.id)?.annotator}: ${show(e)}`)
      for (const e of onlyB) console.log(`  ${second.get(d.id)?.annotator}: ${show(e)}`)
    })
  }
}
const sentences = both.reduce((n, d) => n + d.sentences.length, 0)
const f = (x: number): string => x.toFixed(3)
console.log(`root F1 ${f(f1('root'))}; leaf F1 ${f(f1('leaf'))}; root triples by country F1 ${f(f1('root_pair_country'))}`)
console.log(
  `agreement: documents=${both.length} sentences=${sentences} events=${a.length}/${b.length} root_triple_f1=${f(f1('root_pair'))} root_kappa=${f(cohenKappa(labelsA, labelsB))}`,
)
