// Chooses the corpus's documents from ../shared/data and writes corpus/documents.jsonl.
// A document's score is its topic words (politics, diplomacy, military, protest, justice;
// corpus/selection-keywords.json) per annotated sentence, minus its discard words (sports,
// markets, weather and health) per sentence. Eligible: at least 5 sentences, at least 6
// topic words and at most 2 sports words in the annotated part, a score of at least 1.
// The best-scored eligible documents of each source are taken up to the source's quota;
// long documents are capped at their first SENTENCE_CAP sentences (recorded).
// Usage: npm run corpus:select [-- --dry-run]
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { bucket, type CorpusDoc, DOCUMENTS_PATH, SENTENCE_CAP, sentenceSpans, sha256, splitOf } from './documents.js'
import { readSource, SOURCES, type SourceName } from './sources.js'

const KEYWORDS_PATH = fileURLToPath(new URL('../../corpus/selection-keywords.json', import.meta.url))

// How many documents each source gives: Reuters wire news first, then US political news,
// broadcast and wire news, web news and the Wikinews outbreak reports
const QUOTA: Record<SourceName, number> = { conll: 150, polnear: 90, tbaq: 54, gwn: 36, geovirus: 12 }
const PARTS = 6
const DOUBLE_PER_PART = 6
const NEAR_DUPLICATE = 0.3

interface Keywords {
  topic: Record<string, string[]>
  discard: Record<string, string[]>
}

