import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Span, Token } from '../../core/types.js'
import { normWord, shape } from '../../models/features.js'
import { FeatureBuffer, LinearModel } from '../../models/perceptron.js'
import { reportingVerbs, speechVerbs, stanceVerbs } from './02-speakers.js'

/** Where the trained cue tagger lives (made by scripts/train-quotes.ts, see MODELS.md). */
export const CUE_MODEL_PATH = fileURLToPath(new URL('../../../models/quotes-cue.model.gz', import.meta.url))
/** Where the trained source/content tagger lives (made by scripts/train-quotes.ts). */
export const ROLE_MODEL_PATH = fileURLToPath(new URL('../../../models/quotes-role.model.gz', import.meta.url))

/** Tags of the cue tagger: the words that carry an attribution ("said", "called for", "according to"). */
export const CUE_CLASSES: readonly string[] = ['O', 'B', 'I']
/** Tags of the role tagger, run once per cue: its source and its content. */
export const ROLE_CLASSES: readonly string[] = ['O', 'B-SRC', 'I-SRC', 'B-CON', 'I-CON']

/** One sentence as the taggers see it. */
export interface AttrSentence {
  readonly words: readonly string[]
  readonly pos: readonly string[]
  /** Whether each word stands between quotation marks (a direct quote's words). */
  readonly quoted: readonly boolean[]
}

/** A token range [start, end) inside a sentence. */
export interface TokenRange {
  readonly start: number
  readonly end: number
}

/** One attribution found by the taggers, in sentence token positions. */
export interface Attribution {
  readonly cue: TokenRange
  readonly source: TokenRange | null
  readonly content: TokenRange | null
}

const NONE = '-'

/** The word lists of the stage as a feature: which list, if any, holds the word. */
function lexKind(lower: string): string {
  if (speechVerbs().has(lower)) return 'speech'
  if (reportingVerbs().has(lower)) return 'report'
  if (stanceVerbs().has(lower)) return 'stance'
  return NONE
}

interface Info {
  readonly norms: readonly string[]
  readonly shapes: readonly string[]
  readonly kinds: readonly string[]
}

function info(s: AttrSentence): Info {
  const norms = s.words.map(normWord)
  return { norms, shapes: s.words.map(shape), kinds: norms.map(lexKind) }
}

const at = <T>(xs: readonly T[], i: number, fill: T): T => (i >= 0 && i < xs.length ? (xs[i] as T) : fill)

/**
 * Features of word i for the cue tagger: the word, its suffix, part of speech and list,
 * its neighbours, whether it is quoted, and the tag given to its left. Each line's number
 * is its template.
 */
export function cueFeatures(out: FeatureBuffer, s: AttrSentence, x: Info, i: number, prev: string): FeatureBuffer {
  out.reset()
  const w = x.norms[i] as string
  const p = s.pos[i] as string
  out.add(0, 'bias')
  out.add(1, w)
  out.add(2, p)
  out.add(3, w.slice(-3))
  out.add(4, x.kinds[i] as string)
  out.add(5, x.kinds[i] as string, p)
  out.add(6, prev)
  out.add(7, prev, w)
  out.add(8, at(x.norms, i - 1, NONE))
  out.add(9, at(x.norms, i + 1, NONE))
  out.add(10, at(s.pos, i - 1, NONE), p)
  out.add(11, p, at(s.pos, i + 1, NONE))
  out.add(12, w, at(x.norms, i + 1, NONE))
  out.add(13, at(x.norms, i - 1, NONE), w)
  out.add(14, s.quoted[i] ? 'q' : 'n', x.kinds[i] as string)
  out.add(15, at(x.kinds, i - 1, NONE), at(x.kinds, i + 1, NONE))
  out.add(16, at(x.norms, i + 2, NONE))
  out.add(17, at(s.pos, i + 2, NONE), p)
  out.add(18, x.shapes[i] as string)
  out.add(19, i === 0 ? 'first' : i === s.words.length - 1 ? 'last' : 'mid', p)
  return out
}

/** Distance from a word to the cue, in coarse bins: the model learns "just before", "far after". */
function bin(d: number): string {
  const a = Math.abs(d)
  const b = a <= 3 ? String(a) : a <= 6 ? '4-6' : a <= 12 ? '7-12' : '13+'
  return d < 0 ? `-${b}` : `+${b}`
}

