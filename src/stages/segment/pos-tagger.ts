import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { memoize, normWord, shape } from '../../models/features.js'
import { FeatureBuffer, LinearModel, valueHash } from '../../models/perceptron.js'
import { defaultWordClusters } from '../../models/word-clusters.js'

/** Where the trained tagger lives (made by scripts/train-pos.ts, see MODELS.md). */
export const POS_MODEL_PATH = fileURLToPath(new URL('../../../models/pos-ewt.model.gz', import.meta.url))
/** The second pass's model (right-context tags), optional. */
export const POS_RIGHT_MODEL_PATH = fileURLToPath(new URL('../../../models/pos-ewt.right.model.gz', import.meta.url))
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
  /** How sure the tagger must be to spare work (chosen at training, see `PosMargins`). */
  readonly margins?: PosMargins
}

/**
 * What the tagger knows of one distinct word, computed once: its value hashes (see the
 * `W_` indices) and, per model, the summed weights of its own features (`scores`, filled
 * at run time by the pass that owns the slot, with the best class and its lead after them).
 */
export interface PosWord {
  readonly h: Uint32Array
  readonly scores: (Float64Array | undefined)[]
}

/** A sentence to tag: what the tagger knows of each of its words. */
export interface PosSentence {
  readonly w: readonly PosWord[]
  readonly length: number
}

// the value hashes of a word, by index in PosWord.h
const W_NORM = 0
const W_CASED = 1
const W_SHAPE = 2
/** suffixes of 1-4 letters at W_SUFFIX + length - 1, prefixes of 1-3 at W_PREFIX + length - 1 */
const W_SUFFIX = 3
const W_PREFIX = 7
const W_AMB = 10
/** clusters, finest first (cluster number + 1; 0 when unknown) */
const W_CLUSTER = 11
/** how often the raw text capitalises the word inside a sentence (bin + 2; 0 when unknown) */
const W_CAPITAL = 14
/** the tag the dictionary fixes (class number + 1; 0 for the others) */
const W_FIXED = 15

const H_START = valueHash('-START-')
const H_START2 = valueHash('-START2-')
const H_END = valueHash('-END-')
const H_END2 = valueHash('-END2-')
const H_AMB_START = valueHash('S')
const H_AMB_END = valueHash('E')
const H_AMB_UNKNOWN = valueHash('?')
// the first pass's tag after the sentence's end (tags are class numbers + 1, 0 before its start)
const RIGHT_END = 255

// what the tagger knows of a word depends on the word (and the dictionary) alone: computed
// once per distinct word and dictionary
const wordMemos = new WeakMap<TagDict, (w: string) => PosWord>()
// a word's entry, with its scores, takes about a kilobyte: the words kept are bounded well below
// memoize's default, so a long ingest of real pages (many one-off names and numbers) stays small
const WORD_MEMO_LIMIT = 40_000

function posWord(w: string, dict: TagDict, classes: readonly string[]): PosWord {
  let memo = wordMemos.get(dict)
  if (!memo) {
    const classIndex = new Map(classes.map((c, i) => [c, i]))
    memo = memoize((word: string): PosWord => {
      const nw = normWord(word)
      // own keys only: a ship named "Constructor" would otherwise read Object's "constructor"
      const cls = Object.hasOwn(dict.classes, nw) ? dict.classes[nw] : undefined
      const fixed = Object.hasOwn(dict.fixed, nw) ? classIndex.get(dict.fixed[nw] as string) : undefined
      const cl = defaultWordClusters().get(nw)
      const h = Uint32Array.of(
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
        cl === undefined ? 0 : (cl[0] as number) + 1,
        cl === undefined ? 0 : (cl[1] as number) + 1,
        cl === undefined ? 0 : (cl[2] as number) + 1,
        cl === undefined ? 0 : (cl[3] as number) + 2,
        fixed === undefined ? 0 : fixed + 1,
      )
      return { h, scores: [] }
    }, WORD_MEMO_LIMIT)
    wordMemos.set(dict, memo)
  }
  return memo(w)
}

/** What the tagger knows of a sentence's words, for `posFeatures` (`classes`: the model's, for the fixed tags). */
export function hashPosSentence(words: readonly string[], dict: TagDict, classes: readonly string[]): PosSentence {
  const w: PosWord[] = new Array(words.length)
  for (let i = 0; i < words.length; i++) w[i] = posWord(words[i] as string, dict, classes)
  return { w, length: words.length }
}

/** The class the dictionary fixes for word i (tagged without scoring), or -1. */
export function fixedClass(s: PosSentence, i: number): number {
  return ((s.w[i] as PosWord).h[W_FIXED] as number) - 1
}

/**
 * The features of token i for the greedy tagger, hashed into `out`: the word, its affixes
 * and shape, its neighbours and their ambiguity classes, and the two tags already given
 * to its left (as class numbers + 1; 0 before the sentence). Each line's number is its
 * template; a new template takes a new number.
 */
