// Trains the UPOS tagger (averaged perceptron, greedy left to right) on UD English-EWT.
// Usage: npm run train:pos [-- --iterations 9 --folds 4 --seeds 7 --word-margin M --second-margin M --fixed-count 20 --fixed-share 0.99 --train PATH --dev PATH]
// Writes models/pos-ewt.model.gz (first pass), models/pos-ewt.right.model.gz (second pass,
// with the first pass's tags to the right) and models/pos-ewt.tagdict.json, prints dev accuracy.
// Needs models/word-clusters.tsv.gz (npm run build:clusters).
import { rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { normWord } from '../src/models/features.js'
import { FeatureBuffer, LinearModel, PerceptronTrainer } from '../src/models/perceptron.js'
import {
  createPosTagger,
  fixedClass,
  hashPosSentence,
  NO_MARGINS,
  POS_MODEL_PATH,
  POS_RIGHT_MODEL_PATH,
  POS_TAGDICT_PATH,
  type PosMargins,
  posFeatures,
  type TagDict,
} from '../src/stages/segment/pos-tagger.js'
import { readConllu, seededRandom, shuffle, type TaggedSentence } from './conll.js'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-train.conllu' },
    dev: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-dev.conllu' },
    iterations: { type: 'string', default: '9' },
    'fixed-count': { type: 'string', default: '20' },
    'fixed-share': { type: 'string', default: '0.99' },
    folds: { type: 'string', default: '4' },
    // one model per seed (order of the sentences), weights averaged
    seeds: { type: 'string', default: '7' },
    // how sure (score lead) the word alone, or the first pass, must be to spare the scoring
    'word-margin': { type: 'string', default: '150000' },
    'second-margin': { type: 'string', default: '25000' },
  },
})
const started = Date.now()
const train = readConllu(values.train)
const dev = readConllu(values.dev)
// folds for the second pass's training tags; 1 trains the first pass alone
const FOLDS = Number(values.folds)

// tag dictionary: frequent words seen with one tag almost always are tagged without scoring
// (20 times, 99%: safe across domains — a lower bar fixes "resume" as a noun, as in EWT's e-mails)
const MIN_FIXED_COUNT = Number(values['fixed-count'])
const MIN_FIXED_SHARE = Number(values['fixed-share'])
const counts = new Map<string, Map<string, number>>()
for (const s of train) {
  s.words.forEach((w, i) => {
    const n = normWord(w)
    const m = counts.get(n) ?? new Map<string, number>()
    m.set(s.tags[i] as string, (m.get(s.tags[i] as string) ?? 0) + 1)
    counts.set(n, m)
  })
}
const tagdict: TagDict = { fixed: {}, classes: {} }
for (const [w, m] of counts) {
  const total = [...m.values()].reduce((a, b) => a + b, 0)
  const sorted = [...m].sort((a, b) => b[1] - a[1])
  const [tag, n] = sorted[0] as [string, number]
  if (total >= MIN_FIXED_COUNT && n / total >= MIN_FIXED_SHARE) tagdict.fixed[w] = tag
  // a word seen once says little about its classes; it is left to affixes and shape
  if (total >= 2)
    tagdict.classes[w] = sorted
      .filter(([, k]) => k / total >= 0.05)
      .map(([t]) => t)
      .sort()
      .join('|')
}

const classes = [...new Set(train.flatMap((s) => s.tags))].sort()
const index = new Map(classes.map((c, i) => [c, i]))
const buffer = new FeatureBuffer()
const ITERATIONS = Number(values.iterations)
const SEEDS = values.seeds.split(',').map(Number)