/** Counts the words of a text that match any stem ("stem" prefix, "stem$" whole word, "a b" phrase). */
function counter(stems: readonly string[]): (text: string) => number {
  const whole = new Set(stems.filter((s) => s.endsWith('$')).map((s) => s.slice(0, -1)))
  const prefixes = stems.filter((s) => !s.endsWith('$') && !s.includes(' '))
  const phrases = stems.filter((s) => s.includes(' '))
  return (text: string): number => {
    const lower = text.toLowerCase()
    let n = 0
    for (const word of lower.match(/[\p{L}][\p{L}.'-]*/gu) ?? []) {
      const w = word.replace(/[.']+$/, '')
      if (whole.has(w) || whole.has(word) || prefixes.some((p) => w.startsWith(p))) n++
    }
    for (const p of phrases) n += lower.split(p).length - 1
    return n
  }
}

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
const keywords = JSON.parse(readFileSync(KEYWORDS_PATH, 'utf8')) as Keywords
const topicCount = counter(Object.values(keywords.topic).flat())
const discardCount = counter(Object.values(keywords.discard).flat())
const sportsCount = counter(keywords.discard.sports ?? [])

interface Candidate {
  doc: Omit<CorpusDoc, 'split' | 'part' | 'double'>
  eligible: boolean
}

const chosen: Candidate['doc'][] = []
const texts = new Map<string, string>()
for (const source of SOURCES) {
  const candidates: Candidate[] = []
  for (const d of readSource(source)) {
    const all = sentenceSpans(d.text)
    const sentences = all.slice(0, SENTENCE_CAP)
    const unit = d.text.slice(0, sentences.at(-1)?.[1] ?? 0)
    const topic = topicCount(unit)
    const score = (topic - discardCount(unit)) / Math.max(1, sentences.length)
    const eligible = sentences.length >= 5 && topic >= 6 && sportsCount(unit) <= 2 && score >= 1
    const doc = { id: d.id, source, score: Math.round(score * 1000) / 1000, sha: sha256(d.text).slice(0, 16), sentences, totalSentences: all.length }
    candidates.push({ doc, eligible })
  }
  const eligible = candidates.filter((c) => c.eligible).sort((a, b) => b.doc.score - a.doc.score || a.doc.id.localeCompare(b.doc.id))
  const take = eligible.slice(0, QUOTA[source])
  console.log(`${source}: ${candidates.length} documents, ${eligible.length} eligible, ${take.length} taken (lowest score ${take.at(-1)?.doc.score ?? '-'})`)
  chosen.push(...take.map((c) => c.doc))
  for (const d of readSource(source)) if (take.some((c) => c.doc.id === d.id)) texts.set(d.id, d.text)
}

// parts mix the sources: documents ordered by a salted hash, dealt round-robin
const ordered = [...chosen].sort((a, b) => sha256(`part:${a.id}`).localeCompare(sha256(`part:${b.id}`)))
const splitRank = new Map([...chosen].sort((a, b) => sha256(`split:${a.id}`).localeCompare(sha256(`split:${b.id}`))).map((d, i) => [d.id, i / chosen.length]))
const out: CorpusDoc[] = ordered.map((d, i) => {
  const part = String((i % PARTS) + 1).padStart(2, '0')
  return { ...d, split: splitOf(splitRank.get(d.id) ?? 0), part, double: null }
})
// near-duplicate documents (the same wire story twice) share one split, so that no story
// is on both sides: word 5-gram Jaccard above NEAR_DUPLICATE over the annotated part; the
// group takes the split of its member with the smallest id
const shingles = new Map(
  chosen.map((d) => {
    const words =
      (texts.get(d.id) ?? '')
        .slice(0, d.sentences.at(-1)?.[1] ?? 0)
        .toLowerCase()
        .match(/\p{L}+/gu) ?? []
    return [d.id, new Set(words.slice(0, Math.max(0, words.length - 4)).map((_, i) => words.slice(i, i + 5).join(' ')))] as const
  }),
)
const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let both = 0
  for (const x of a) if (b.has(x)) both++
  return both / (a.size + b.size - both || 1)
}
const byId = new Map(out.map((d) => [d.id, d]))
const ids = [...byId.keys()].sort()
for (let i = 0; i < ids.length; i++) {
  for (let j = i + 1; j < ids.length; j++) {
    const [a, b] = [ids[i] as string, ids[j] as string]
    if (jaccard(shingles.get(a) ?? new Set(), shingles.get(b) ?? new Set()) <= NEAR_DUPLICATE) continue
    const first = byId.get(a) as CorpusDoc
    const second = byId.get(b) as CorpusDoc
    if (first.split !== second.split) console.log(`near-duplicates ${a} (${first.split}) and ${b} (${second.split}): both ${first.split}`)
    Object.assign(second, { split: first.split })
  }
}

// the double slice: per part, the documents with the lowest "double" hash; parts 01-03
// go to second-annotation part 07, parts 04-06 to part 08
for (let p = 1; p <= PARTS; p++) {
  const part = String(p).padStart(2, '0')
  const inPart = out.filter((d) => d.part === part).sort((a, b) => bucket('double', a.id) - bucket('double', b.id) || a.id.localeCompare(b.id))
  for (const d of inPart.slice(0, DOUBLE_PER_PART)) Object.assign(d, { double: p <= PARTS / 2 ? '07' : '08' })
}
out.sort((a, b) => a.part.localeCompare(b.part) || a.id.localeCompare(b.id))

const sentences = out.reduce((n, d) => n + d.sentences.length, 0)
const count = (f: (d: CorpusDoc) => boolean): number => out.filter(f).length
console.log(`documents=${out.length} sentences=${sentences} capped=${count((d) => d.totalSentences > d.sentences.length)}`)
console.log(`splits: train=${count((d) => d.split === 'train')} dev=${count((d) => d.split === 'dev')} test=${count((d) => d.split === 'test')}`)
for (let p = 1; p <= PARTS + 2; p++) {
  const part = String(p).padStart(2, '0')
  const docs = out.filter((d) => d.part === part || d.double === part)
  console.log(`part ${part}: documents=${docs.length} sentences=${docs.reduce((n, d) => n + d.sentences.length, 0)}`)
}
if (!values['dry-run']) writeFileSync(DOCUMENTS_PATH, out.map((d) => JSON.stringify(d)).join('\n') + '\n')
