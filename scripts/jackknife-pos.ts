// Jackknifed UPOS tags for training the parser: the training set is cut into k folds, a
// tagger is trained on k-1 of them and tags the one it has not seen, so the parser learns
// from tags as wrong as the ones it will get at run time (a tagger tags its own training
// data almost perfectly). The recipe mirrors scripts/train-pos.ts (tag dictionary, features,
// iterations); keep the two in step when the tagger changes.
import { normWord } from '../src/models/features.js'
import { FeatureBuffer, PerceptronTrainer } from '../src/models/perceptron.js'
import { createPosTagger, hashPosSentence, type PosTagger, posFeatures, type TagDict } from '../src/stages/segment/pos-tagger.js'
import { seededRandom, shuffle, type TaggedSentence } from './conll.js'

/** The tagger's training options, as in scripts/train-pos.ts. */
export interface PosRecipe {
  readonly iterations: number
  readonly fixedCount: number
  readonly fixedShare: number
}

/** The defaults of scripts/train-pos.ts. */
export const POS_RECIPE: PosRecipe = { iterations: 8, fixedCount: 20, fixedShare: 0.99 }

/** The tag dictionary of a training set: fixed tags of frequent one-tag words, ambiguity classes. */
function buildTagDict(train: readonly TaggedSentence[], recipe: PosRecipe): TagDict {
  const counts = new Map<string, Map<string, number>>()
  for (const s of train) {
    s.words.forEach((w, i) => {
      const n = normWord(w)
      const m = counts.get(n) ?? new Map<string, number>()
      m.set(s.tags[i] as string, (m.get(s.tags[i] as string) ?? 0) + 1)
      counts.set(n, m)
    })
  }
  const fixed: Record<string, string> = {}
  const classes: Record<string, string> = {}
  for (const [w, m] of counts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0)
    const sorted = [...m].sort((a, b) => b[1] - a[1])
    const [tag, n] = sorted[0] as [string, number]
    if (total >= recipe.fixedCount && n / total >= recipe.fixedShare) fixed[w] = tag
    if (total >= 2)
      classes[w] = sorted
        .filter(([, k]) => k / total >= 0.05)
        .map(([t]) => t)
        .sort()
        .join('|')
  }
  return { fixed, classes }
}

/** Trains a greedy UPOS tagger on tagged sentences (the recipe of scripts/train-pos.ts). */
export function trainPosTagger(train: readonly TaggedSentence[], recipe: PosRecipe = POS_RECIPE, seed = 7): PosTagger {
  const tagdict = buildTagDict(train, recipe)
  const classes = [...new Set(train.flatMap((s) => s.tags))].sort()
  const index = new Map(classes.map((c, i) => [c, i]))
  const trainer = new PerceptronTrainer(classes)
  const scores = new Float64Array(classes.length)
  const buffer = new FeatureBuffer()
  const random = seededRandom(seed)
  for (let it = 0; it < recipe.iterations; it++) {
    for (const s of shuffle([...train], random)) {
      const norms = s.words.map(normWord)
      const hashed = hashPosSentence(s.words, norms, tagdict)
      let prev = 0
      let prev2 = 0
      s.words.forEach((_, i) => {
        const fixed = Object.hasOwn(tagdict.fixed, norms[i] as string) ? tagdict.fixed[norms[i] as string] : undefined
        let g: number
        if (fixed !== undefined) g = index.get(fixed) as number
        else {
          const feats = posFeatures(buffer, hashed, i, prev, prev2)
          g = trainer.model.predict(feats, scores)
          trainer.update(feats, index.get(s.tags[i] as string) as number, g)
        }
        prev2 = prev
        prev = g + 1
      })
    }
  }
  return createPosTagger(trainer.average(), tagdict)
}

/** Each sentence's tags from a tagger trained on the other folds (sentence i is in fold i mod k). */
export function jackknifeTags(train: readonly TaggedSentence[], folds: number, recipe: PosRecipe = POS_RECIPE): string[][] {
  const out: string[][] = new Array(train.length)
  for (let k = 0; k < folds; k++) {
    const tagger = trainPosTagger(
      train.filter((_, i) => i % folds !== k),
      recipe,
    )
    for (let i = k; i < train.length; i += folds) out[i] = tagger.tag((train[i] as TaggedSentence).words)
  }
  return out
}
