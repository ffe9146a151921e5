import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { isPowerOfTwo, readCompiled, view, writeCompiled } from './compiled-model.js'

/**
 * Features are 32-bit hashes of (template, values): built without concatenating strings,
 * looked up in a typed-array hash table. Two distinct features may share a hash; with a
 * few hundred thousand features that happens a handful of times and costs nothing measurable.
 */
const FNV_OFFSET = 2166136261
const FNV_PRIME = 16777619

/** Hash of a feature template number and up to two string values. */
export function featureHash(template: number, a: string, b?: string): number {
  let h = Math.imul(FNV_OFFSET ^ template, FNV_PRIME)
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), FNV_PRIME)
  if (b !== undefined) {
    h = Math.imul(h ^ 0x1f, FNV_PRIME)
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), FNV_PRIME)
  }
  return h >>> 0
}

/** FNV-1a hash of a string value, computed once per token and reused by every template. */
export function valueHash(s: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h >>> 0
}

/** A feature's hash from its template number and one or two value hashes (murmur-style mixing). */
export function mixHash(template: number, a: number, b = 0): number {
  let h = Math.imul((template + 0x9e3779b9) | 0, 0x85ebca6b)
  h = Math.imul(h ^ a, 0xc2b2ae35)
  h ^= h >>> 13
  h = Math.imul(h ^ b, 0x85ebca6b)
  h ^= h >>> 16
  return h >>> 0
}

/** A growable list of feature hashes, reused from token to token (no garbage per token). */
export class FeatureBuffer {
  values = new Uint32Array(64)
  length = 0

  reset(): void {
    this.length = 0
  }

  add(template: number, a: string, b?: string): void {
    this.push(featureHash(template, a, b))
  }

  /** Adds a feature already hashed (the parser mixes integer ids instead of strings). */
  push(hash: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = hash
  }

  /** Adds a feature from value hashes (see `valueHash`): no string work per feature. */
  addHashed(template: number, a: number, b = 0): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = mixHash(template, a, b)
  }
}

/**
 * The rows of a model read from a file, laid out for scoring: the keys alone in one compact
 * array (4 bytes a slot, so the probe mostly stays in the core's own cache) and the int16
 * weights of slot s at s * classes, so a feature the model knows costs one trip to memory
 * beyond the probe and one it does not know costs none. The table's size is the smallest
 * power of two that holds the features at a load of 0.7 at most (a key's home slot is its
 * low bits: a modulo by another size costs more than the memory it saves). An empty slot
 * holds 0; a feature whose hash is 0 is kept as 1 (one more collision among a few hundred
 * thousand hashes).
 */
class FileRows {
  readonly keys: Int32Array
  readonly weights: Int16Array
  readonly slots: number
  private readonly mask: number

  /** A table already laid out (slots keys and slots × classes weights). */
  constructor(keys: Int32Array, weights: Int16Array) {
    this.slots = keys.length
    this.mask = this.slots - 1
    this.keys = keys
    this.weights = weights
  }

  /** Lays the rows of a model file out in a table. */
  static fromRows(keys: Uint32Array, weights: Int16Array, classes: number): FileRows {
    let slots = 16
    while (slots * 0.7 < keys.length) slots *= 2
    const table = new FileRows(new Int32Array(slots), new Int16Array(slots * classes))
    for (let i = 0; i < keys.length; i++) {
      const key = (keys[i] as number) | 0 || 1
      let slot = table.home(key)
      while (table.keys[slot] !== 0) slot = (slot + 1) & table.mask
      table.keys[slot] = key
      table.weights.set(weights.subarray(i * classes, (i + 1) * classes), slot * classes)
    }
    return table
  }

  home(key: number): number {
    return key & this.mask
  }

  /** The slot of a feature, or -1. */
  slot(key: number): number {
    const k = key | 0 || 1
    const keys = this.keys
    let slot = this.home(k)
    for (;;) {
      const at = keys[slot] as number
      if (at === k) return slot
      if (at === 0) return -1
      slot = (slot + 1) & this.mask
    }
  }
}