export function posFeatures(out: FeatureBuffer, s: PosSentence, i: number, prev: number, prev2: number, right?: Uint8Array): FeatureBuffer {
  out.reset()
  posWordFeatures(out, s, i)
  return posContextFeatures(out, s, i, prev, prev2, right)
}

/** The features of token i that depend on its word alone (cached per word at run time). */
export function posWordFeatures(out: FeatureBuffer, s: PosSentence, i: number): FeatureBuffer {
  const h = (s.w[i] as PosWord).h
  out.addHashed(0, 0)
  out.addHashed(1, h[W_NORM] as number)
  out.addHashed(2, h[W_SUFFIX + 3] as number)
  out.addHashed(3, h[W_SUFFIX + 2] as number)
  out.addHashed(4, h[W_AMB] as number)
  out.addHashed(10, h[W_SUFFIX + 1] as number)
  out.addHashed(11, h[W_SUFFIX] as number)
  out.addHashed(12, h[W_PREFIX] as number)
  out.addHashed(13, h[W_PREFIX + 1] as number)
  out.addHashed(14, h[W_PREFIX + 2] as number)
  out.addHashed(15, h[W_SHAPE] as number)
  out.addHashed(32, h[W_CASED] as number)
  out.addHashed(33, h[W_CLUSTER] as number)
  out.addHashed(34, h[W_CLUSTER + 1] as number)
  out.addHashed(35, h[W_CLUSTER + 2] as number)
  // how often the raw text capitalises the word inside a sentence, and how it is written here
  out.addHashed(39, h[W_CAPITAL] as number, h[W_CASED] === h[W_NORM] ? 1 : 2)
  return out
}

/** A value hash of word k of the sentence, or `before`/`after` outside it. */
function valueAt(s: PosSentence, k: number, field: number, before: number, after: number): number {
  return k < 0 ? before : k >= s.length ? after : ((s.w[k] as PosWord).h[field] as number)
}

/**
 * The features of token i that depend on its neighbours and the tags to its left; in the
 * second pass (`right`: the first pass's tags, as class numbers + 1), the tags to its right too.
 */
export function posContextFeatures(out: FeatureBuffer, s: PosSentence, i: number, prev: number, prev2: number, right?: Uint8Array): FeatureBuffer {
  const n = (s.w[i] as PosWord).h[W_NORM] as number
  const p1 = valueAt(s, i - 1, W_NORM, H_START, H_END)
  const n1 = valueAt(s, i + 1, W_NORM, H_START, H_END)
  const a0 = (s.w[i] as PosWord).h[W_AMB] as number
  const a1 = valueAt(s, i + 1, W_AMB, H_AMB_START, H_AMB_END)
  out.addHashed(5, a1)
  out.addHashed(6, valueAt(s, i + 2, W_AMB, H_AMB_START, H_AMB_END))
  out.addHashed(7, valueAt(s, i - 1, W_AMB, H_AMB_START, H_AMB_END))
  out.addHashed(8, prev, a0)
  out.addHashed(9, a0, a1)
  out.addHashed(16, prev)
  out.addHashed(17, prev2)
  out.addHashed(18, prev, prev2)
  out.addHashed(19, prev, n)
  out.addHashed(20, p1)
  out.addHashed(21, valueAt(s, i - 1, W_SUFFIX + 2, H_START, H_END))
  out.addHashed(22, valueAt(s, i - 2, W_NORM, H_START2, H_END2))
  out.addHashed(23, n1)
  out.addHashed(24, valueAt(s, i + 1, W_SUFFIX + 2, H_START, H_END))
  out.addHashed(25, valueAt(s, i + 2, W_NORM, H_START2, H_END2))
  out.addHashed(26, n, n1)
  out.addHashed(27, p1, n)
  if (i === 0) out.addHashed(28, n)
  out.addHashed(29, prev, (s.w[i] as PosWord).h[W_SUFFIX + 2] as number)
  out.addHashed(30, prev, n1)
  out.addHashed(31, p1, n1)
  // the neighbours' clusters: "to" before a verb-like word, an unseen name after "in"
  out.addHashed(36, valueAt(s, i + 1, W_CLUSTER, 1 << 20, 1 << 21))
  out.addHashed(37, valueAt(s, i - 1, W_CLUSTER, 1 << 20, 1 << 21))
  out.addHashed(38, prev, valueAt(s, i + 1, W_CLUSTER + 1, 1 << 20, 1 << 21))
  if (right) {
    // "the attack on" / "to attack the": what the first pass made of the words to the right
    const r1 = i + 1 < s.length ? (right[i + 1] as number) : RIGHT_END
    const r2 = i + 2 < s.length ? (right[i + 2] as number) : RIGHT_END
    out.addHashed(40, r1)
    out.addHashed(41, r2)
    out.addHashed(42, r1, r2)
    out.addHashed(43, prev, r1)
    out.addHashed(44, n, r1)
    out.addHashed(45, a0, r1)
    // and of the word itself: stacked, the second pass learns when the first is right
    out.addHashed(46, right[i] as number)
    out.addHashed(47, right[i] as number, r1)
  }
  return out
}

/** A trained greedy UPOS tagger. */
export interface PosTagger {
  tag(words: readonly string[]): string[]
}

