import { isPowerOfTwo, readCompiled, view, writeCompiled } from './compiled-model.js'
import { bestClass, type FeatureBuffer, LinearModel } from './perceptron.js'

// a slot whose key word is 0 is empty; a feature whose hash is 0 is stored as 1 (one more
// collision among millions of hashes)
const EMPTY = 0

/** What a compiled packed model's header holds. */
interface PackedHeader {
  readonly classes: readonly string[]
  readonly mask: number
  readonly stride: number
  readonly inline: boolean
  readonly inlineClasses: number
}

/** A packed model's arrays as read from its compiled file. */
interface PackedParts {
  readonly header: PackedHeader
  readonly table: Uint32Array
  readonly weights: Float32Array
}

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

  /**
   * The packed model of `model`: read from its compiled file under dist/models/ when the
   * build made one for the same model file, packed here otherwise.
   */
  static of(model: LinearModel, inlineClasses = 4): PackedModel {
    return model.source ? PackedModel.load(model.source, inlineClasses) : new PackedModel(model, inlineClasses)
  }

  /** The packed model of a model file: its compiled packed table when the build made one, else the file read and packed. */
  static load(path: string, inlineClasses = 4): PackedModel {
    const compiled = readCompiled<PackedHeader>(path, 'packed')
    const table = view(compiled?.parts[0], Uint32Array, 4)
    const weights = view(compiled?.parts[1], Float32Array, 4)
    const h = compiled?.header
    // a table that does not have the shape the scorer assumes is no table: pack the model itself
    if (h && table && weights && h.inlineClasses === inlineClasses && isPowerOfTwo(h.mask + 1) && table.length === (h.mask + 1) * h.stride) {
      return new PackedModel({ header: h, table, weights })
    }
    return new PackedModel(LinearModel.load(path), inlineClasses)
  }

  /** Writes the compiled packed table of a model read from a file (`npm run build`); returns its path. */
  static compile(model: LinearModel, inlineClasses = 4): string {
    if (!model.source) throw new TypeError('only a model read from a file can be compiled: load it with LinearModel.load')
    const packed = new PackedModel(model, inlineClasses)
    const header: PackedHeader = { classes: packed.classes, mask: packed.mask, stride: packed.stride, inline: packed.inline, inlineClasses }
    return writeCompiled(model.source, 'packed', header, [packed.table, packed.weights])
  }

  /** Packs `model`; weights sit beside their keys when the model has at most `inlineClasses` classes. */
  constructor(model: LinearModel | PackedParts, inlineClasses = 4) {
    if ('header' in model) {
      this.classes = model.header.classes
      this.inline = model.header.inline
      this.stride = model.header.stride
      this.mask = model.header.mask
      this.table = model.table
      this.values = new Float32Array(this.table.buffer, this.table.byteOffset, this.table.length)
      this.weights = model.weights
      return
    }
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

  /** The index of the best class, among the allowed ones when a mask is given. */
  predict(features: FeatureBuffer, scores: Float64Array, allowed?: Uint8Array, base?: Float64Array): number {
    return bestClass(this.score(features, scores, base), allowed)
  }
}
