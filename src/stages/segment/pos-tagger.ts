import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normWord, shape } from '../../models/features.js'
import { FeatureBuffer, LinearModel } from '../../models/perceptron.js'

/** Where the trained tagger lives (made by scripts/train-pos.ts, see MODELS.md). */
export const POS_MODEL_PATH = fileURLToPath(new URL('../../../models/pos-ewt.model.gz', import.meta.url))
export const POS_TAGDICT_PATH = fileURLToPath(new URL('../../../models/pos-ewt.tagdict.json', import.meta.url))

/**
 * What training saw of words: `fixed` holds frequent words with one tag only (tagged
 * without scoring: faster, as accurate); `classes` the tags each known word took at least
 * 5% of the time ("ambiguity classes": "NOUN|VERB" for "attack"), a feature of the word and
 * of its neighbours.
 */
export interface TagDict {
  readonly fixed: Record<string, string>
  readonly classes: Record<string, string>
}

const START = ['-START-', '-START2-'] as const

/**
 * The features of token i for the greedy tagger, hashed into `out`: the word, its affixes
 * and shape, its neighbours and their ambiguity classes, and the two tags already given
 * to its left. Each line's number is its template; a new template takes a new number.
 */
export function posFeatures(
  out: FeatureBuffer,
  words: readonly string[],
  norms: readonly string[],
  i: number,
  prev: string,
  prev2: string,
  dict: TagDict,
): FeatureBuffer {
  const amb = (k: number): string => (k < 0 ? 'S' : k >= words.length ? 'E' : (dict.classes[norms[k] as string] ?? '?'))
  const w = words[i] as string
  const n = norms[i] as string
  const p1 = i > 0 ? (norms[i - 1] as string) : START[0]
  const p2 = i > 1 ? (norms[i - 2] as string) : START[1]
  const n1 = i + 1 < words.length ? (norms[i + 1] as string) : '-END-'
  const n2 = i + 2 < words.length ? (norms[i + 2] as string) : '-END2-'
  const a0 = amb(i)
  const a1 = amb(i + 1)
  out.reset()
  out.add(0, '')
  out.add(1, n)
  out.add(2, n.slice(-4))
  out.add(3, n.slice(-3))
  out.add(4, a0)
  out.add(5, a1)
  out.add(6, amb(i + 2))
  out.add(7, amb(i - 1))
  out.add(8, prev, a0)
  out.add(9, a0, a1)
  out.add(10, n.slice(-2))
  out.add(11, n.slice(-1))
  out.add(12, n.slice(0, 1))
  out.add(13, n.slice(0, 2))
  out.add(14, n.slice(0, 3))
  out.add(15, shape(w))
  out.add(16, prev)
  out.add(17, prev2)
  out.add(18, prev, prev2)
  out.add(19, prev, n)
  out.add(20, p1)
  out.add(21, p1.slice(-3))
  out.add(22, p2)
  out.add(23, n1)
  out.add(24, n1.slice(-3))
  out.add(25, n2)
  out.add(26, n, n1)
  out.add(27, p1, n)
  if (i === 0) out.add(28, n)
  out.add(29, prev, n.slice(-3))
  out.add(30, prev, n1)
  out.add(31, p1, n1)
  out.add(32, w)
  return out
}

/** A trained greedy UPOS tagger. */
export interface PosTagger {
  tag(words: readonly string[]): string[]
}

/** Builds a tagger from a model and its tag dictionary. */
export function createPosTagger(model: LinearModel, tagdict: TagDict): PosTagger {
  const scores = new Float64Array(model.classes.length)
  const features = new FeatureBuffer()
  return {
    tag(words) {
      const norms = words.map(normWord)
      const tags: string[] = []
      let prev = START[0] as string
      let prev2 = START[1] as string
      for (let i = 0; i < words.length; i++) {
        const known = tagdict.fixed[norms[i] as string]
        const tag = known ?? (model.classes[model.predict(posFeatures(features, words, norms, i, prev, prev2, tagdict), scores)] as string)
        tags.push(tag)
        prev2 = prev
        prev = tag
      }
      return tags
    },
  }
}

let loaded: PosTagger | null | undefined

/** The committed tagger, loaded on first use; null when the model file is missing. */
export function defaultPosTagger(): PosTagger | null {
  if (loaded === undefined) {
    loaded = existsSync(POS_MODEL_PATH)
      ? createPosTagger(LinearModel.load(POS_MODEL_PATH), JSON.parse(readFileSync(POS_TAGDICT_PATH, 'utf8')) as TagDict)
      : null
  }
  return loaded
}