/**
 * A multiclass linear model: the score of a class is the sum of the weights of the active
 * features. While it is trained, rows are found through an open-addressing table that keeps
 * each key beside its row, with Float32 weights; a model read from a file keeps the file's
 * int16 weights and their scale in `FileRows` (half the memory, and fewer cache misses when
 * scoring, which is what tagging time is spent on).
 */
export class LinearModel {
  readonly classes: readonly string[]
  // slot s: table[2s] = key, table[2s + 1] = row (-1: empty)
  private table: Int32Array
  private weights: Float32Array
  private file: FileRows | null = null
  private unscale = 1
  private mask: number
  size = 0

  constructor(classes: readonly string[], capacity = 1024) {
    this.classes = classes
    let slots = 1024
    while (slots < capacity * 2) slots *= 2
    this.table = LinearModel.emptyTable(slots)
    this.mask = slots - 1
    this.weights = new Float32Array(Math.max(1, capacity) * classes.length)
  }

  private static emptyTable(slots: number): Int32Array {
    const t = new Int32Array(slots * 2)
    for (let s = 1; s < t.length; s += 2) t[s] = -1
    return t
  }

  /** The row of a feature, or -1. */
  row(key: number): number {
    if (this.file) return this.file.slot(key)
    const t = this.table
    const k = key | 0
    let slot = key & this.mask
    for (;;) {
      const r = t[2 * slot + 1] as number
      if (r < 0 || t[2 * slot] === k) return r
      slot = (slot + 1) & this.mask
    }
  }

  /** The row of a feature, added (all zero) when new. */
  ensureRow(key: number): number {
    const found = this.row(key)
    if (found >= 0) return found
    if (this.file) throw new TypeError('a model read from a file cannot learn: train a new one with PerceptronTrainer')
    if ((this.size + 1) * 2 > this.table.length / 2) this.grow()
    let slot = key & this.mask
    while ((this.table[2 * slot + 1] as number) >= 0) slot = (slot + 1) & this.mask
    const r = this.size++
    this.table[2 * slot] = key | 0
    this.table[2 * slot + 1] = r
    const n = this.classes.length
    if ((r + 1) * n > this.weights.length) {
      const bigger = new Float32Array(this.weights.length * 2)
      bigger.set(this.weights)
      this.weights = bigger
    }
    return r
  }

  private grow(): void {
    const old = this.table
    const slots = old.length
    this.table = LinearModel.emptyTable(slots)
    this.mask = slots - 1
    for (let s = 0; s < old.length; s += 2) {
      const r = old[s + 1] as number
      if (r < 0) continue
      let slot = (old[s] as number) & this.mask
      while ((this.table[2 * slot + 1] as number) >= 0) slot = (slot + 1) & this.mask
      this.table[2 * slot] = old[s] as number
      this.table[2 * slot + 1] = r
    }
  }

  /** The weights array (row r, class c at r * classes + c) of a model being trained. */
  get matrix(): Float32Array {
    if (this.file) throw new TypeError('a model read from a file keeps int16 weights: train a new one with PerceptronTrainer')
    return this.weights
  }

  /** Copies the weights of row `row` (one per class, as floats) into `out` from index `at`. */
  copyRow(row: number, out: Float32Array, at: number): void {
    const n = this.classes.length
    for (let c = 0; c < n; c++) out[at + c] = this.weight(row * n + c)
  }

  /** The weight of a feature row for a class. */
  private weight(i: number): number {
    return this.file ? (this.file.weights[i] as number) * this.unscale : (this.weights[i] as number)
  }

