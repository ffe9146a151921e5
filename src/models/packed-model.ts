import { bestClass, type FeatureBuffer, type LinearModel } from './perceptron.js'

// a slot whose key word is 0 is empty; a feature whose hash is 0 is stored as 1 (one more
// collision among millions of hashes)
const EMPTY = 0

/**
 * A read-only copy of a trained LinearModel laid out for scoring: each slot of an
 * open-addressing table holds a feature's key and, for models with few classes, its
 * weights right after it, so a feature costs one cache miss instead of three (key table,
 * row table, weight matrix). For many classes the slot holds the key and the row of the
 * weight matrix (two misses). Scores as LinearModel.score does, same weights.
 */
export class PackedModel {
  readonly classes: readonly string[]
  private readonly table: Uint32Array
  private readonly values: Float32Array
  private readonly weights: Float32Array
  private readonly mask: number
  private readonly stride: number
  private readonly inline: boolean

  /** Packs `model`; weights sit beside their keys when the model has at most `inlineClasses` classes. */
  constructor(model: LinearModel, inlineClasses = 4) {
    const n = model.classes.length
    this.classes = model.classes
    this.inline = n <= inlineClasses
    this.stride = this.inline ? 1 + n : 2
    let slots = 1024
    while (slots < model.size * 1.6) slots *= 2
    this.mask = slots - 1
    this.table = new Uint32Array(slots * this.stride)
    this.values = new Float32Array(this.table.buffer)
    // the rows of a many-class model, numbered afresh in the order of its features
    this.weights = new Float32Array(this.inline ? 0 : model.size * n)
    let rows = 0
    for (const [key, row] of model.entries()) {
      const k = key === EMPTY ? 1 : key
      let slot = k & this.mask
      while (this.table[slot * this.stride] !== EMPTY) slot = (slot + 1) & this.mask
      const at = slot * this.stride
      this.table[at] = k
      if (this.inline) model.copyRow(row, this.values, at + 1)
      else {
        model.copyRow(row, this.weights, rows * n)
        this.table[at + 1] = rows++
      }
    }
  }

  /** Sums the weights of the features into `scores` (length = classes), added to `base` when given. */
  score(features: FeatureBuffer, scores: Float64Array, base?: Float64Array): Float64Array {
    if (base) scores.set(base)
    else scores.fill(0)
    const n = this.classes.length
    const table = this.table
    const stride = this.stride
    const mask = this.mask
    const keys = features.values
    for (let f = 0; f < features.length; f++) {
      const key = (keys[f] as number) || 1
      let slot = key & mask
      let at = slot * stride
      let k = table[at] as number
      while (k !== key && k !== EMPTY) {
        slot = (slot + 1) & mask
        at = slot * stride
        k = table[at] as number
      }
      if (k === EMPTY) continue
      if (this.inline) {
        const v = this.values
        for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (v[at + 1 + c] as number)
      } else {
        const w = this.weights
        const r = (table[at + 1] as number) * n
        for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (w[r + c] as number)
      }
    }
    return scores
  }

  /**
   * The best class among classes lo..hi-1 alone, summing only their weights (a model whose
   * classes come in groups, one group allowed at a time, reads a slice of each row).
   * Scores outside the range are left as they were.
   */
  predictRange(features: FeatureBuffer, scores: Float64Array, lo: number, hi: number): number {
    for (let c = lo; c < hi; c++) scores[c] = 0
    const n = this.classes.length
    const table = this.table
    const stride = this.stride
    const mask = this.mask
    const keys = features.values
    const inline = this.inline
    const v = inline ? this.values : this.weights
    for (let f = 0; f < features.length; f++) {
      const key = (keys[f] as number) || 1
      let slot = key & mask
      let at = slot * stride
      let k = table[at] as number
      while (k !== key && k !== EMPTY) {
        slot = (slot + 1) & mask
        at = slot * stride
        k = table[at] as number
      }
      if (k === EMPTY) continue
      const r = inline ? at + 1 : (table[at + 1] as number) * n
      for (let c = lo; c < hi; c++) scores[c] = (scores[c] as number) + (v[r + c] as number)
    }
    let best = -1
    let bestScore = Number.NEGATIVE_INFINITY
    for (let c = lo; c < hi; c++) {
      if ((scores[c] as number) > bestScore) {
        bestScore = scores[c] as number
        best = c
      }
    }
    return best
  }

  /** The index of the best class, among the allowed ones when a mask is given. */
  predict(features: FeatureBuffer, scores: Float64Array, allowed?: Uint8Array, base?: Float64Array): number {
    return bestClass(this.score(features, scores, base), allowed)
  }
}