/** Cue words and their context, computed once per cue. */
interface CueView {
  readonly range: TokenRange
  readonly head: string
  readonly kind: string
  /** Index of the first comma before / after the cue in the sentence, or -1. */
  readonly commaBefore: number
  readonly commaAfter: number
  readonly thatAfter: boolean
}

function cueView(s: AttrSentence, x: Info, cue: TokenRange): CueView {
  const head = x.norms.slice(cue.start, cue.end).join(' ')
  const last = x.norms[cue.end - 1] as string
  let commaBefore = -1
  for (let j = cue.start - 1; j >= 0; j--)
    if (s.words[j] === ',') {
      commaBefore = j
      break
    }
  let commaAfter = -1
  for (let j = cue.end; j < s.words.length; j++)
    if (s.words[j] === ',') {
      commaAfter = j
      break
    }
  return { range: cue, head, kind: lexKind(last), commaBefore, commaAfter, thatAfter: x.norms[cue.end] === 'that' }
}

/**
 * Features of word i for the role tagger, relative to one cue: the word and its part of
 * speech with the side and distance of the cue, the cue's words, commas and "that" between
 * them, quoting, and the tag given to its left.
 */
export function roleFeatures(out: FeatureBuffer, s: AttrSentence, x: Info, c: CueView, i: number, prev: string): FeatureBuffer {
  out.reset()
  const w = x.norms[i] as string
  const p = s.pos[i] as string
  const inCue = i >= c.range.start && i < c.range.end
  const d = inCue ? 0 : i < c.range.start ? i - c.range.start : i - c.range.end + 1
  const side = inCue ? 'cue' : d < 0 ? 'L' : 'R'
  const b = bin(d)
  // a comma between the word and the cue: "..., sources said" vs "Lavrov said Moscow, ..."
  const crossesComma = side === 'L' ? c.commaBefore >= i : side === 'R' ? c.commaAfter >= 0 && c.commaAfter <= i : false
  const cross = crossesComma ? 'c' : 'n'
  out.add(0, 'bias', side)
  out.add(1, b)
  out.add(2, b, prev)
  out.add(3, side, prev)
  out.add(4, side, w)
  out.add(5, side, p)
  out.add(6, b, p)
  out.add(7, c.head, side)
  out.add(8, c.kind, side)
  out.add(9, c.kind, b)
  out.add(10, `${side}${cross}`, prev)
  out.add(11, `${side}${cross}`, p)
  out.add(12, c.thatAfter ? 'that' : 'no', side)
  out.add(13, s.quoted[i] ? 'q' : 'n', side)
  out.add(14, prev, p)
  out.add(15, prev, w)
  out.add(16, `${side}${at(s.pos, i - 1, NONE)}`, p)
  out.add(17, `${side}${p}`, at(s.pos, i + 1, NONE))
  out.add(18, `${side}${at(x.norms, i - 1, NONE)}`, w)
  out.add(19, x.shapes[i] as string, side)
  out.add(20, c.head, b)
  out.add(21, c.head, `${side}${p}`)
  out.add(22, `${c.kind}${side}${cross}`, prev)
  out.add(23, i === s.words.length - 1 ? 'last' : i === 0 ? 'first' : 'mid', side)
  return out
}

/** A tag is allowed after the previous one: I-X only after B-X or I-X (the cue itself is always O). */
function allowedMask(classes: readonly string[], prev: string, inCue: boolean): Uint8Array {
  return Uint8Array.from(classes, (t) => {
    if (inCue) return t === 'O' ? 1 : 0
    if (t.startsWith('I')) return prev !== 'O' && prev.slice(1) === t.slice(1) ? 1 : 0
    return 1
  })
}

/** Spans of B/I runs of one kind ('' for the cue tagger, '-SRC' or '-CON'). */
export function spansOf(tags: readonly string[], kind: string): TokenRange[] {
  const out: TokenRange[] = []
  tags.forEach((t, i) => {
    if (t === `B${kind}`) out.push({ start: i, end: i + 1 })
    else if (t === `I${kind}`) {
      const last = out[out.length - 1]
      if (last && last.end === i) out[out.length - 1] = { start: last.start, end: i + 1 }
    }
  })
  return out
}

/** The two taggers behind indirect attributions. */
export interface AttributionTagger {
  /** Greedy cue tags of a sentence ('O', 'B', 'I'). */
  tagCues(s: AttrSentence): string[]
  /** Greedy role tags of a sentence for one cue. */
  tagRoles(s: AttrSentence, cue: TokenRange): string[]
  /** Every attribution of a sentence: each cue with its nearest source and content. */
  attributions(s: AttrSentence): Attribution[]
}

