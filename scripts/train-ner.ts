// Trains the entity recogniser (averaged perceptron, greedy BILOU) on CoNLL-2003 English.
// Usage: npm run train:ner [-- --iterations 10 --train PATH --dev PATH]
// Needs the POS model (npm run train:pos): its tags are features. Writes
// models/ner-conll.model.gz and prints dev entity F1 (exact spans and types).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { FeatureBuffer, PerceptronTrainer } from '../src/models/perceptron.js'
import {
  bilouSpans,
  createNerTagger,
  memoryHash,
  NER_CLASSES,
  NER_MODEL_PATH,
  type NerSentence,
  nerFeatures,
  nerWordInfo,
} from '../src/stages/entities/ner-model.js'
import { defaultPosTagger } from '../src/stages/segment/pos-tagger.js'
import { readConll2003, seededRandom, shuffle } from './conll.js'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/ner/conll2003/train.txt' },
    dev: { type: 'string', default: '../shared/data/ner/conll2003/dev.txt' },
    iterations: { type: 'string', default: '13' },
  },
})
const started = Date.now()
const pos = defaultPosTagger()
if (!pos) throw new Error('train the POS model first: npm run train:pos')

interface Doc {
  sentences: (NerSentence & { gold: string[] })[]
}

/** IOB1 tags (CoNLL-2003) -> BILOU. */
function toBilou(tags: readonly string[]): string[] {
  const spans: { start: number; end: number; type: string }[] = []
  tags.forEach((t, i) => {
    if (t === 'O') return
    const [p, type] = t.split('-') as [string, string]
    const last = spans[spans.length - 1]
    if (p === 'I' && last && last.end === i && last.type === type) last.end = i + 1
    else spans.push({ start: i, end: i + 1, type })
  })
  const out = tags.map(() => 'O')
  for (const s of spans) {
    if (s.end - s.start === 1) out[s.start] = `U-${s.type}`
    else {
      out[s.start] = `B-${s.type}`
      for (let k = s.start + 1; k < s.end - 1; k++) out[k] = `I-${s.type}`
      out[s.end - 1] = `L-${s.type}`
    }
  }
  return out
}

const load = (path: string): Doc[] =>
  readConll2003(path).map((d) => ({ sentences: d.sentences.map((s) => ({ words: s.words, pos: pos.tag(s.words), gold: toBilou(s.tags) })) }))
const train = load(values.train)
const dev = load(values.dev)
console.log(`loaded ${train.length} training and ${dev.length} dev documents in ${((Date.now() - started) / 1000).toFixed(0)} s`)

const index = new Map(NER_CLASSES.map((c, i) => [c, i]))
const trainer = new PerceptronTrainer(NER_CLASSES)
const scores = new Float64Array(NER_CLASSES.length)
const buffer = new FeatureBuffer()
const random = seededRandom(11)
for (let it = 0; it < Number(values.iterations); it++) {
  let right = 0
  let total = 0
  for (const doc of shuffle([...train], random)) {
    const memory = new Map<string, string>()
    for (const s of doc.sentences) {
      const info = nerWordInfo(s)
      let prev = 0
      let prev2 = 0
      s.words.forEach((w, i) => {
        const feats = nerFeatures(buffer, info, i, prev, prev2, memoryHash(memory, w))
        const guess = trainer.model.predict(feats, scores)
        const truth = index.get(s.gold[i] as string) as number
        trainer.update(feats, truth, guess)
        if (guess === truth) right++
        total++
        // the next word sees the guess, as at run time
        const tag = NER_CLASSES[guess] as string
        if (tag !== 'O') memory.set(w, tag.slice(2))
        prev2 = prev
        prev = guess + 1
      })
    }
  }
  console.log(`iteration ${it + 1}: train tag accuracy ${((100 * right) / total).toFixed(2)}%`)
}
const model = trainer.average()
const tagger = createNerTagger(model)
let tp = 0
let predicted = 0
let gold = 0
for (const doc of dev) {
  const tags = tagger.tagDocument(doc.sentences)
  doc.sentences.forEach((s, k) => {
    const key = (e: { start: number; end: number; type: string }): string => `${e.type}:${e.start}:${e.end}`
    const g = new Set(bilouSpans(s.gold).map(key))
    const p = bilouSpans(tags[k] as string[]).map(key)
    gold += g.size
    predicted += p.length
    tp += p.filter((x) => g.has(x)).length
  })
}
const precision = tp / predicted
const recall = tp / gold
writeFileSync(NER_MODEL_PATH, gzipSync(model.serialize(), { level: 9 }))
console.log(`features ${model.size}`)
console.log(
  `dev entity F1 ${((200 * precision * recall) / (precision + recall)).toFixed(2)} (P ${(100 * precision).toFixed(2)}, R ${(100 * recall).toFixed(2)}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
