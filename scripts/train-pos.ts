// Trains the UPOS tagger (averaged perceptron, greedy left to right) on UD English-EWT.
// Usage: npm run train:pos [-- --iterations 8 --fixed-count 20 --fixed-share 0.99 --train PATH --dev PATH]
// Writes models/pos-ewt.model.gz and models/pos-ewt.tagdict.json, prints dev accuracy.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { normWord } from '../src/models/features.js'
import { FeatureBuffer, PerceptronTrainer } from '../src/models/perceptron.js'
import { createPosTagger, hashPosSentence, POS_MODEL_PATH, POS_TAGDICT_PATH, posFeatures, type TagDict } from '../src/stages/segment/pos-tagger.js'
import { readConllu, seededRandom, shuffle } from './conll.js'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-train.conllu' },
    dev: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-dev.conllu' },
    iterations: { type: 'string', default: '8' },
    'fixed-count': { type: 'string', default: '20' },
    'fixed-share': { type: 'string', default: '0.99' },
  },
})
const started = Date.now()
const train = readConllu(values.train)
const dev = readConllu(values.dev)

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
const trainer = new PerceptronTrainer(classes)
const scores = new Float64Array(classes.length)
const buffer = new FeatureBuffer()
const random = seededRandom(7)
for (let it = 0; it < Number(values.iterations); it++) {
  let right = 0
  let total = 0
  for (const s of shuffle([...train], random)) {
    const norms = s.words.map(normWord)
    const hashed = hashPosSentence(s.words, norms, tagdict)
    let prev = 0
    let prev2 = 0
    s.words.forEach((_, i) => {
      const truth = s.tags[i] as string
      const fixed = Object.hasOwn(tagdict.fixed, norms[i] as string) ? tagdict.fixed[norms[i] as string] : undefined
      let g: number
      if (fixed !== undefined) g = index.get(fixed) as number
      else {
        const feats = posFeatures(buffer, hashed, i, prev, prev2)
        g = trainer.model.predict(feats, scores)
        trainer.update(feats, index.get(truth) as number, g)
      }
      if (classes[g] === truth) right++
      total++
      prev2 = prev
      prev = g + 1
    })
  }
  console.log(`iteration ${it + 1}: train accuracy ${((100 * right) / total).toFixed(2)}%`)
}
const model = trainer.average()
const tagger = createPosTagger(model, tagdict)
let right = 0
let total = 0
for (const s of dev) {
  const tags = tagger.tag(s.words)
  tags.forEach((t, i) => {
    if (t === s.tags[i]) right++
    total++
  })
}
writeFileSync(POS_MODEL_PATH, gzipSync(model.serialize(), { level: 9 }))
writeFileSync(POS_TAGDICT_PATH, `${JSON.stringify(tagdict)}\n`)
console.log(`features ${model.size}, fixed tags ${Object.keys(tagdict.fixed).length} words, classes ${Object.keys(tagdict.classes).length} words`)
console.log(`dev UPOS accuracy (gold tokens) ${((100 * right) / total).toFixed(2)}% in ${((Date.now() - started) / 1000).toFixed(0)} s`)