/** Trains one greedy pass on sentences; with `right` (first-pass tags per sentence), the second pass. */
function trainOnce(sentences: readonly TaggedSentence[], seed: number, right?: Map<TaggedSentence, Uint8Array>): LinearModel {
  const trainer = new PerceptronTrainer(classes)
  const scores = new Float64Array(classes.length)
  const random = seededRandom(seed)
  for (let it = 0; it < ITERATIONS; it++) {
    let ok = 0
    let seen = 0
    for (const s of shuffle([...sentences], random)) {
      const hashed = hashPosSentence(s.words, tagdict, classes)
      const r = right?.get(s)
      let prev = 0
      let prev2 = 0
      s.words.forEach((_, i) => {
        const truth = s.tags[i] as string
        const fixed = fixedClass(hashed, i)
        let g: number
        if (fixed >= 0) g = fixed
        else {
          const feats = posFeatures(buffer, hashed, i, prev, prev2, r)
          g = trainer.model.predict(feats, scores)
          trainer.update(feats, index.get(truth) as number, g)
        }
        if (classes[g] === truth) ok++
        seen++
        prev2 = prev
        prev = g + 1
      })
    }
    console.log(`${right ? 'second' : 'first'} pass, iteration ${it + 1}: train accuracy ${((100 * ok) / seen).toFixed(2)}%`)
  }
  return trainer.average()
}

/**
 * Trains one greedy pass (see `trainOnce`) once per seed, each on its own order of the
 * sentences, and averages the weights: a model less tied to one order.
 */
function trainPass(sentences: readonly TaggedSentence[], right?: Map<TaggedSentence, Uint8Array>): LinearModel {
  const models = SEEDS.map((seed) => trainOnce(sentences, seed, right))
  if (models.length === 1) return models[0] as LinearModel
  const merged = new LinearModel(classes)
  const n = classes.length
  for (const m of models) {
    const w = m.matrix
    for (const [key, r] of m.entries()) {
      const row = merged.ensureRow(key)
      const into = merged.matrix
      for (let c = 0; c < n; c++) into[row * n + c] = (into[row * n + c] as number) + (w[r * n + c] as number) / models.length
    }
  }
  return merged
}

/** The first pass's tags of sentences, as class numbers + 1. */
function firstPassTags(model: LinearModel, sentences: readonly TaggedSentence[], into: Map<TaggedSentence, Uint8Array>): void {
  const tagger = createPosTagger(model, tagdict)
  for (const s of sentences)
    into.set(
      s,
      Uint8Array.from(tagger.tag(s.words), (t) => (index.get(t) as number) + 1),
    )
}

const model = trainPass(train)
let second: LinearModel | undefined
if (FOLDS > 1) {
  // the second pass learns from first-pass tags as they will be at run time: each fold
  // tagged by a first pass trained without it (jackknifing)
  const right = new Map<TaggedSentence, Uint8Array>()
  for (let f = 0; f < FOLDS; f++) {
    const held = train.filter((_, i) => i % FOLDS === f)
    firstPassTags(trainPass(train.filter((_, i) => i % FOLDS !== f)), held, right)
  }
  second = trainPass(train, right)
}
/** Dev accuracy (gold tokens) of the tagger, in percent. */
function devAccuracy(margins: PosMargins): number {
  const tagger = createPosTagger(model, tagdict, second, margins)
  let ok = 0
  let seen = 0
  for (const s of dev) {
    tagger.tag(s.words).forEach((t, i) => {
      if (t === s.tags[i]) ok++
      seen++
    })
  }
  return (100 * ok) / seen
}
const margins: PosMargins = { word: Number(values['word-margin']), second: Number(values['second-margin']) }
const full = devAccuracy(NO_MARGINS)
const spared = devAccuracy(margins)
writeFileSync(POS_MODEL_PATH, gzipSync(model.serialize(), { level: 9 }))
if (second) writeFileSync(POS_RIGHT_MODEL_PATH, gzipSync(second.serialize(), { level: 9 }))
else rmSync(POS_RIGHT_MODEL_PATH, { force: true })
writeFileSync(POS_TAGDICT_PATH, `${JSON.stringify({ ...tagdict, margins })}\n`)
console.log(`features ${model.size}, fixed tags ${Object.keys(tagdict.fixed).length} words, classes ${Object.keys(tagdict.classes).length} words`)
console.log(
  `dev UPOS accuracy (gold tokens) ${spared.toFixed(2)}% (${full.toFixed(2)}% scoring every word in full) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
