import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { memoize, normWord } from '../../models/features.js'
import { PackedModel } from '../../models/packed-model.js'
import { FeatureBuffer, featureHash, type LinearModel } from '../../models/perceptron.js'

/** Where the trained parser lives (made by scripts/train-parser.ts, see MODELS.md). */
export const PARSER_ACTIONS_PATH = fileURLToPath(new URL('../../../models/parser-ewt.actions.model.gz', import.meta.url))
export const PARSER_LABELS_PATH = fileURLToPath(new URL('../../../models/parser-ewt.labels.model.gz', import.meta.url))

/**
 * Arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez and Satta 2011) over a stack and a
 * buffer that ends in an artificial ROOT: SHIFT moves the buffer's front to the stack,
 * LEFT makes the buffer's front the head of the stack's top, RIGHT makes the second item
 * the head of the top. Labels are chosen by a second model when an arc is made.
 */
export const ACTIONS = ['SHIFT', 'LEFT', 'RIGHT'] as const
export const SHIFT = 0
export const LEFT = 1
export const RIGHT = 2

/** The label of the arc to the artificial ROOT. */
export const ROOT_LABEL = 'root'

/** A parsed sentence: heads are sentence indices (-1 for the root), one label per word. */
export interface ParsedSentence {
  readonly heads: Int32Array
  readonly labels: string[]
}

const NONE = -1

/** The UPOS tags the parser knows (the tagger's classes); a tag's id is its index + 1. */
export const UPOS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X']
const PUNCT_TAG = UPOS.indexOf('PUNCT') + 1
const VERB_TAG = UPOS.indexOf('VERB') + 1
// word and tag ids of positions outside the sentence, and of the artificial ROOT
const NO_WORD = featureHash(900, '-NONE-')
const ROOT_WORD = featureHash(900, '-ROOT-')

/** Mixes a template number and up to three integer values into a 32-bit feature hash. */
function mix(template: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(0x811c9dc5 ^ template, 0x01000193)
  h = Math.imul(h ^ a, 0x01000193)
  h = Math.imul(h ^ (a >>> 16), 0x01000193)
  h = Math.imul(h ^ b, 0x01000193)
  h = Math.imul(h ^ (b >>> 16), 0x01000193)
  h = Math.imul(h ^ c, 0x01000193)
  h = Math.imul(h ^ (c >>> 16), 0x01000193)
  h ^= h >>> 15
  return h >>> 0
}

/** Distances bucketed as in Zhang and Nivre (2011): 1, 2, 3, 4, 5-7, 8-12, 13+. */
function bucket(d: number): number {
  return d <= 4 ? d : d <= 7 ? 5 : d <= 12 ? 6 : 7
}

// the per-word arrays of a configuration: fixed for the sentence, and grown with the tree
const SENTENCE_FIELDS = ['words', 'tags', 'suffixes', 'punctBefore', 'verbsBefore'] as const
const TREE_FIELDS = ['heads', 'labels', 'lc1', 'lc2', 'rc1', 'rc2', 'nl', 'nr', 'lset', 'rset'] as const
let sentences = 0

/**
 * The parser's configuration for one sentence of n words (index n is the ROOT): the
 * stack, the buffer's front, the arcs made so far, and what the features read of the
 * partial tree (two leftmost and two rightmost children, valencies, label sets).
 */
export class Configuration {
  n = 0
  stack = new Int32Array(16)
  sp = 0
  b = 0
  heads = new Int32Array(16)
  labels = new Int32Array(16)
  words = new Int32Array(16)
  tags = new Int32Array(16)
  lc1 = new Int32Array(16)
  lc2 = new Int32Array(16)
  rc1 = new Int32Array(16)
  rc2 = new Int32Array(16)
  nl = new Int32Array(16)
  nr = new Int32Array(16)
  lset = new Int32Array(16)
  rset = new Int32Array(16)
  suffixes = new Int32Array(16)
  punctBefore = new Int32Array(16)
  verbsBefore = new Int32Array(16)

  // which sentence the per-word arrays hold (a copy between states of one sentence skips them)
  private sentence = 0

  private ensure(size: number): void {
    if (this.stack.length >= size) return
    const capacity = size + 16
    this.stack = new Int32Array(capacity)
    for (const k of SENTENCE_FIELDS) this[k] = new Int32Array(capacity)
    for (const k of TREE_FIELDS) this[k] = new Int32Array(capacity)
    this.sentence = 0
  }