  /** Sums the weights of the features into `scores` (length = classes), after `base` (its first `classes` values) when given. */
  score(features: FeatureBuffer, scores: Float64Array, base?: Float64Array): Float64Array {
    const n = this.classes.length
    const file = this.file
    if (file) {
      // integer sums, scaled once at the end
      scores.fill(0)
      const q = file.weights
      for (let f = 0; f < features.length; f++) {
        const r = file.slot(features.values[f] as number)
        if (r < 0) continue
        const at = r * n
        for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (q[at + c] as number)
      }
      const u = this.unscale
      if (base) for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) * u + (base[c] as number)
      else for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) * u
      return scores
    }
    if (base) for (let c = 0; c < n; c++) scores[c] = base[c] as number
    else scores.fill(0)
    const w = this.weights
    for (let f = 0; f < features.length; f++) {
      const r = this.row(features.values[f] as number)
      if (r < 0) continue
      const at = r * n
      for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (w[at + c] as number)
    }
    return scores
  }

  /** The index of the best class, among the allowed ones when a mask is given. */
  predict(features: FeatureBuffer, scores: Float64Array, allowed?: Uint8Array, base?: Float64Array): number {
    return bestClass(this.score(features, scores, base), allowed)
  }

  /**
   * Each feature key with its row, for saving and pruning. A model being trained numbers its
   * rows 0 to size - 1; a model read from a file numbers them by slot of its table (up to the
   * table's size, with gaps).
   */
  *entries(): Generator<[number, number]> {
    const file = this.file
    if (file) {
      for (let s = 0; s < file.slots; s++) if (file.keys[s] !== 0) yield [(file.keys[s] as number) >>> 0, s]
      return
    }
    for (let s = 0; s < this.table.length; s += 2) if ((this.table[s + 1] as number) >= 0) yield [(this.table[s] as number) >>> 0, this.table[s + 1] as number]
  }

  /**
   * Saves the model as a gzip-able binary: a JSON header line (classes, feature count,
   * scale), then the keys (uint32) and the weights quantised to int16. Rows whose
   * weights all round to zero are left out.
   */
  serialize(): Buffer {
    const n = this.classes.length
    let max = 0
    for (let i = 0; i < (this.file ? this.file.slots : this.size) * n; i++) max = Math.max(max, Math.abs(this.weight(i)))
    const scale = max > 0 ? 32767 / max : 1
    const kept: [number, number][] = []
    for (const [key, r] of this.entries()) {
      let any = false
      for (let c = 0; c < n; c++) if (Math.round(this.weight(r * n + c) * scale) !== 0) any = true
      if (any) kept.push([key, r])
    }
    const keys = new Uint32Array(kept.length)
    const q = new Int16Array(kept.length * n)
    kept.forEach(([key, r], i) => {
      keys[i] = key
      for (let c = 0; c < n; c++) q[i * n + c] = Math.round(this.weight(r * n + c) * scale)
    })
    const header = Buffer.from(`${JSON.stringify({ classes: this.classes, features: kept.length, scale })}\n`)
    return Buffer.concat([header, Buffer.from(keys.buffer), Buffer.from(q.buffer)])
  }

  /** The model file this model was read from, if any. */
  source: string | null = null

  /**
   * Reads a model written by `serialize` (gzipped when the path ends in .gz), from its
   * compiled table under dist/models/ when the build made one for this very file.
   */
  static load(path: string): LinearModel {
    const compiled = readCompiled<{ classes: string[]; size: number; unscale: number }>(path, 'table')
    if (compiled) {
      const keys = view(compiled.parts[0], Int32Array, 4)
      const weights = view(compiled.parts[1], Int16Array, 2)
      const classes = compiled.header.classes
      // a table that does not have the shape the scorer assumes is no table: read the model itself
      if (keys && weights && Array.isArray(classes) && isPowerOfTwo(keys.length) && weights.length === keys.length * classes.length) {
        const model = new LinearModel(classes, 1)
        model.file = new FileRows(keys, weights)
        model.size = compiled.header.size
        model.unscale = compiled.header.unscale
        model.source = path
        return model
      }
    }
    return LinearModel.parse(path)
  }

  /** Writes the compiled table of a model file (`npm run build`); returns its path. */
  static compile(path: string): string {
    const model = LinearModel.parse(path)
    const file = model.file as FileRows
    return writeCompiled(path, 'table', { classes: model.classes, size: model.size, unscale: model.unscale }, [file.keys, file.weights])
  }

  /** Reads a model file itself, without its compiled table. */
  private static parse(path: string): LinearModel {
    const raw = readFileSync(path)
    const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw
    const newline = bytes.indexOf(10)
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { classes: string[]; features: number; scale: number }
    const n = header.classes.length
    const body = bytes.subarray(newline + 1)
    // copy into aligned buffers: the header's length leaves the body at any byte offset
    const keys = new Uint32Array(body.buffer.slice(body.byteOffset, body.byteOffset + header.features * 4))
    const q = new Int16Array(body.buffer.slice(body.byteOffset + header.features * 4, body.byteOffset + header.features * 4 + header.features * n * 2))
    const model = new LinearModel(header.classes, 1)
    model.file = FileRows.fromRows(keys, q, n)
    model.size = header.features
    model.unscale = 1 / header.scale
    model.source = path
    return model
  }
}