/**
 * How sure a pass must be to spare work, in score points (the best class's score minus the
 * runner-up's): `word`, sure from the word's own features alone, the context is not scored;
 * `second`, the first pass that sure, the second pass keeps its tag. Most words are.
 */
export interface PosMargins {
  readonly word: number
  readonly second: number
}

/** Work spared nowhere: every word scored in full by every pass. */
export const NO_MARGINS: PosMargins = { word: Number.POSITIVE_INFINITY, second: Number.POSITIVE_INFINITY }

/** One greedy pass over a sentence: class numbers + 1 into `out`, and how sure it was into `sure`. */
type Pass = (hashed: PosSentence, out: Uint8Array, sure: Float64Array, right?: Uint8Array, rightSure?: Float64Array) => void

/** The best class of `scores` (into `best[0]`) and its lead over the runner-up. */
function lead(scores: Float64Array, best: Int32Array): number {
  let top = 0
  let first = Number.NEGATIVE_INFINITY
  let second = Number.NEGATIVE_INFINITY
  for (let c = 0; c < scores.length; c++) {
    const v = scores[c] as number
    if (v > first) {
      second = first
      first = v
      top = c
    } else if (v > second) second = v
  }
  best[0] = top
  return first - second
}

// each model scoring words gets its own slot in PosWord.scores
let passes = 0

function createPass(model: LinearModel, margins: PosMargins): Pass {
  const n = model.classes.length
  const scores = new Float64Array(n)
  const best = new Int32Array(1)
  const features = new FeatureBuffer()
  const slot = passes++
  return (hashed, out, sure, right, rightSure) => {
    let prev = 0
    let prev2 = 0
    for (let i = 0; i < hashed.length; i++) {
      const word = hashed.w[i] as PosWord
      const fixed = word.h[W_FIXED] as number
      let c: number
      if (fixed > 0) {
        c = fixed - 1
        sure[i] = Number.POSITIVE_INFINITY
      } else if (right && rightSure && (rightSure[i] as number) >= margins.second) {
        c = (right[i] as number) - 1
        sure[i] = rightSure[i] as number
      } else {
        // the word's own features, scored once: the best class and its lead kept after the scores
        let base = word.scores[slot]
        if (!base) {
          features.reset()
          base = new Float64Array(n + 2)
          model.score(posWordFeatures(features, hashed, i), scores)
          base.set(scores)
          base[n + 1] = lead(scores, best)
          base[n] = best[0] as number
          word.scores[slot] = base
        }
        if ((base[n + 1] as number) >= margins.word) {
          c = base[n] as number
          sure[i] = base[n + 1] as number
        } else {
          features.reset()
          sure[i] = lead(model.score(posContextFeatures(features, hashed, i, prev, prev2, right), scores, base), best)
          c = best[0] as number
        }
      }
      out[i] = c + 1
      prev2 = prev
      prev = c + 1
    }
  }
}

/**
 * Builds a tagger from a model and its tag dictionary; with a second model, a second pass
 * re-tags each sentence knowing the first pass's tags to the right of each word.
 */
export function createPosTagger(model: LinearModel, tagdict: TagDict, second?: LinearModel, margins: PosMargins = NO_MARGINS): PosTagger {
  if (second && second.classes.join() !== model.classes.join())
    throw new TypeError('the two passes of the tagger must have the same classes: retrain them together')
  const first = createPass(model, margins)
  const again = second ? createPass(second, margins) : undefined
  let left = new Uint8Array(64)
  let final = new Uint8Array(64)
  let leftSure = new Float64Array(64)
  let finalSure = new Float64Array(64)
  return {
    tag(words) {
      const hashed = hashPosSentence(words, tagdict, model.classes)
      if (left.length < words.length) {
        left = new Uint8Array(words.length * 2)
        final = new Uint8Array(words.length * 2)
        leftSure = new Float64Array(words.length * 2)
        finalSure = new Float64Array(words.length * 2)
      }
      first(hashed, left, leftSure)
      if (again) again(hashed, final, finalSure, left, leftSure)
      const tags = again ? final : left
      const out: string[] = new Array(words.length)
      for (let i = 0; i < words.length; i++) out[i] = model.classes[(tags[i] as number) - 1] as string
      return out
    },
  }
}

let loaded: PosTagger | null | undefined

/** The committed tagger, loaded on first use; null when the model file is missing. */
export function defaultPosTagger(): PosTagger | null {
  if (loaded === undefined) {
    const tagdict = existsSync(POS_TAGDICT_PATH) ? (JSON.parse(readFileSync(POS_TAGDICT_PATH, 'utf8')) as TagDict) : undefined
    loaded =
      tagdict && existsSync(POS_MODEL_PATH)
        ? createPosTagger(
            LinearModel.load(POS_MODEL_PATH),
            tagdict,
            existsSync(POS_RIGHT_MODEL_PATH) ? LinearModel.load(POS_RIGHT_MODEL_PATH) : undefined,
            tagdict.margins,
          )
        : null
  }
  return loaded
}
