// Trains the dependency parser (arc-hybrid, greedy, averaged perceptron, dynamic oracle) on
// UD English-EWT, with the project's own predicted UPOS tags as at run time.
// Usage: npm run train:parser [-- --iterations 10 --jackknife 10 --tags-cache PATH --train PATH --dev PATH --limit N]
// Writes models/parser-ewt.actions.model.gz and models/parser-ewt.labels.model.gz, prints dev UAS/LAS.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { FeatureBuffer, type LinearModel, PerceptronTrainer } from '../src/models/perceptron.js'
import { defaultPosTagger } from '../src/stages/segment/pos-tagger.js'
import {
  ACTIONS,
  Configuration,
  createParser,
  LEFT,
  PARSER_ACTIONS_PATH,
  PARSER_LABELS_PATH,
  ROOT_LABEL,
  SHIFT,
  suffixId,
  tagIds,
  UPOS,
  wordId,
} from '../src/stages/syntax/transition-parser.js'
import { readConlluTrees, seededRandom, shuffle, type TreeSentence } from './conll.js'
import { jackknifeTags } from './jackknife-pos.js'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-train.conllu' },
    dev: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-dev.conllu' },
    iterations: { type: 'string', default: '10' },
    limit: { type: 'string', default: '0' },
    // the probability of following the model's own (possibly wrong) action after the first iteration
    explore: { type: 'string', default: '0.9' },
    // training tags from taggers that did not see the sentence (k folds); 0 tags with the committed tagger
    jackknife: { type: 'string', default: '10' },
    'tags-cache': { type: 'string' },
  },
})
const started = Date.now()
const tagger = defaultPosTagger()
if (!tagger) throw new Error('the POS model is missing: run "npm run train:pos" first')
let train = readConlluTrees(values.train)
if (Number(values.limit) > 0) train = train.slice(0, Number(values.limit))
const dev = readConlluTrees(values.dev)

// subtypes worth their classes are kept ("nsubj:pass", "obl:agent" tell voice); rare ones fold to the base relation
const relationCounts = new Map<string, number>()
for (const s of train) for (const l of s.labels) relationCounts.set(l, (relationCounts.get(l) ?? 0) + 1)
const relation = (l: string): string => (l.includes(':') && (relationCounts.get(l) ?? 0) < 100 ? (l.split(':')[0] as string) : l)
const labelClasses = [...new Set(train.flatMap((s) => s.labels.map(relation)))].sort()
const labelIndex = new Map(labelClasses.map((l, i) => [l, i]))
const rootLabel = labelIndex.get(ROOT_LABEL) as number

// predicted tags, as the parser will see them at run time
const ids = tagIds(UPOS)
const rootTag = UPOS.length + 1
interface Prepared {
  words: number[]
  tags: number[]
  suffixes: number[]
  gold: Int32Array
  goldLabels: Int32Array
  children: number[][]
}
const folds = Number(values.jackknife)
// the jackknifed tags take most of the training time: experiments on the parser alone can
// keep them in a file (delete it when the tagger or the training set changes)
const tagsCache = values['tags-cache']
const trainTags: string[][] =
  tagsCache && existsSync(tagsCache)
    ? (JSON.parse(readFileSync(tagsCache, 'utf8')) as string[][])
    : folds > 1
      ? jackknifeTags(train, folds)
      : train.map((s) => tagger.tag(s.words))
if (tagsCache && !existsSync(tagsCache)) writeFileSync(tagsCache, JSON.stringify(trainTags))
const prepare = (s: TreeSentence, k: number): Prepared => {
  const n = s.words.length
  const gold = Int32Array.from(s.heads, (h) => (h < 0 ? n : h))
  const children: number[][] = Array.from({ length: n + 1 }, () => [])
  gold.forEach((h, d) => {
    children[h]?.push(d)
  })
  return {
    words: s.words.map(wordId),
    suffixes: s.words.map(suffixId),
    tags: (trainTags[k] as string[]).map((t) => ids.get(t) ?? 0),
    gold,
    goldLabels: Int32Array.from(s.labels, (l) => labelIndex.get(relation(l)) ?? 0),
    children,
  }
}
const prepared = train.map(prepare)
let tagRight = 0
let tagTotal = 0
train.forEach((s, k) => {
  s.tags.forEach((t, i) => {
    if (trainTags[k]?.[i] === t) tagRight++
    tagTotal++
  })
})
console.log(`training tags: ${folds > 1 ? `${folds}-fold jackknife` : 'committed tagger'}, UPOS ${((100 * tagRight) / tagTotal).toFixed(2)}%`)
console.log(`${prepared.length} sentences tagged, ${labelClasses.length} labels, ${((Date.now() - started) / 1000).toFixed(0)} s`)