// Averaged weights are tiny (a sum over steps divided by the number of steps); scaling
// them changes no decision and keeps their precision when quantised.
const AVERAGE_SCALE = 1000

/** Trains a LinearModel by the averaged perceptron (Collins 2002); call `average()` when done. */
export class PerceptronTrainer {
  readonly model: LinearModel
  private totals = new Float64Array(1024)
  private stamps = new Int32Array(1024)
  private step = 0

  constructor(classes: readonly string[]) {
    this.model = new LinearModel(classes)
  }

  /** The model's row of a feature (made when new), with the averaging arrays grown to hold it. */
  private rowOf(key: number): number {
    const r = this.model.ensureRow(key)
    const n = this.model.classes.length
    if ((r + 1) * n > this.totals.length) {
      const size = Math.max(this.totals.length * 2, (r + 1) * n)
      const totals = new Float64Array(size)
      totals.set(this.totals)
      this.totals = totals
      const stamps = new Int32Array(size)
      stamps.set(this.stamps)
      this.stamps = stamps
    }
    return r
  }

  /** One example seen: moves weight from the guessed class to the true one when they differ. */
  update(features: FeatureBuffer, truth: number, guess: number): void {
    this.step++
    if (truth === guess) return
    const n = this.model.classes.length
    for (let f = 0; f < features.length; f++) {
      const r = this.rowOf(features.values[f] as number)
      const w = this.model.matrix
      for (const [c, delta] of [
        [truth, 1],
        [guess, -1],
      ] as const) {
        if (c < 0) continue
        const i = r * n + c
        this.totals[i] = (this.totals[i] as number) + (this.step - (this.stamps[i] as number)) * (w[i] as number)
        this.stamps[i] = this.step
        w[i] = (w[i] as number) + delta
      }
    }
  }

  /**
   * Adds `delta` to the weight of class `cls` for each feature, without counting a step:
   * a structured update (a whole transition sequence against another) is many of these,
   * then one `tick()`.
   */
  adjust(features: FeatureBuffer, cls: number, delta: number): void {
    const n = this.model.classes.length
    for (let f = 0; f < features.length; f++) {
      const r = this.rowOf(features.values[f] as number)
      const w = this.model.matrix
      const i = r * n + cls
      this.totals[i] = (this.totals[i] as number) + (this.step - (this.stamps[i] as number)) * (w[i] as number)
      this.stamps[i] = this.step
      w[i] = (w[i] as number) + delta
    }
  }

  /** Counts one example seen (after its `adjust` calls). */
  tick(): void {
    this.step++
  }

  /** Replaces each weight by its average over all steps (what makes the perceptron generalise). */
  average(): LinearModel {
    const w = this.model.matrix
    const used = this.model.size * this.model.classes.length
    for (let i = 0; i < used; i++) {
      const sum = (this.totals[i] as number) + (this.step - (this.stamps[i] as number)) * (w[i] as number)
      w[i] = (sum / this.step) * AVERAGE_SCALE
    }
    return this.model
  }
}

/** The index of the best score, among the allowed classes when a mask is given (-1 when none is). */
export function bestClass(scores: Float64Array, allowed?: Uint8Array): number {
  let best = -1
  let bestScore = Number.NEGATIVE_INFINITY
  for (let c = 0; c < scores.length; c++) {
    if (allowed && !allowed[c]) continue
    if ((scores[c] as number) > bestScore) {
      bestScore = scores[c] as number
      best = c
    }
  }
  return best
}