  /** Starts on a sentence: word hashes, suffix hashes and tag ids, the ROOT appended. */
  reset(words: readonly number[], tags: readonly number[], rootTag: number, suffixes: readonly number[]): void {
    const n = words.length
    this.ensure(n + 2)
    this.sentence = ++sentences
    let punct = 0
    let verbs = 0
    this.n = n
    this.sp = 0
    this.b = 0
    for (let i = 0; i <= n; i++) {
      this.words[i] = i < n ? (words[i] as number) : ROOT_WORD
      this.tags[i] = i < n ? (tags[i] as number) : rootTag
      this.suffixes[i] = i < n ? (suffixes[i] as number) : ROOT_WORD
      this.punctBefore[i] = punct
      this.verbsBefore[i] = verbs
      if (this.tags[i] === PUNCT_TAG) punct++
      else if (this.tags[i] === VERB_TAG) verbs++
      this.heads[i] = NONE
      this.labels[i] = NONE
      this.lc1[i] = NONE
      this.lc2[i] = NONE
      this.rc1[i] = NONE
      this.rc2[i] = NONE
      this.nl[i] = 0
      this.nr[i] = 0
      this.lset[i] = 0
      this.rset[i] = 0
    }
  }

  /** Becomes a copy of another state of the same sentence (the beam's states branch from their parents). */
  copyFrom(other: Configuration): void {
    this.ensure(other.n + 2)
    const m = other.n + 1
    if (this.sentence !== other.sentence) {
      for (const k of SENTENCE_FIELDS) this[k].set(other[k].subarray(0, m))
      this.sentence = other.sentence
    }
    for (const k of TREE_FIELDS) this[k].set(other[k].subarray(0, m))
    this.stack.set(other.stack.subarray(0, other.sp))
    this.n = other.n
    this.sp = other.sp
    this.b = other.b
  }

  /** True when the sentence is parsed (empty stack, only the ROOT left in the buffer). */
  get done(): boolean {
    return this.sp === 0 && this.b === this.n
  }

  /** Whether an action may be taken; LEFT onto the ROOT only for the last word left (one root per sentence). */
  valid(action: number): boolean {
    if (action === SHIFT) return this.b < this.n
    if (action === LEFT) return this.sp >= 1 && (this.b < this.n || this.sp === 1)
    return this.sp >= 2
  }

  /** The head and dependent of the arc an action would make. */
  arcOf(action: number): [head: number, dependent: number] {
    const s0 = this.stack[this.sp - 1] as number
    return action === LEFT ? [this.b, s0] : [this.stack[this.sp - 2] as number, s0]
  }

  /** Applies an action; `label` is the arc's label id (ignored for SHIFT). */
  apply(action: number, label: number): void {
    if (action === SHIFT) {
      this.stack[this.sp++] = this.b++
      return
    }
    const [h, d] = this.arcOf(action)
    this.sp--
    this.heads[d] = h
    this.labels[d] = label
    const bit = 1 << (label & 31)
    if (d < h) {
      // left children arrive nearest first, so each new one is the leftmost
      this.lc2[h] = this.lc1[h] as number
      this.lc1[h] = d
      this.nl[h] = (this.nl[h] as number) + 1
      this.lset[h] = (this.lset[h] as number) | bit
    } else {
      this.rc2[h] = this.rc1[h] as number
      this.rc1[h] = d
      this.nr[h] = (this.nr[h] as number) + 1
      this.rset[h] = (this.rset[h] as number) | bit
    }
  }

  /** Punctuation marks strictly between positions a < b (capped at 3). */
  private punctBetween(a: number, b: number): number {
    return a < 0 ? 4 : Math.min(3, (this.punctBefore[b] as number) - (this.punctBefore[a + 1] as number))
  }
  /** Verbs strictly between positions a < b (capped at 2). */
  private verbsBetween(a: number, b: number): number {
    return a < 0 ? 3 : Math.min(2, (this.verbsBefore[b] as number) - (this.verbsBefore[a + 1] as number))
  }
  private x(i: number): number {
    return i < 0 ? NO_WORD : (this.suffixes[i] as number)
  }
  private w(i: number): number {
    return i < 0 ? NO_WORD : (this.words[i] as number)
  }
  private p(i: number): number {
    return i < 0 ? NONE : (this.tags[i] as number)
  }
  private l(i: number): number {
    return i < 0 ? NONE : (this.labels[i] as number)
  }

