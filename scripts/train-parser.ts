// Trains the dependency parser (arc-hybrid, averaged perceptron; greedy with the dynamic
// oracle, or a beam trained on whole sequences with --beam) on UD English-EWT, with
// jackknifed predicted UPOS tags (as wrong as at run time) and its own fine tags (UPOS/PTB
// pairs, jackknifed the same way). Deterministic (seeded).
// Usage: npm run train:parser [-- --iterations 10 --jackknife 10 --fine 5 --super 6 --beam 1 --seed 11 --tags-cache PATH --train PATH --dev PATH --limit N]
// Writes models/parser-ewt.{actions,labels,fine,super}.model.gz, prints dev UAS/LAS (and UAS on each half of dev) and the time.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { FeatureBuffer, LinearModel, PerceptronTrainer } from '../src/models/perceptron.js'
import { defaultPosTagger } from '../src/stages/segment/pos-tagger.js'
import {
  ACTIONS,
  beamCandidates,
  Configuration,
  createParser,
  FINE_BASE,
  FineTagger,
  fineFeatures,
  LEFT,
  PARSER_ACTIONS_PATH,
  PARSER_BEAM,
  PARSER_FINE_PATH,
  PARSER_LABELS_PATH,
  PARSER_SUPER_PATH,
  type ParserWord,
  parserWord,
  RIGHT,
  ROOT_LABEL,
  rankCandidates,
  SHIFT,
  SuperTagger,
  superFeatures,
  supertagOf,
  tagIds,
  UPOS,
} from '../src/stages/syntax/transition-parser.js'
import { readConlluTrees, seededRandom, shuffle, type TreeSentence } from './conll.js'
import { jackknifeTags } from './pos-recipe.js'

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
    // 1: greedy, trained on the dynamic oracle; wider: beam search, trained on whole sequences (max-violation)
    beam: { type: 'string', default: String(PARSER_BEAM) },
    'tags-cache': { type: 'string' },
    seed: { type: 'string', default: '11' },
    // the parser's finer tags (UPOS/PTB pairs, jackknifed like the UPOS): iterations of their model, 0 for none
    fine: { type: 'string', default: '5' },
    // the supertagger's iterations (relation and head direction of each word, jackknifed like the fine tags), 0 for none;
    // 0 by default: the committed parser has none (MODELS.md, issue #5: 6 gains 0.3-0.7 UAS but costs a third of the speed)
    super: { type: 'string', default: '0' },
    // the supertag model keeps the features with a weight of at least this fraction of its largest (its size is its speed)
    'super-prune': { type: 'string', default: '0.05' },
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
  words: ParserWord[]
  upos: Int32Array
  fine: ArrayLike<number>
  supertags: Int32Array | undefined
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
// a cache from another training set (or --limit) would misalign the tags with the words
if (trainTags.length !== train.length || train.some((s, k) => trainTags[k]?.length !== s.words.length))
  throw new Error(`the training tags (${tagsCache ?? 'computed'}) do not match the training sentences: delete the tags cache`)

// the parser's finer tags: a pair "UPOS/XPOS" for each word, chosen among the pairs of its
// predicted UPOS; the training set's come from models that did not see the sentence (the
// same folds as the UPOS), so the parser learns how far to trust them
const fineIterations = Number(values.fine)
const pairCounts = new Map<string, number>()
for (const s of train)
  s.tags.forEach((t, i) => {
    const pair = `${t}/${s.xpos[i]}`
    pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1)
  })
