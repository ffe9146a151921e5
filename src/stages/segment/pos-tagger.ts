import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { memoize, normWord, shape } from '../../models/features.js'
import { FeatureBuffer, LinearModel, valueHash, WordScoreCache } from '../../models/perceptron.js'

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

/** The value hashes of a sentence's words, computed once and shared by all templates. */
export interface PosSentence {
  readonly norm: Uint32Array
  readonly cased: Uint32Array
  readonly shape: Uint32Array
  readonly suffixes: Uint32Array[]
  readonly prefixes: Uint32Array[]
  readonly amb: Uint32Array
  readonly length: number
}

const H_START = valueHash('-START-')
const H_START2 = valueHash('-START2-')
const H_END = valueHash('-END-')
const H_END2 = valueHash('-END2-')
const H_AMB_START = valueHash('S')
const H_AMB_END = valueHash('E')
const H_AMB_UNKNOWN = valueHash('?')

/** One word's value hashes: norm, cased, shape, suffixes 1-4, prefixes 1-3, ambiguity class. */
type WordHashes = Uint32Array

// the hashes of a word depend on the word (and the dictionary's classes) alone: computed
// once per distinct word and dictionary
const wordHashers = new WeakMap<TagDict, (w: string) => WordHashes>()

function wordHashes(w: string, dict: TagDict): WordHashes {
  let hasher = wordHashers.get(dict)
  if (!hasher) {
    hasher = memoize((word: string): WordHashes => {
      const nw = normWord(word)
      // own keys only: a ship named "Constructor" would otherwise read Object's "constructor"
      const cls = Object.hasOwn(dict.classes, nw) ? dict.classes[nw] : undefined
      return Uint32Array.of(
        valueHash(nw),
        valueHash(word),
        valueHash(shape(word)),
        valueHash(nw.slice(-1)),
        valueHash(nw.slice(-2)),
        valueHash(nw.slice(-3)),
        valueHash(nw.slice(-4)),
        valueHash(nw.slice(0, 1)),
        valueHash(nw.slice(0, 2)),
        valueHash(nw.slice(0, 3)),
        cls === undefined ? H_AMB_UNKNOWN : valueHash(cls),
      )
    })
    wordHashers.set(dict, hasher)
  }
  return hasher(w)
}

/** Hashes the words of a sentence for `posFeatures`. */
export function hashPosSentence(words: readonly string[], _norms: readonly string[], dict: TagDict): PosSentence {
  const n = words.length
  const arr = (): Uint32Array => new Uint32Array(n)
  const s: PosSentence = {
    norm: arr(),
    cased: arr(),
    shape: arr(),
    suffixes: [arr(), arr(), arr(), arr()],
    prefixes: [arr(), arr(), arr()],
    amb: arr(),
    length: n,
  }
  for (let i = 0; i < n; i++) {
    const h = wordHashes(words[i] as string, dict)
    s.norm[i] = h[0] as number
    s.cased[i] = h[1] as number
    s.shape[i] = h[2] as number
    for (let k = 0; k < 4; k++) (s.suffixes[k] as Uint32Array)[i] = h[3 + k] as number
    for (let k = 0; k < 3; k++) (s.prefixes[k] as Uint32Array)[i] = h[7 + k] as number
    s.amb[i] = h[10] as number
  }
  return s
}

/**
 * The features of token i for the greedy tagger, hashed into `out`: the word, its affixes
 * and shape, its neighbours and their ambiguity classes, and the two tags already given
 * to its left (as class numbers + 1; 0 before the sentence). Each line's number is its
 * template; a new template takes a new number.
 */
export function posFeatures(out: FeatureBuffer, s: PosSentence, i: number, prev: number, prev2: number): FeatureBuffer {
  out.reset()
  posWordFeatures(out, s, i)
  return posContextFeatures(out, s, i, prev, prev2)
}

/** The features of token i that depend on its word alone (cached per word at run time). */
export function posWordFeatures(out: FeatureBuffer, s: PosSentence, i: number): FeatureBuffer {
  const suffix = (len: number): number => (s.suffixes[len - 1] as Uint32Array)[i] as number
  out.addHashed(0, 0)
  out.addHashed(1, s.norm[i] as number)
  out.addHashed(2, suffix(4))
  out.addHashed(3, suffix(3))
  out.addHashed(4, s.amb[i] as number)
  out.addHashed(10, suffix(2))
  out.addHashed(11, suffix(1))
  out.addHashed(12, (s.prefixes[0] as Uint32Array)[i] as number)
  out.addHashed(13, (s.prefixes[1] as Uint32Array)[i] as number)
  out.addHashed(14, (s.prefixes[2] as Uint32Array)[i] as number)
  out.addHashed(15, s.shape[i] as number)
  out.addHashed(32, s.cased[i] as number)
  return out
}

/** The features of token i that depend on its neighbours and the tags to its left. */
export function posContextFeatures(out: FeatureBuffer, s: PosSentence, i: number, prev: number, prev2: number): FeatureBuffer {
  const n = s.norm[i] as number
  const p1 = i > 0 ? (s.norm[i - 1] as number) : H_START
  const p2 = i > 1 ? (s.norm[i - 2] as number) : H_START2
  const n1 = i + 1 < s.length ? (s.norm[i + 1] as number) : H_END
  const n2 = i + 2 < s.length ? (s.norm[i + 2] as number) : H_END2
  const amb = (k: number): number => (k < 0 ? H_AMB_START : k >= s.length ? H_AMB_END : (s.amb[k] as number))
  const s3 = (k: number): number => (s.suffixes[2] as Uint32Array)[k] as number
  const a0 = amb(i)
  const a1 = amb(i + 1)
  out.addHashed(5, a1)
  out.addHashed(6, amb(i + 2))
  out.addHashed(7, amb(i - 1))
  out.addHashed(8, prev, a0)
  out.addHashed(9, a0, a1)
  out.addHashed(16, prev)
  out.addHashed(17, prev2)
  out.addHashed(18, prev, prev2)
  out.addHashed(19, prev, n)
  out.addHashed(20, p1)
  out.addHashed(21, i > 0 ? s3(i - 1) : H_START)
  out.addHashed(22, p2)
  out.addHashed(23, n1)
  out.addHashed(24, i + 1 < s.length ? s3(i + 1) : H_END)
  out.addHashed(25, n2)
  out.addHashed(26, n, n1)
  out.addHashed(27, p1, n)
  if (i === 0) out.addHashed(28, n)
  out.addHashed(29, prev, s3(i))
  out.addHashed(30, prev, n1)
  out.addHashed(31, p1, n1)
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
  const classIndex = new Map(model.classes.map((c, i) => [c, i]))
  const cache = new WordScoreCache(model)
  return {
    tag(words) {
      const norms = words.map(normWord)
      const hashed = hashPosSentence(words, norms, tagdict)
      const tags: string[] = []
      let prev = 0
      let prev2 = 0
      for (let i = 0; i < words.length; i++) {
        const known = Object.hasOwn(tagdict.fixed, norms[i] as string) ? tagdict.fixed[norms[i] as string] : undefined
        let c: number
        if (known !== undefined) c = classIndex.get(known) ?? 0
        else {
          const base = cache.get(words[i] as string, features, (out) => {
            out.reset()
            return posWordFeatures(out, hashed, i)
          })
          features.reset()
          c = model.predict(posContextFeatures(features, hashed, i, prev, prev2), scores, undefined, base)
        }
        tags.push(known ?? (model.classes[c] as string))
        prev2 = prev
        prev = c + 1
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