  /**
   * The features of the configuration for the action model (Zhang and Nivre 2011, fitted
   * to arc-hybrid: the candidate arcs are s0<-b0 and s1->s0): words and tags of the stack
   * and buffer, pairs and triples, distances, valencies, children and label sets.
   */
  actionFeatures(out: FeatureBuffer): FeatureBuffer {
    out.reset()
    const sp = this.sp
    const s0 = sp > 0 ? (this.stack[sp - 1] as number) : NONE
    const s1 = sp > 1 ? (this.stack[sp - 2] as number) : NONE
    const s2 = sp > 2 ? (this.stack[sp - 3] as number) : NONE
    const b0 = this.b
    const b1 = b0 + 1 <= this.n ? b0 + 1 : NONE
    const b2 = b0 + 2 <= this.n ? b0 + 2 : NONE
    const s0w = this.w(s0)
    const s0p = this.p(s0)
    const s1w = this.w(s1)
    const s1p = this.p(s1)
    const b0w = this.w(b0)
    const b0p = this.p(b0)
    const b1w = this.w(b1)
    const b1p = this.p(b1)
    const b2p = this.p(b2)
    const s2p = this.p(s2)
    const at = (a: Int32Array, i: number): number => (i < 0 ? NONE : (a[i] as number))
    const s0l = at(this.lc1, s0)
    const s0r = at(this.rc1, s0)
    const s0l2 = at(this.lc2, s0)
    const s0r2 = at(this.rc2, s0)
    const b0l = at(this.lc1, b0)
    const b0l2 = at(this.lc2, b0)
    const s1l = at(this.lc1, s1)
    const s1r = at(this.rc1, s1)
    const s1r2 = at(this.rc2, s1)
    const d0 = s0 >= 0 ? bucket(b0 - s0) : 0
    const d1 = s1 >= 0 ? bucket(s0 - s1) : 0
    const f = (t: number, a: number, b?: number, c?: number): void => out.push(mix(t, a, b, c))
    f(0, 0)
    // single positions
    f(1, s0w)
    f(2, s0p)
    f(3, s0w, s0p)
    f(4, s1w)
    f(5, s1p)
    f(6, s1w, s1p)
    f(7, b0w)
    f(8, b0p)
    f(9, b0w, b0p)
    f(10, b1w)
    f(11, b1p)
    f(12, b1w, b1p)
    f(13, b2p)
    f(14, this.w(b2))
    f(15, s2p)
    // pairs over the two candidate arcs
    f(16, s0w, s0p, mix(0, b0w, b0p))
    f(17, s0w, s0p, b0w)
    f(18, s0w, b0w, b0p)
    f(19, s0w, s0p, b0p)
    f(20, s0p, b0w, b0p)
    f(21, s0w, b0w)
    f(22, s0p, b0p)
    f(23, b0p, b1p)
    f(24, s1w, s1p, mix(0, s0w, s0p))
    f(25, s1w, s0w)
    f(26, s1p, s0p)
    f(27, s1w, s1p, s0p)
    f(28, s1p, s0w, s0p)
    // triples of tags
    f(29, b0p, b1p, b2p)
    f(30, s0p, b0p, b1p)
    f(31, s1p, s0p, b0p)
    f(32, s0p, this.p(s0l), b0p)
    f(33, s0p, this.p(s0r), b0p)
    f(34, s0p, b0p, this.p(b0l))
    f(35, s1p, s0p, this.p(s0l))
    f(36, s1p, s0p, this.p(s0r))
    f(37, s1p, this.p(s1r), s0p)
    f(38, s2p, s1p, s0p)
    f(39, s1p, this.p(s1l), s0p)
    // distances
    f(40, s0w, d0)
    f(41, s0p, d0)
    f(42, b0w, d0)
    f(43, b0p, d0)
    f(44, s0w, b0w, d0)
    f(45, s0p, b0p, d0)
    f(46, s1w, d1)
    f(47, s1p, d1)
    f(48, s0w, d1)
    f(49, s0p, d1)
    f(50, s1p, s0p, d1)
    f(51, s1w, s0w, d1)
    // valencies
    const vl0 = at(this.nl, s0)
    const vr0 = at(this.nr, s0)
    f(52, s0w, vl0)
    f(53, s0p, vl0)
    f(54, s0w, vr0)
    f(55, s0p, vr0)
    f(56, b0w, at(this.nl, b0))
    f(57, b0p, at(this.nl, b0))
    f(58, s1w, at(this.nr, s1))
    f(59, s1p, at(this.nr, s1))
    f(60, s1p, at(this.nl, s1))
    // children
    f(62, this.w(s0l))
    f(63, this.p(s0l))
    f(64, this.l(s0l))
    f(65, this.w(s0r))
    f(66, this.p(s0r))
    f(67, this.l(s0r))
    f(68, this.w(b0l))
    f(69, this.p(b0l))
    f(70, this.l(b0l))
    f(71, this.w(s1r))
    f(72, this.p(s1r))
    f(73, this.l(s1r))
    f(74, this.p(s1l), this.l(s1l))
    f(75, this.w(s0l2))
    f(76, this.p(s0l2), this.l(s0l2))
    f(78, this.w(s0r2))
    f(79, this.p(s0r2), this.l(s0r2))
    f(81, this.w(b0l2))
    f(82, this.p(b0l2), this.l(b0l2))
    f(84, s0p, this.p(s0l), this.p(s0l2))
    f(85, s0p, this.p(s0r), this.p(s0r2))
    f(86, b0p, this.p(b0l), this.p(b0l2))
    f(87, s1p, this.p(s1r), this.p(s1r2))
    f(88, s0p, this.l(s0l), this.l(s0r))
    f(89, b0p, this.l(b0l), this.l(b0l2))
    // label sets
    f(90, s0w, at(this.lset, s0))
    f(91, s0p, at(this.lset, s0))
    f(92, s0w, at(this.rset, s0))
    f(93, s0p, at(this.rset, s0))
    f(94, b0w, at(this.lset, b0))
    f(95, b0p, at(this.lset, b0))
    f(96, s1p, at(this.rset, s1))
    f(97, s1p, at(this.lset, s1))
    // the words around the stack's top and the buffer's front in the sentence
    f(98, s0p, s0 >= 0 && s0 + 1 < this.n ? this.p(s0 + 1) : NONE)
    f(99, s0p, s0 > 0 ? this.p(s0 - 1) : NONE)
    f(100, b0p, b0 > 0 ? this.p(b0 - 1) : NONE)
    f(101, s1p, s1 >= 0 ? this.p(s1 + 1) : NONE)
    f(102, s0p, b0p, sp)
    // suffixes speak for words seen rarely in training ("-ization", "-ed")
    f(103, this.x(s0), s0p)
    f(104, this.x(b0), b0p)
    f(105, this.x(b1), b1p)
    f(106, this.x(s1), s1p)
    // commas and verbs between the candidates mark clause and list boundaries
    f(107, s0p, b0p, this.punctBetween(s0, b0))
    f(108, s1p, s0p, s1 >= 0 ? this.punctBetween(s1, s0) : 4)
    f(109, s0p, b0p, this.verbsBetween(s0, b0))
    f(110, s1p, s0p, s1 >= 0 ? this.verbsBetween(s1, s0) : 3)
    f(111, s1w, b0w)
    f(112, s1p, b0p)
    f(113, s0w, b0p, b1p)
    f(114, s0p, b0w, b1p)
    return out
  }

