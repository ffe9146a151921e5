// The UPOS tagger's training recipe, shared by scripts/train-pos.ts (the committed tagger) and
// the parser's jackknifed training tags (scripts/train-parser.ts): tag dictionary, a first
// greedy pass, and a second pass trained on jackknifed first-pass tags to the right.
import { normWord } from '../src/models/features.js'
import { FeatureBuffer, LinearModel, PerceptronTrainer } from '../src/models/perceptron.js'
import { createPosTagger, fixedClass, hashPosSentence, type PosMargins, type PosTagger, posFeatures, type TagDict } from '../src/stages/segment/pos-tagger.js'
import { seededRandom, shuffle, type TaggedSentence } from './conll.js'

/** The tagger's training options (the defaults of `npm run train:pos`). */
export interface PosRecipe {
  readonly iterations: number
  /** A word seen this often with one tag this share of the time is tagged from the dictionary. */
  readonly fixedCount: number
  readonly fixedShare: number
  /** Folds for the second pass's training tags; 1 trains the first pass alone. */
  readonly folds: number
  /** One model per seed (order of the sentences), weights averaged. */
  readonly seeds: readonly number[]
  /** How sure (score lead) the word alone, or the first pass, must be to spare the scoring. */
  readonly margins: PosMargins
}

export const POS_RECIPE: PosRecipe = {
  iterations: 9,
  // 20 times, 99%: safe across domains — a lower bar fixes "resume" as a noun, as in EWT's e-mails
  fixedCount: 20,
  fixedShare: 0.99,
  folds: 4,
  seeds: [7],
  margins: { word: 150_000, second: 25_000 },
}

/** A trained tagger's parts, as `npm run train:pos` writes them. */
export interface TrainedPos {
  readonly tagdict: TagDict
  readonly first: LinearModel
  readonly second: LinearModel | undefined
  readonly tagger: PosTagger
}

/** The tag dictionary of a training set: fixed tags of frequent one-tag words, ambiguity classes. */
export function buildTagDict(train: readonly TaggedSentence[], recipe: PosRecipe): TagDict {
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
    if (total >= recipe.fixedCount && n / total >= recipe.fixedShare) tagdict.fixed[w] = tag
    // a word seen once says little about its classes; it is left to affixes and shape
    if (total >= 2)
      tagdict.classes[w] = sorted
        .filter(([, k]) => k / total >= 0.05)
        .map(([t]) => t)
        .sort()
        .join('|')
  }
  return tagdict
}

/**
 * Trains the tagger on tagged sentences: the first pass on all of them, then (folds > 1) the
 * second pass on first-pass tags as they will be at run time, each fold tagged by a first pass
 * trained without it. `log` receives each iteration's training accuracy.
 */
export function trainPos(train: readonly TaggedSentence[], recipe: PosRecipe = POS_RECIPE, log: (line: string) => void = () => {}): TrainedPos {
  const tagdict = buildTagDict(train, recipe)
  const classes = [...new Set(train.flatMap((s) => s.tags))].sort()
  const index = new Map(classes.map((c, i) => [c, i]))
  const buffer = new FeatureBuffer()

  const trainOnce = (sentences: readonly TaggedSentence[], seed: number, right?: Map<TaggedSentence, Uint8Array>): LinearModel => {
    const trainer = new PerceptronTrainer(classes)
    const scores = new Float64Array(classes.length)
    const random = seededRandom(seed)
    for (let it = 0; it < recipe.iterations; it++) {
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
      log(`${right ? 'second' : 'first'} pass, iteration ${it + 1}: train accuracy ${((100 * ok) / seen).toFixed(2)}%`)
    }
    return trainer.average()
  }

  // one model per seed, each on its own order of the sentences, weights averaged: less tied to one order
  const trainPass = (sentences: readonly TaggedSentence[], right?: Map<TaggedSentence, Uint8Array>): LinearModel => {
    const models = recipe.seeds.map((seed) => trainOnce(sentences, seed, right))
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

  const first = trainPass(train)
  let second: LinearModel | undefined
  if (recipe.folds > 1) {
    const tags = foldTags(train, recipe.folds, (rest) => createPosTagger(trainPass(rest), tagdict))
    const right = new Map(train.map((s, i) => [s, Uint8Array.from(tags[i] as string[], (t) => (index.get(t) as number) + 1)]))
    second = trainPass(train, right)
  }
  return { tagdict, first, second, tagger: createPosTagger(first, tagdict, second, recipe.margins) }
}

/**
 * Jackknifed tags for training the parser: the training set is cut into k folds, a tagger
 * (the whole recipe above) is trained on k-1 of them and tags the one it has not seen, so the
 * parser learns from tags as wrong as the ones it will get at run time (a tagger tags its own
 * training data almost perfectly). Sentence i is in fold i mod k.
 */
export function jackknifeTags(train: readonly TaggedSentence[], folds: number, recipe: PosRecipe = POS_RECIPE): string[][] {
  return foldTags(train, folds, (rest) => trainPos(rest, recipe).tagger)
}

/** Each sentence tagged by a tagger made without its fold (sentence i is in fold i mod k). */
function foldTags(train: readonly TaggedSentence[], folds: number, taggerWithout: (rest: TaggedSentence[]) => PosTagger): string[][] {
  const out: string[][] = new Array(train.length)
  for (let k = 0; k < folds; k++) {
    const tagger = taggerWithout(train.filter((_, i) => i % folds !== k))
    for (let i = k; i < train.length; i += folds) out[i] = tagger.tag((train[i] as TaggedSentence).words)
  }
  return out
}
