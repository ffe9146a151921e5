// Builds unsupervised word clusters (features of the POS tagger) from raw text of the
// training sets: each frequent word is described by the words seen just before and after
// it (Hellinger distance: square roots of the context distributions), projected to a few
// dimensions, then grouped by spherical k-means; coarser levels group the finest clusters.
// Usage: npm run build:clusters [-- --min-count 3 --max-words 40000 --k 1024,256,64]
// Writes models/word-clusters.tsv.gz (word, its cluster at each level, then how often it is
// capitalised inside a sentence, binned). The raw text
// stays in ../shared/data: only the clusters are committed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { normWord } from '../src/models/features.js'
import { CLUSTERS_PATH } from '../src/models/word-clusters.js'
import { tokenize } from '../src/stages/segment/01-tokenize.js'
import { readConll2003, readConllu, seededRandom } from './conll.js'

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    'min-count': { type: 'string', default: '3' },
    'max-words': { type: 'string', default: '40000' },
    contexts: { type: 'string', default: '1000' },
    dims: { type: 'string', default: '96' },
    k: { type: 'string', default: '1024,256,64' },
    iterations: { type: 'string', default: '12' },
  },
})
const started = Date.now()
const data = values.data

// --- raw text: training splits only (never a dev set of the tagger or the recogniser) ---
const sentences: string[][] = []
const addText = (text: string): void => {
  for (const line of text.split(/\n+/)) {
    const words = tokenize(line).map((s) => line.slice(s.start, s.end))
    if (words.length) sentences.push(words)
  }
}
for (const s of readConllu(`${data}/syntax/en_ewt-ud-train.conllu`)) sentences.push(s.words)
for (const d of readConll2003(`${data}/ner/conll2003/train.txt`)) for (const s of d.sentences) sentences.push(s.words)
const seen = new Set<string>()
for (const line of readFileSync(`${data}/quotes/polnear-train.jsonl`, 'utf8').split('\n')) {
  if (!line.trim()) continue
  const doc = JSON.parse(line) as { doc_id: string; text?: string }
  // PolNeAR repeats an article once per annotator
  if (doc.text && !seen.has(doc.doc_id)) {
    seen.add(doc.doc_id)
    addText(doc.text)
  }
}
const pages = `${data}/extraction/wcxb-articles-dev/ground-truth`
for (const f of readdirSync(pages).filter((f) => f.endsWith('.json'))) {
  const page = JSON.parse(readFileSync(`${pages}/${f}`, 'utf8')) as { ground_truth?: { main_content?: string } }
  addText(page.ground_truth?.main_content ?? '')
}
const zyte = JSON.parse(readFileSync(`${data}/extraction/zyte-dev/ground-truth.json`, 'utf8')) as Record<string, { articleBody?: string }>
for (const page of Object.values(zyte)) addText(page.articleBody ?? '')
const corpus = sentences.map((s) => s.map(normWord))
const tokens = corpus.reduce((a, s) => a + s.length, 0)
console.log(`${sentences.length} sentences, ${tokens} words`)

// --- vocabulary and context words ---
const freq = new Map<string, number>()
for (const s of corpus) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1)
const byFreq = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
const vocab = byFreq.filter(([w, n]) => n >= Number(values['min-count']) && !/\s/.test(w)).slice(0, Number(values['max-words']))
const wordId = new Map(vocab.map(([w], i) => [w, i]))
const C = Number(values.contexts)
const contextId = new Map(byFreq.slice(0, C).map(([w], i) => [w, i]))
// slots: word before, word after, two before, two after (context C marks "other or edge")
const SLOTS = 4
const width = SLOTS * (C + 1)
const V = vocab.length
const counts = new Float32Array(V * width)
for (const s of corpus) {
  for (let i = 0; i < s.length; i++) {
    const w = wordId.get(s[i] as string)
    if (w === undefined) continue
    const ctx = (k: number): number => (k < 0 || k >= s.length ? C : (contextId.get(s[k] as string) ?? C))
    const row = w * width
    const bump = (slot: number, c: number): void => {
      counts[row + slot * (C + 1) + c] = (counts[row + slot * (C + 1) + c] as number) + 1
    }
    bump(0, ctx(i - 1))
    bump(1, ctx(i + 1))
    bump(2, ctx(i - 2))
    bump(3, ctx(i + 2))
  }
}