  /**
   * The features for the label of the arc head -> dependent, taken when the arc is made:
   * the dependent's subtree is complete then (arc-hybrid pops it), the head's is partial.
   */
  labelFeatures(out: FeatureBuffer, h: number, d: number): FeatureBuffer {
    out.reset()
    const dir = d < h ? 1 : 2
    const hw = this.w(h)
    const hp = this.p(h)
    const dw = this.w(d)
    const dp = this.p(d)
    const dist = bucket(Math.abs(h - d))
    const at = (a: Int32Array, i: number): number => (i < 0 ? NONE : (a[i] as number))
    const dl = at(this.lc1, d)
    const dr = at(this.rc1, d)
    const f = (t: number, a: number, b?: number, c?: number): void => out.push(mix(t, a, b, c))
    f(0, dir)
    f(1, dw, dir)
    f(2, dp, dir)
    f(3, dw, dp, dir)
    f(4, hw, dir)
    f(5, hp, dir)
    f(6, hw, hp, dir)
    f(7, hp, dp, dir)
    f(8, hw, dp, dir)
    f(9, hp, dw, dir)
    f(10, hw, dw, dir)
    f(11, hp, dp, dist * 4 + dir)
    f(12, dp, this.w(dl), dir)
    f(13, dp, this.p(dl), this.l(dl))
    f(14, dp, this.w(dr), dir)
    f(15, dp, this.p(dr), this.l(dr))
    f(16, dp, at(this.lset, d), dir)
    f(17, dp, at(this.rset, d), dir)
    f(18, hp, at(this.lset, h), dir)
    f(19, hp, at(this.rset, h), dir)
    f(20, dp, d > 0 ? this.p(d - 1) : NONE, dir)
    f(21, dp, d + 1 < this.n ? this.p(d + 1) : NONE, dir)
    f(22, hp, h > 0 ? this.p(h - 1) : NONE, dir)
    f(23, hp, h + 1 < this.n ? this.p(h + 1) : NONE, dir)
    f(24, dw, this.w(dl), dir)
    f(25, hp, dp, this.w(dl))
    f(26, hp, dp, at(this.nl, d) * 8 + at(this.nr, d))
    // "the city was captured by the rebels": the head's earlier label set shows voice
    f(27, hw, dp, at(this.lset, h))
    f(28, d === 0 ? 1 : 0, dp, dir)
    f(29, hp, at(this.rc1, h) >= 0 ? this.l(at(this.rc1, h)) : NONE, dir)
    f(30, this.w(d - 1 >= 0 ? d - 1 : NONE), dp, dir)
    return out
  }
}

