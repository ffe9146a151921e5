// Near-duplicate detection measured on pairs built from stories written for sitrep
// (scripts/data/near-dup-stories.json): the same story lightly edited, re-headlined,
// truncated, or edited and re-headlined (should match); two stories on the same topic, a
// follow-up repeating two sentences of the first as background, and other topics (should not). A pair matches when the LSH bands bring it together
// and the estimated resemblance or containment clears the thresholds — what ingest does.
//   npm run eval:near-dup
import { readFileSync } from 'node:fs'
import { bandKeys, CONTAINMENT, isNearDuplicate, RESEMBLANCE, similarity, sketchText } from '../src/sources/near-duplicates.js'

interface Story {
  id: string
  topic: string
  title: string
  headline: string
  text: string
  edits: [string, string][]
  drop: number
  add: string
}

const { stories } = JSON.parse(readFileSync(new URL('./data/near-dup-stories.json', import.meta.url), 'utf8')) as { stories: Story[] }
const sentences = (text: string): string[] => text.match(/[^.!?]+[.!?]+(\s+|$)/g)?.map((s) => s.trim()) ?? [text]

function edited(s: Story): string {
  let text = s.text
  for (const [from, to] of s.edits) {
    if (!text.includes(from)) throw new Error(`${s.id}: the edit "${from}" is not in the text`)
    text = text.replace(from, to)
  }
  const parts = sentences(text)
  parts.splice(s.drop, 1)
  return [...parts, s.add].join(' ')
}
const article = (title: string, text: string): string => `${title}\n\n${text}`
const variants = (s: Story) => {
  const parts = sentences(s.text)
  return {
    base: article(s.title, s.text),
    edited: article(s.title, edited(s)),
    reheadlined: article(s.headline, s.text),
    truncated: article(s.title, parts.slice(0, Math.ceil(parts.length / 2)).join(' ')),
    editedReheadlined: article(s.headline, edited(s)),
  }
}

type Kind = 'edited' | 'reheadlined' | 'truncated' | 'edited+reheadlined' | 'same topic' | 'follow-up' | 'other topic'
const pairs: { kind: Kind; same: boolean; a: string; b: string; label: string }[] = []
const byId = new Map(stories.map((s) => [s.id, variants(s)]))
for (const s of stories) {
  const v = byId.get(s.id) as ReturnType<typeof variants>
  pairs.push({ kind: 'edited', same: true, a: v.base, b: v.edited, label: s.id })
  pairs.push({ kind: 'reheadlined', same: true, a: v.base, b: v.reheadlined, label: s.id })
  pairs.push({ kind: 'truncated', same: true, a: v.base, b: v.truncated, label: s.id })
  pairs.push({ kind: 'edited+reheadlined', same: true, a: v.base, b: v.editedReheadlined, label: s.id })
}
const topics = [...new Set(stories.map((s) => s.topic))]
for (const topic of topics) {
  const [x, y] = stories.filter((s) => s.topic === topic).map((s) => byId.get(s.id) as ReturnType<typeof variants>)
  if (!x || !y) continue
  pairs.push({ kind: 'same topic', same: false, a: x.base, b: y.base, label: topic })
  pairs.push({ kind: 'same topic', same: false, a: x.edited, b: y.base, label: topic })
  pairs.push({ kind: 'same topic', same: false, a: x.base, b: y.truncated, label: topic })
  pairs.push({ kind: 'same topic', same: false, a: x.truncated, b: y.reheadlined, label: topic })
  // a follow-up that repeats two sentences of the first story as background is a new story
  const [sx, sy] = stories.filter((s) => s.topic === topic) as [Story, Story]
  pairs.push({ kind: 'follow-up', same: false, a: x.base, b: article(sy.title, `${sy.text} ${sentences(sx.text).slice(0, 2).join(' ')}`), label: topic })
}
stories.forEach((s, i) => {
  const other = stories[(i + 2) % stories.length] as Story
  const v = byId.get(s.id) as ReturnType<typeof variants>
  const w = byId.get(other.id) as ReturnType<typeof variants>
  pairs.push({ kind: 'other topic', same: false, a: v.base, b: w.base, label: `${s.id}/${other.id}` })
  pairs.push({ kind: 'other topic', same: false, a: v.edited, b: w.truncated, label: `${s.id}/${other.id}` })
})

let tp = 0
let fp = 0
let fn = 0
const perKind = new Map<Kind, { n: number; matched: number; maxScore: number; minScore: number }>()
for (const p of pairs) {
  const [a, b] = [sketchText(p.a), sketchText(p.b)]
  const bandsB = new Set(bandKeys(b))
  const candidate = bandKeys(a).some((k) => bandsB.has(k))
  const matched = candidate && isNearDuplicate(a, b)
  const s = similarity(a, b)
  const score = Math.max(s.resemblance, s.containment)
  const k = perKind.get(p.kind) ?? { n: 0, matched: 0, maxScore: 0, minScore: 1 }
  k.n++
  if (matched) k.matched++
  k.maxScore = Math.max(k.maxScore, score)
  k.minScore = Math.min(k.minScore, score)
  perKind.set(p.kind, k)
  if (matched && p.same) tp++
  else if (matched) {
    fp++
    console.log(`false match (${p.kind}): ${p.label} resemblance=${s.resemblance.toFixed(2)} containment=${s.containment.toFixed(2)}`)
  } else if (p.same) {
    fn++
    console.log(`missed (${p.kind}): ${p.label} resemblance=${s.resemblance.toFixed(2)} containment=${s.containment.toFixed(2)} candidate=${candidate}`)
  }
}
console.log(`thresholds: resemblance >= ${RESEMBLANCE} or containment >= ${CONTAINMENT}`)
for (const [kind, k] of perKind) {
  console.log(`${kind.padEnd(20)} pairs=${k.n} matched=${k.matched} score=${k.minScore.toFixed(2)}..${k.maxScore.toFixed(2)}`)
}
const precision = tp + fp ? tp / (tp + fp) : 0
const recall = tp + fn ? tp / (tp + fn) : 0
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
console.log(
  `near-dup pairs=${pairs.length} same=${tp + fn} different=${pairs.length - tp - fn} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} f1=${f1.toFixed(3)}`,
)