const actionTrainer = new PerceptronTrainer(ACTIONS)
const labelTrainer = new PerceptronTrainer(labelClasses)
const config = new Configuration()
const features = new FeatureBuffer()
const actionScores = new Float64Array(3)
const labelScores = new Float64Array(labelClasses.length)
const allowedLabels = new Uint8Array(labelClasses.length).fill(1)
allowedLabels[rootLabel] = 0
const allowedActions = new Uint8Array(3)
const costs = new Float64Array(3)
const inStack = new Uint8Array(4096)
const random = seededRandom(11)

// Arc-hybrid dynamic oracle (Goldberg and Nivre 2013): the cost of an action is the number
// of gold arcs it makes unreachable; the buffer is always a suffix b..n of the sentence.
const childrenFrom = (p: Prepared, h: number, from: number): number => {
  let k = 0
  for (const c of p.children[h] as number[]) if (c >= from) k++
  return k
}
const actionCost = (p: Prepared, action: number): number => {
  if (!config.valid(action)) return Number.POSITIVE_INFINITY
  const b = config.b
  if (action === SHIFT) {
    const s0 = config.sp > 0 ? (config.stack[config.sp - 1] as number) : -1
    const g = p.gold[b] as number
    let cost = g !== s0 && g < b && inStack[g] ? 1 : 0
    for (const c of p.children[b] as number[]) if (c < b && inStack[c]) cost++
    return cost
  }
  const s0 = config.stack[config.sp - 1] as number
  const g = p.gold[s0] as number
  const lostChildren = childrenFrom(p, s0, b)
  if (action === LEFT) {
    const s1 = config.sp > 1 ? (config.stack[config.sp - 2] as number) : -1
    return (g === s1 || g > b ? 1 : 0) + lostChildren
  }
  return (g >= b ? 1 : 0) + lostChildren
}

for (let it = 0; it < Number(values.iterations); it++) {
  let right = 0
  let total = 0
  const explore = it > 0 ? Number(values.explore) : 0
  for (const p of shuffle([...prepared], random)) {
    config.reset(p.words, p.tags, rootTag, p.suffixes)
    inStack.fill(0, 0, p.words.length + 1)
    while (!config.done) {
      let min = Number.POSITIVE_INFINITY
      for (let a = 0; a < 3; a++) {
        costs[a] = actionCost(p, a)
        allowedActions[a] = costs[a] === Number.POSITIVE_INFINITY ? 0 : 1
        min = Math.min(min, costs[a] as number)
      }
      const feats = config.actionFeatures(features)
      const guess = actionTrainer.model.predict(feats, actionScores, allowedActions)
      let best = -1
      for (let a = 0; a < 3; a++) if (costs[a] === min && (best < 0 || (actionScores[a] as number) > (actionScores[best] as number))) best = a
      actionTrainer.update(feats, best, guess)
      if (guess === best) right++
      total++
      const action = costs[guess] === min || random() < explore ? guess : best
      let label = 0
      if (action !== SHIFT) {
        const [h, d] = config.arcOf(action)
        if (h === p.words.length) label = rootLabel
        else {
          const lf = config.labelFeatures(features, h, d)
          label = labelTrainer.model.predict(lf, labelScores, allowedLabels)
          if (p.gold[d] === h) {
            labelTrainer.update(lf, p.goldLabels[d] as number, label)
            if (explore === 0) label = p.goldLabels[d] as number
          }
        }
        inStack[d] = 0
      } else inStack[config.b] = 1
      config.apply(action, label)
    }
  }
  console.log(`iteration ${it + 1}: action accuracy ${((100 * right) / total).toFixed(2)}%, ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
const actionModel = actionTrainer.average()
const labelModel = labelTrainer.average()

// dev figures with predicted tags on gold words (the scorer adds sitrep's tokenization)
const parser = createParser(actionModel, labelModel)
let words = 0
let uas = 0
let las = 0
const t0 = process.hrtime.bigint()
let parseSeconds = 0
for (const s of dev) {
  const tags = tagger.tag(s.words)
  const t = process.hrtime.bigint()
  const parsed = parser.parse(s.words, tags)
  parseSeconds += Number(process.hrtime.bigint() - t) / 1e9
  s.words.forEach((_, i) => {
    words++
    if (parsed.heads[i] !== s.heads[i]) return
    uas++
    if (parsed.labels[i]?.split(':')[0] === s.labels[i]?.split(':')[0]) las++
  })
}
void t0
const save = (model: LinearModel, path: string): void => writeFileSync(path, gzipSync(model.serialize(), { level: 9 }))
save(actionModel, PARSER_ACTIONS_PATH)
save(labelModel, PARSER_LABELS_PATH)
console.log(`features: actions ${actionModel.size}, labels ${labelModel.size}; parse speed ${Math.round(words / parseSeconds)} words/s`)
console.log(
  `dev UAS ${((100 * uas) / words).toFixed(2)}% LAS ${((100 * las) / words).toFixed(2)}% (predicted tags, gold words) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