/** The hash of a word's last three letters (folded), for words seen rarely in training. */
export function suffixId(word: string): number {
  const w = normWord(word)
  return featureHash(902, w.length > 3 ? w.slice(-3) : w)
}

/** Ids for the tags the parser reads (UPOS), with the ROOT's own id. */
export function tagIds(tags: readonly string[]): Map<string, number> {
  return new Map(tags.map((t, i) => [t, i + 1]))
}

/** The hash of a word for the parser's features: folded as the tagger folds it, curly apostrophes made straight. */
export function wordId(word: string): number {
  // news writes "Russia’s" and "don’t" where the treebank has "Russia's" and "don't"
  return featureHash(901, normWord(word.includes('’') ? word.replace(/’/g, "'") : word))
}

/** A beam step's candidates: parent state, action and total score of each, and their order best first. */
export interface BeamCandidates {
  readonly parent: Int32Array
  readonly move: Int32Array
  readonly total: Float64Array
  readonly order: Int32Array
}

/** Room for one beam step's candidates: the three actions of each of `width` states. */
export function beamCandidates(width: number): BeamCandidates {
  const n = 3 * width
  return { parent: new Int32Array(n), move: new Int32Array(n), total: new Float64Array(n), order: new Int32Array(n) }
}

/**
 * One beam step's candidates: each of the first `size` states' valid actions, scored as the
 * state's score plus the action's (`actionScores` gives a state's three action scores), kept
 * in `out.order` best first (insertion, at most 3 × width of them). Returns how many there are.
 */
export function rankCandidates(
  states: readonly Configuration[],
  size: number,
  scores: Float64Array,
  actionScores: (state: Configuration) => Float64Array,
  out: BeamCandidates,
): number {
  const { parent, move, total, order } = out
  let candidates = 0
  for (let i = 0; i < size; i++) {
    const state = states[i] as Configuration
    const own = actionScores(state)
    for (let a = 0; a < 3; a++) {
      if (!state.valid(a)) continue
      parent[candidates] = i
      move[candidates] = a
      total[candidates] = (scores[i] as number) + (own[a] as number)
      let j = candidates
      while (j > 0 && (total[order[j - 1] as number] as number) < (total[candidates] as number)) {
        order[j] = order[j - 1] as number
        j--
      }
      order[j] = candidates
      candidates++
    }
  }
  return candidates
}

/** A trained parser: both models and the configurations it reuses from sentence to sentence. */
export interface DependencyParser {
  parse(words: readonly string[], tags: readonly string[]): ParsedSentence
}