const fineClasses = [...pairCounts].filter(([, c]) => c >= 3).map(([pair]) => pair)
fineClasses.sort()
const fineIndex = new Map(fineClasses.map((c, i) => [c, i]))
const lexical = train.map((s) => s.words.map(parserWord))
const trainUpos = trainTags.map((t) => Int32Array.from(t, (x) => ids.get(x) ?? 0))
const trainFine = (indices: readonly number[]): LinearModel => {
  const trainer = new PerceptronTrainer(fineClasses)
  const fineTagger = new FineTagger(trainer.model)
  const buffer = new FeatureBuffer()
  const scores = new Float64Array(fineClasses.length)
  const shuffled = [...indices]
  const order = seededRandom(5)
  for (let it = 0; it < fineIterations; it++) {
    for (const k of shuffle(shuffled, order)) {
      const s = train[k] as TreeSentence
      const words = lexical[k] as ParserWord[]
      const upos = trainUpos[k] as Int32Array
      for (let i = 0; i < words.length; i++) {
        const truth = fineIndex.get(`${trainTags[k]?.[i]}/${s.xpos[i]}`)
        if (truth === undefined) continue
        const allowed = fineTagger.allowedFor(upos[i] as number)
        if (allowed.reduce((a, b) => a + b, 0) < 2) continue
        const feats = fineFeatures(buffer, words, upos, i)
        trainer.update(feats, truth, trainer.model.predict(feats, scores, allowed))
      }
    }
  }
  return trainer.average()
}
let fineModel: LinearModel | undefined
const trainFineTags: ArrayLike<number>[] = trainUpos.slice()
if (fineIterations > 0) {
  const all = train.map((_, k) => k)
  const fineFolds = Math.max(2, folds)
  for (let f = 0; f < fineFolds; f++) {
    const fineTagger = new FineTagger(trainFine(all.filter((k) => k % fineFolds !== f)))
    for (let k = f; k < train.length; k += fineFolds)
      trainFineTags[k] = fineTagger.tag(lexical[k] as ParserWord[], trainUpos[k] as Int32Array, new Int32Array(train[k]?.words.length ?? 0))
  }
  fineModel = trainFine(all)
  let right = 0
  let total = 0
  train.forEach((s, k) => {
    s.xpos.forEach((x, i) => {
      const id = (trainFineTags[k] as ArrayLike<number>)[i] as number
      total++
      if (fineClasses[id - FINE_BASE]?.endsWith(`/${x}`)) right++
    })
  })
  console.log(
    `fine tags: ${fineClasses.length} classes, ${fineFolds}-fold jackknife, XPOS ${((100 * right) / total).toFixed(2)}% on train, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
}

// the supertags (relation and head direction of each word): a left-to-right perceptron over
// the words, UPOS and fine tags around each word, jackknifed on the same folds
const superIterations = Number(values.super)
const SUPER_MIN_COUNT = 500
const superCounts = new Map<string, number>()
const fullSupertags = train.map((s) => s.labels.map((l, i) => supertagOf(l, i, s.heads[i] as number)))
for (const tags of fullSupertags) for (const t of tags) superCounts.set(t, (superCounts.get(t) ?? 0) + 1)
// the rare ones (1% of the words, 25 of the 62 pairs) share a class by side: each class costs every word a weight
const goldSupertags = fullSupertags.map((tags) => tags.map((t) => ((superCounts.get(t) ?? 0) >= SUPER_MIN_COUNT ? t : `other${t.slice(t.indexOf('/'))}`)))
const superClasses = [...new Set(goldSupertags.flat())].sort()
const superIndex = new Map(superClasses.map((c, i) => [c, i]))
/** The model without the features whose weights are all under `fraction` of its largest weight. */
const pruneRows = (model: LinearModel, fraction: number): LinearModel => {
  const n = model.classes.length
  const row = new Float32Array(n)
  let max = 0
  for (const [, r] of model.entries()) {
    model.copyRow(r, row, 0)
    for (const v of row) max = Math.max(max, Math.abs(v))
  }
  const kept = new LinearModel(model.classes)
  for (const [key, r] of model.entries()) {
    model.copyRow(r, row, 0)
    if (!row.some((v) => Math.abs(v) >= fraction * max)) continue
    const at = kept.ensureRow(key) * n
    kept.matrix.set(row, at)
  }
  return kept
}
const trainSuper = (indices: readonly number[]): LinearModel => {
  const trainer = new PerceptronTrainer(superClasses)
  const buffer = new FeatureBuffer()
  const scores = new Float64Array(superClasses.length)
  const before = new Int32Array(Math.max(...train.map((s) => s.words.length)))
  const shuffled = [...indices]
  const order = seededRandom(7)
  for (let it = 0; it < superIterations; it++) {
    for (const k of shuffle(shuffled, order)) {
      const words = lexical[k] as ParserWord[]
      const truths = goldSupertags[k] as string[]
      for (let i = 0; i < words.length; i++) {
        const feats = superFeatures(buffer, words, trainUpos[k] as Int32Array, trainFineTags[k] as ArrayLike<number>, before, i)
        const guess = trainer.model.predict(feats, scores)
        trainer.update(feats, superIndex.get(truths[i] as string) as number, guess)
        // the tags before are the model's own, as when tagging
        before[i] = guess + 1
      }
    }
  }
  // the folds' models pruned as the final one, so the parser trains on supertags as good as at run time
  return pruneRows(trainer.average(), Number(values['super-prune']))
}
let superModel: LinearModel | undefined
const trainSupertags: (Int32Array | undefined)[] = train.map(() => undefined)
if (superIterations > 0) {
  const all = train.map((_, k) => k)
  const superFolds = Math.max(2, folds)
  for (let f = 0; f < superFolds; f++) {
    const supertagger = new SuperTagger(trainSuper(all.filter((k) => k % superFolds !== f)))
    for (let k = f; k < train.length; k += superFolds)
      trainSupertags[k] = supertagger.tag(
        lexical[k] as ParserWord[],
        trainUpos[k] as Int32Array,
        trainFineTags[k] as ArrayLike<number>,
        new Int32Array(train[k]?.words.length ?? 0),
      )
  }
  superModel = trainSuper(all)
  let right = 0
  let total = 0
  goldSupertags.forEach((tags, k) => {
    tags.forEach((t, i) => {
      total++
      if (superClasses[((trainSupertags[k] as Int32Array)[i] as number) - 1] === t) right++
    })
  })
  console.log(
    `supertags: ${superClasses.length} classes, ${superFolds}-fold jackknife, ${((100 * right) / total).toFixed(2)}% right on train, ${superModel.size} features kept, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
}
const prepare = (s: TreeSentence, k: number): Prepared => {
  const n = s.words.length
  const gold = Int32Array.from(s.heads, (h) => (h < 0 ? n : h))
  const children: number[][] = Array.from({ length: n + 1 }, () => [])
  gold.forEach((h, d) => {
    children[h]?.push(d)
  })
  return {
    words: lexical[k] as ParserWord[],
    upos: trainUpos[k] as Int32Array,
    fine: trainFineTags[k] as ArrayLike<number>,
    supertags: trainSupertags[k],
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
const random = seededRandom(Number(values.seed))

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

// Beam training (Collins and Roark 2004; Huang, Fayong and Guo 2012, max-violation): the
// beam's best sequence and the oracle's sequence are followed to the end; where the best
// outscores the oracle by most while the oracle has fallen out of the beam, the weights
// move toward the oracle's actions and away from the best's, along both sequences.
// The oracle's sequence takes the cheapest action at each step, arcs before SHIFT.
interface Step {
  readonly parent: Step | null
  readonly action: number
  readonly label: number
  readonly gold: boolean
}
const width = Math.max(1, Number(values.beam))
let states = Array.from({ length: width }, () => new Configuration())
let next = Array.from({ length: width }, () => new Configuration())
let paths: Step[] = new Array(width)
let nextPaths: Step[] = new Array(width)
let scores = new Float64Array(width)
let nextScores = new Float64Array(width)
const beamOut = beamCandidates(width)
const { parent: parentOf, move: moveOf, total: totalOf, order } = beamOut
const replayGold = new Configuration()
const replayBest = new Configuration()
const goldActions: number[] = []
const goldLabelsSeen: number[] = []
const beamSentence = (p: Prepared): boolean => {
  const n = p.words.length
  config.reset(p.words, p.upos, rootTag, p.fine, p.supertags)
  inStack.fill(0, 0, n + 1)
  ;(states[0] as Configuration).copyFrom(config)
  const root: Step = { parent: null, action: -1, label: -1, gold: true }
  paths[0] = root
  scores[0] = 0
  let size = 1
  let goldScore = 0
  let worst = 0
  let worstStep: Step | null = null
  let worstLength = 0
  goldActions.length = 0
  goldLabelsSeen.length = 0
  for (let t = 0; !config.done; t++) {
    // the oracle's step
    let min = Number.POSITIVE_INFINITY
    for (let a = 0; a < 3; a++) {
      costs[a] = actionCost(p, a)
      min = Math.min(min, costs[a] as number)
    }
    const gold = costs[LEFT] === min ? LEFT : costs[RIGHT] === min ? RIGHT : SHIFT
    actionTrainer.model.score(config.actionFeatures(features), actionScores)
    goldScore += actionScores[gold] as number
    let goldLabel = 0
    if (gold !== SHIFT) {
      const [h, d] = config.arcOf(gold)
      if (h === n) goldLabel = rootLabel
      else {
        const lf = config.labelFeatures(features, h, d)
        const guess = labelTrainer.model.predict(lf, labelScores, allowedLabels)
        goldLabel = p.gold[d] === h ? (p.goldLabels[d] as number) : guess
        if (p.gold[d] === h) labelTrainer.update(lf, goldLabel, guess)
      }
      inStack[d] = 0
    } else inStack[config.b] = 1
    config.apply(gold, goldLabel)
    goldActions.push(gold)
    goldLabelsSeen.push(goldLabel)
    // the beam's step
    const candidates = rankCandidates(states, size, scores, (c) => actionTrainer.model.score(c.actionFeatures(features), actionScores), beamOut)
    size = Math.min(width, candidates)
    let goldKept = false
    for (let j = 0; j < size; j++) {
      const k = order[j] as number
      const from = paths[parentOf[k] as number] as Step
      const action = moveOf[k] as number
      const c = next[j] as Configuration
      c.copyFrom(states[parentOf[k] as number] as Configuration)
      let label = 0
      if (action !== SHIFT) {
        const [h, d] = c.arcOf(action)
        label = h === n ? rootLabel : labelTrainer.model.predict(c.labelFeatures(features, h, d), labelScores, allowedLabels)
      }
      c.apply(action, label)
      const isGold = from.gold && action === gold
      goldKept ||= isGold
      nextPaths[j] = { parent: from, action, label, gold: isGold }
      nextScores[j] = totalOf[k] as number
    }
    ;[states, next] = [next, states]
    ;[scores, nextScores] = [nextScores, scores]
    ;[paths, nextPaths] = [nextPaths, paths]
    const best = paths[0] as Step
    const last = config.done
    if ((!goldKept || (last && !best.gold)) && (scores[0] as number) - goldScore >= worst) {
      worst = (scores[0] as number) - goldScore
      worstStep = best
      worstLength = t + 1
    }
  }
  if (!worstStep) {
    actionTrainer.tick()
    return true
  }
  // replay both sequences to the worst step; identical prefixes cancel and are skipped
  const bestActions: number[] = new Array(worstLength)
  const bestLabels: number[] = new Array(worstLength)
  for (let s: Step | null = worstStep, k = worstLength - 1; s && k >= 0; s = s.parent, k--) {
    bestActions[k] = s.action
    bestLabels[k] = s.label
  }
  replayGold.reset(p.words, p.upos, rootTag, p.fine, p.supertags)
  replayBest.copyFrom(replayGold)
  let same = true
  for (let t = 0; t < worstLength; t++) {
    const ga = goldActions[t] as number
    const ba = bestActions[t] as number
    if (same && ga === ba && goldLabelsSeen[t] === bestLabels[t]) {
      replayGold.apply(ga, goldLabelsSeen[t] as number)
      replayBest.apply(ba, bestLabels[t] as number)
      continue
    }
    same = false
    actionTrainer.adjust(replayGold.actionFeatures(features), ga, 1)
    actionTrainer.adjust(replayBest.actionFeatures(features), ba, -1)
    replayGold.apply(ga, goldLabelsSeen[t] as number)
    replayBest.apply(ba, bestLabels[t] as number)
  }
  actionTrainer.tick()
  return false
}

for (let it = 0; it < Number(values.iterations); it++) {
  let right = 0
  let total = 0
  const explore = it > 0 ? Number(values.explore) : 0
  for (const p of shuffle([...prepared], random)) {
    if (width > 1) {
      if (beamSentence(p)) right++
      total++
      continue
    }
    config.reset(p.words, p.upos, rootTag, p.fine, p.supertags)
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
  if (width > 1)
    console.log(
      `iteration ${it + 1}: beam ${width}, sentences without update ${((100 * right) / total).toFixed(2)}%, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    )
  else console.log(`iteration ${it + 1}: action accuracy ${((100 * right) / total).toFixed(2)}%, ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
const actionModel = actionTrainer.average()
const labelModel = labelTrainer.average()

// dev figures with predicted tags on gold words (the scorer adds sitrep's tokenization)
const parser = createParser(actionModel, labelModel, width, fineModel, superModel)
let words = 0
let uas = 0
let las = 0
let parseSeconds = 0
// the two halves of dev (even and odd sentences): choose on one, check on the other
const halfWords = [0, 0]
const halfUas = [0, 0]
dev.forEach((s, k) => {
  const tags = tagger.tag(s.words)
  const t = process.hrtime.bigint()
  const parsed = parser.parse(s.words, tags)
  parseSeconds += Number(process.hrtime.bigint() - t) / 1e9
  s.words.forEach((_, i) => {
    words++
    halfWords[k % 2] = (halfWords[k % 2] as number) + 1
    if (parsed.heads[i] !== s.heads[i]) return
    uas++
    halfUas[k % 2] = (halfUas[k % 2] as number) + 1
    if (parsed.labels[i]?.split(':')[0] === s.labels[i]?.split(':')[0]) las++
  })
})
const save = (model: LinearModel, path: string): void => writeFileSync(path, gzipSync(model.serialize(), { level: 9 }))
save(actionModel, PARSER_ACTIONS_PATH)
save(labelModel, PARSER_LABELS_PATH)
if (fineModel) save(fineModel, PARSER_FINE_PATH)
else if (existsSync(PARSER_FINE_PATH)) unlinkSync(PARSER_FINE_PATH)
if (superModel) save(superModel, PARSER_SUPER_PATH)
else if (existsSync(PARSER_SUPER_PATH)) unlinkSync(PARSER_SUPER_PATH)
if (width !== PARSER_BEAM) console.log(`note: trained for a beam of ${width}; the committed parser decodes with PARSER_BEAM = ${PARSER_BEAM}`)
console.log(`features: actions ${actionModel.size}, labels ${labelModel.size}; parse speed ${Math.round(words / parseSeconds)} words/s`)
const half = (k: number): string => ((100 * (halfUas[k] as number)) / (halfWords[k] as number)).toFixed(2)
console.log(`dev UAS by half: even sentences ${half(0)}%, odd ${half(1)}%`)
console.log(
  `dev UAS ${((100 * uas) / words).toFixed(2)}% LAS ${((100 * las) / words).toFixed(2)}% (predicted tags, gold words) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