// --- Hellinger rows, randomly projected (nearby words stay nearby) ---
const D = Number(values.dims)
const random = seededRandom(11)
const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
const projection = Float32Array.from({ length: width * D }, gaussian)
const vectors = new Float32Array(V * D)
// the nearer neighbours say more about a word's part of speech
const slotWeight = [1, 1, 0.5, 0.5]
for (let w = 0; w < V; w++) {
  const row = w * width
  const out = w * D
  for (let slot = 0; slot < SLOTS; slot++) {
    let total = 0
    for (let c = 0; c <= C; c++) total += counts[row + slot * (C + 1) + c] as number
    if (!total) continue
    for (let c = 0; c <= C; c++) {
      const x = counts[row + slot * (C + 1) + c] as number
      if (!x) continue
      const v = Math.sqrt(x / total) * (slotWeight[slot] as number)
      const p = (slot * (C + 1) + c) * D
      for (let d = 0; d < D; d++) vectors[out + d] = (vectors[out + d] as number) + v * (projection[p + d] as number)
    }
  }
  normalise(vectors, out, D)
}

function normalise(a: Float32Array, at: number, n: number): void {
  let sum = 0
  for (let d = 0; d < n; d++) sum += (a[at + d] as number) ** 2
  const norm = Math.sqrt(sum) || 1
  for (let d = 0; d < n; d++) a[at + d] = (a[at + d] as number) / norm
}

/** Spherical k-means of `n` unit vectors (weighted), the most frequent as first centres. */
function kmeans(points: Float32Array, n: number, weights: Float64Array, k: number, iterations: number): Int32Array {
  const centres = points.slice(0, k * D)
  const assign = new Int32Array(n)
  for (let it = 0; it < iterations; it++) {
    let moved = 0
    for (let p = 0; p < n; p++) {
      let best = 0
      let bestSim = Number.NEGATIVE_INFINITY
      for (let c = 0; c < k; c++) {
        let sim = 0
        for (let d = 0; d < D; d++) sim += (points[p * D + d] as number) * (centres[c * D + d] as number)
        if (sim > bestSim) {
          bestSim = sim
          best = c
        }
      }
      if (assign[p] !== best) moved++
      assign[p] = best
    }
    centres.fill(0)
    for (let p = 0; p < n; p++) {
      const c = assign[p] as number
      const wt = weights[p] as number
      for (let d = 0; d < D; d++) centres[c * D + d] = (centres[c * D + d] as number) + wt * (points[p * D + d] as number)
    }
    for (let c = 0; c < k; c++) normalise(centres, c * D, D)
    console.log(`k=${k} iteration ${it + 1}: ${moved} moved`)
  }
  return assign
}

// the finest level clusters the words; each coarser level clusters the level below's centres
const levels = values.k.split(',').map(Number)
// a frequent word's place matters more, but not in proportion to its count
const weights = Float64Array.from(vocab, ([, n]) => Math.log(1 + n))
const wordCluster: Int32Array[] = []
let points = vectors
let pointWeights = weights
let n = V
for (const k of levels) {
  const assign = kmeans(points, n, pointWeights, Math.min(k, n), Number(values.iterations))
  const below = wordCluster.at(-1)
  wordCluster.push(below ? Int32Array.from(below, (c) => assign[c] as number) : assign)
  // the next level's points: this level's centres, weighted by their words
  const centres = new Float32Array(k * D)
  const mass = new Float64Array(k)
  for (let p = 0; p < n; p++) {
    const c = assign[p] as number
    mass[c] = (mass[c] as number) + (pointWeights[p] as number)
    for (let d = 0; d < D; d++) centres[c * D + d] = (centres[c * D + d] as number) + (pointWeights[p] as number) * (points[p * D + d] as number)
  }
  for (let c = 0; c < k; c++) normalise(centres, c * D, D)
  points = centres
  pointWeights = mass
  n = k
}

// how often each word is written with a capital inside a sentence (not after . ! ? or a
// quote): names are, nouns are not — a hint for words the tagged data never saw
const capitalised = new Float64Array(V)
const inside = new Float64Array(V)
for (const s of sentences) {
  for (let i = 1; i < s.length; i++) {
    const w = wordId.get(normWord(s[i] as string))
    if (w === undefined || /^[.!?:"“‘'(\-–—]/.test(s[i - 1] as string)) continue
    inside[w] = (inside[w] as number) + 1
    if (/^\p{Lu}/u.test(s[i] as string)) capitalised[w] = (capitalised[w] as number) + 1
  }
}
const CAPITAL_BINS = [0.02, 0.2, 0.5, 0.8, 0.98]
const capitalBin = (w: number): number => {
  if ((inside[w] as number) < 3) return -1
  const share = (capitalised[w] as number) / (inside[w] as number)
  const bin = CAPITAL_BINS.findIndex((b) => share < b)
  return bin < 0 ? CAPITAL_BINS.length : bin
}
const lines = vocab.map(([w], i) => [w, ...wordCluster.map((a) => a[i]), capitalBin(i)].join('\t'))
writeFileSync(CLUSTERS_PATH, gzipSync(`${JSON.stringify({ levels })}\n${lines.join('\n')}\n`, { level: 9 }))
console.log(`${V} words in clusters of ${levels.join('/')} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