/** Runs a greedy left-to-right tagger over a sentence, or trains it when `learn` is given. */
export function runTagger(
  model: LinearModel,
  n: number,
  features: (out: FeatureBuffer, i: number, prev: string) => FeatureBuffer,
  inCue: (i: number) => boolean,
  learn?: { gold: readonly string[]; update: (f: FeatureBuffer, truth: number, guess: number) => void },
): string[] {
  const buffer = new FeatureBuffer()
  const scores = new Float64Array(model.classes.length)
  const tags: string[] = []
  let prev = '-S-'
  for (let i = 0; i < n; i++) {
    const f = features(buffer, i, prev)
    const mask = allowedMask(model.classes, prev === '-S-' ? 'O' : prev, inCue(i))
    const guess = model.predict(f, scores, mask)
    // when training, the next word sees the guess, as at run time
    const tag = model.classes[guess] as string
    if (learn) learn.update(f, model.classes.indexOf(learn.gold[i] as string), model.predict(f, scores))
    tags.push(tag)
    prev = tag
  }
  return tags
}

/** Pulls each sentence's feature helpers together for training and tagging. */
export function prepare(s: AttrSentence): { x: Info; view: (cue: TokenRange) => CueView } {
  const x = info(s)
  return { x, view: (cue) => cueView(s, x, cue) }
}

/** Builds the taggers from two trained models. */
export function createAttributionTagger(cue: LinearModel, role: LinearModel): AttributionTagger {
  const tagCues = (s: AttrSentence): string[] => {
    const { x } = prepare(s)
    return runTagger(
      cue,
      s.words.length,
      (out, i, prev) => cueFeatures(out, s, x, i, prev),
      () => false,
    )
  }
  const tagRoles = (s: AttrSentence, range: TokenRange): string[] => {
    const { x, view } = prepare(s)
    const c = view(range)
    return runTagger(
      role,
      s.words.length,
      (out, i, prev) => roleFeatures(out, s, x, c, i, prev),
      (i) => i >= range.start && i < range.end,
    )
  }
  return {
    tagCues,
    tagRoles,
    attributions(s) {
      const out: Attribution[] = []
      for (const range of spansOf(tagCues(s), '')) {
        const tags = tagRoles(s, range)
        const near = (xs: TokenRange[]): TokenRange | null => xs.sort((a, b) => distance(a, range) - distance(b, range))[0] ?? null
        // the longest content: "said Moscow is closely following ..." over a stray single word
        const content = spansOf(tags, '-CON').sort((a, b) => b.end - b.start - (a.end - a.start))[0] ?? null
        out.push({ cue: range, source: near(spansOf(tags, '-SRC')), content })
      }
      return out
    },
  }
}

function distance(a: TokenRange, b: TokenRange): number {
  return a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0
}

/** The document's sentences as the taggers see them, each with its tokens' first index. */
export function attrSentences(text: string, tokens: readonly Token[], quoted: readonly Span[]): { first: number; sentence: AttrSentence }[] {
  const out: { first: number; sentence: AttrSentence }[] = []
  const marked = new Uint8Array(text.length + 1)
  for (const m of quoted) marked.fill(1, m.start, m.end)
  for (let i = 0; i < tokens.length; ) {
    let e = i
    while (e < tokens.length && (tokens[e] as Token).sentence === (tokens[i] as Token).sentence) e++
    const words: string[] = []
    const pos: string[] = []
    const inside: boolean[] = []
    for (let k = i; k < e; k++) {
      const t = tokens[k] as Token
      words.push(text.slice(t.start, t.end))
      pos.push(t.pos)
      inside.push(marked[t.start] === 1)
    }
    out.push({ first: i, sentence: { words, pos, quoted: inside } })
    i = e
  }
  return out
}

let loaded: AttributionTagger | null | undefined

/** The committed models, loaded on first use; null when they have not been trained. */
export function defaultAttributionTagger(): AttributionTagger | null {
  if (loaded === undefined) {
    loaded =
      existsSync(CUE_MODEL_PATH) && existsSync(ROLE_MODEL_PATH)
        ? createAttributionTagger(LinearModel.load(CUE_MODEL_PATH), LinearModel.load(ROLE_MODEL_PATH))
        : null
  }
  return loaded
}