/** The beam the committed parser decodes with (the width it was trained with, MODELS.md). */
export const PARSER_BEAM = 1

/**
 * Builds a parser from an action model (classes = ACTIONS) and a label model. With a
 * beam of one it is greedy; wider, it keeps the `beam` best-scoring transition sequences
 * (summed action scores) at each step, each arc labelled greedily when made. Every
 * sequence takes 2n steps (a SHIFT and an arc per word), so all end together.
 */
export function createParser(actionModel: LinearModel | PackedModel, labelModel: LinearModel | PackedModel, beam = PARSER_BEAM): DependencyParser {
  const actions = actionModel instanceof PackedModel ? actionModel : PackedModel.of(actionModel)
  const labels = labelModel instanceof PackedModel ? labelModel : PackedModel.of(labelModel)
  const ids = tagIds(UPOS)
  const rootTag = UPOS.length + 1
  // a word's hashes are string work: done once per distinct word
  const wordIdOf = memoize(wordId, 100_000)
  const suffixIdOf = memoize(suffixId, 100_000)
  const width = Math.max(1, Math.floor(beam))
  let states = Array.from({ length: width }, () => new Configuration())
  let next = Array.from({ length: width }, () => new Configuration())
  let scores = new Float64Array(width)
  let nextScores = new Float64Array(width)
  const beamOut = beamCandidates(width)
  const { parent, move, total, order } = beamOut
  const features = new FeatureBuffer()
  const actionScores = new Float64Array(actions.classes.length)
  const labelScores = new Float64Array(labels.classes.length)
  const rootLabel = labels.classes.indexOf(ROOT_LABEL)
  const allowedAll = new Uint8Array(labels.classes.length).fill(1)
  allowedAll[rootLabel] = 0
  const allowedActions = new Uint8Array(3)
  const labelOf = (config: Configuration, action: number): number => {
    if (action === SHIFT) return 0
    const [h, d] = config.arcOf(action)
    return h === config.n ? rootLabel : labels.predict(config.labelFeatures(features, h, d), labelScores, allowedAll)
  }
  const greedy = (config: Configuration): void => {
    while (!config.done) {
      for (let a = 0; a < 3; a++) allowedActions[a] = config.valid(a) ? 1 : 0
      const action = actions.predict(config.actionFeatures(features), actionScores, allowedActions)
      config.apply(action, labelOf(config, action))
    }
  }
  const search = (): void => {
    let size = 1
    scores[0] = 0
    while (!(states[0] as Configuration).done) {
      const candidates = rankCandidates(states, size, scores, (config) => actions.score(config.actionFeatures(features), actionScores), beamOut)
      size = Math.min(width, candidates)
      for (let j = 0; j < size; j++) {
        const c = order[j] as number
        const config = next[j] as Configuration
        config.copyFrom(states[parent[c] as number] as Configuration)
        config.apply(move[c] as number, labelOf(config, move[c] as number))
        nextScores[j] = total[c] as number
      }
      ;[states, next] = [next, states]
      ;[scores, nextScores] = [nextScores, scores]
    }
  }
  return {
    parse(words, tags) {
      const config = states[0] as Configuration
      config.reset(
        words.map(wordIdOf),
        tags.map((t) => ids.get(t) ?? 0),
        rootTag,
        words.map(suffixIdOf),
      )
      if (width === 1) greedy(config)
      else search()
      const best = states[0] as Configuration
      const n = words.length
      const heads = new Int32Array(n)
      const out: string[] = new Array(n)
      for (let i = 0; i < n; i++) {
        const h = best.heads[i] as number
        heads[i] = h === n ? -1 : h
        out[i] = labels.classes[best.labels[i] as number] as string
      }
      return { heads, labels: out }
    },
  }
}

let loaded: DependencyParser | null | undefined

/** The committed parser, loaded on first use; null when the model files are missing. */
export function defaultParser(): DependencyParser | null {
  if (loaded === undefined)
    loaded =
      existsSync(PARSER_ACTIONS_PATH) && existsSync(PARSER_LABELS_PATH)
        ? createParser(PackedModel.load(PARSER_ACTIONS_PATH), PackedModel.load(PARSER_LABELS_PATH))
        : null
  return loaded
}
