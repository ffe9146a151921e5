import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

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
 * A multiclass linear model: the score of a class is the sum of the weights of the active
 * features. Weights sit in one Float32Array, rows found through an open-addressing table.
 */
export class LinearModel {
  readonly classes: readonly string[]
  private keys: Uint32Array
  private rows: Int32Array
  private weights: Float32Array
  private mask: number
  size = 0

  constructor(classes: readonly string[], capacity = 1024) {
    this.classes = classes
    let slots = 1024
    while (slots < capacity * 2) slots *= 2
    this.keys = new Uint32Array(slots)
    this.rows = new Int32Array(slots).fill(-1)
    this.mask = slots - 1
    this.weights = new Float32Array(Math.max(1, capacity) * classes.length)
  }

  /** The row of a feature, or -1. */
  row(key: number): number {
    let slot = key & this.mask
    for (;;) {
      const r = this.rows[slot] as number
      if (r < 0) return -1
      if (this.keys[slot] === key) return r
      slot = (slot + 1) & this.mask
    }
  }

  /** The row of a feature, added (all zero) when new. */
  ensureRow(key: number): number {
    const found = this.row(key)
    if (found >= 0) return found
    if ((this.size + 1) * 2 > this.rows.length) this.grow()
    let slot = key & this.mask
    while ((this.rows[slot] as number) >= 0) slot = (slot + 1) & this.mask
    const r = this.size++
    this.keys[slot] = key
    this.rows[slot] = r
    const n = this.classes.length
    if ((r + 1) * n > this.weights.length) {
      const bigger = new Float32Array(this.weights.length * 2)
      bigger.set(this.weights)
      this.weights = bigger
    }
    return r
  }

  private grow(): void {
    const oldKeys = this.keys
    const oldRows = this.rows
    const slots = oldRows.length * 2
    this.keys = new Uint32Array(slots)
    this.rows = new Int32Array(slots).fill(-1)
    this.mask = slots - 1
    for (let s = 0; s < oldRows.length; s++) {
      const r = oldRows[s] as number
      if (r < 0) continue
      let slot = (oldKeys[s] as number) & this.mask
      while ((this.rows[slot] as number) >= 0) slot = (slot + 1) & this.mask
      this.keys[slot] = oldKeys[s] as number
      this.rows[slot] = r
    }
  }

  /** The weights array (row r, class c at r * classes + c). */
  get matrix(): Float32Array {
    return this.weights
  }

  /** Sums the weights of the features into `scores` (length = classes) and returns it. */
  score(features: FeatureBuffer, scores: Float64Array, base?: Float64Array): Float64Array {
    if (base) scores.set(base)
    else scores.fill(0)
    const n = this.classes.length
    const w = this.weights
    for (let f = 0; f < features.length; f++) {
      const r = this.row(features.values[f] as number)
      if (r < 0) continue
      const base = r * n
      for (let c = 0; c < n; c++) scores[c] = (scores[c] as number) + (w[base + c] as number)
    }
    return scores
  }

  /** The index of the best class, among the allowed ones when a mask is given. */
  predict(features: FeatureBuffer, scores: Float64Array, allowed?: Uint8Array, base?: Float64Array): number {
    this.score(features, scores, base)
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

  /** Each feature key with its row, for saving and pruning. */
  *entries(): Generator<[number, number]> {
    for (let s = 0; s < this.rows.length; s++) if ((this.rows[s] as number) >= 0) yield [this.keys[s] as number, this.rows[s] as number]
  }

  /**
   * Saves the model as a gzip-able binary: a JSON header line (classes, feature count,
   * scale), then the keys (uint32) and the weights quantised to int16. Rows whose
   * weights all round to zero are left out.
   */
  serialize(): Buffer {
    const n = this.classes.length
    let max = 0
    for (let i = 0; i < this.size * n; i++) max = Math.max(max, Math.abs(this.weights[i] as number))
    const scale = max > 0 ? 32767 / max : 1
    const kept: [number, number][] = []
    for (const [key, r] of this.entries()) {
      let any = false
      for (let c = 0; c < n; c++) if (Math.round((this.weights[r * n + c] as number) * scale) !== 0) any = true
      if (any) kept.push([key, r])
    }
    const keys = new Uint32Array(kept.length)
    const q = new Int16Array(kept.length * n)
    kept.forEach(([key, r], i) => {
      keys[i] = key
      for (let c = 0; c < n; c++) q[i * n + c] = Math.round((this.weights[r * n + c] as number) * scale)
    })
    const header = Buffer.from(`${JSON.stringify({ classes: this.classes, features: kept.length, scale })}\n`)
    return Buffer.concat([header, Buffer.from(keys.buffer), Buffer.from(q.buffer)])
  }

  /** Reads a model written by `serialize` (gzipped when the path ends in .gz). */
  static load(path: string): LinearModel {
    const raw = readFileSync(path)
    const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw
    const newline = bytes.indexOf(10)
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { classes: string[]; features: number; scale: number }
    const n = header.classes.length
    const body = bytes.subarray(newline + 1)
    // copy into aligned buffers: the header's length leaves the body at any byte offset
    const keys = new Uint32Array(body.buffer.slice(body.byteOffset, body.byteOffset + header.features * 4))
    const q = new Int16Array(body.buffer.slice(body.byteOffset + header.features * 4, body.byteOffset + header.features * 4 + header.features * n * 2))
    const model = new LinearModel(header.classes, header.features)
    for (let i = 0; i < header.features; i++) {
      const r = model.ensureRow(keys[i] as number)
      for (let c = 0; c < n; c++) model.weights[r * n + c] = (q[i * n + c] as number) / header.scale
    }
    return model
  }
}

// Averaged weights are tiny (a sum over steps divided by the number of steps); scaling
// them changes no decision and keeps their precision when quantised.
const AVERAGE_SCALE = 1000

/**
 * Caches, per word, the summed weights of the features that depend on the word alone (its
 * affixes, shape, ...): a repeated word costs one look-up instead of a dozen. Bounded: the
 * cache starts afresh when it holds `limit` words.
 */
export class WordScoreCache {
  private readonly cache = new Map<string, Float64Array>()

  constructor(
    private readonly model: LinearModel,
    private readonly limit = 100_000,
  ) {}

  /** The word's partial scores, computed with `fill` (which puts the word's features in the buffer) when new. */
  get(word: string, buffer: FeatureBuffer, fill: (out: FeatureBuffer) => FeatureBuffer): Float64Array {
    let v = this.cache.get(word)
    if (!v) {
      if (this.cache.size >= this.limit) this.cache.clear()
      v = this.model.score(fill(buffer), new Float64Array(this.model.classes.length))
      this.cache.set(word, v)
    }
    return v
  }
}

/** Trains a LinearModel by the averaged perceptron (Collins 2002); call `average()` when done. */
export class PerceptronTrainer {
  readonly model: LinearModel
  private totals = new Float64Array(1024)
  private stamps = new Int32Array(1024)
  private step = 0

  constructor(classes: readonly string[]) {
    this.model = new LinearModel(classes)
  }

  /** One example seen: moves weight from the guessed class to the true one when they differ. */
  update(features: FeatureBuffer, truth: number, guess: number): void {
    this.step++
    if (truth === guess) return
    const n = this.model.classes.length
    for (let f = 0; f < features.length; f++) {
      const r = this.model.ensureRow(features.values[f] as number)
      if ((r + 1) * n > this.totals.length) {
        const size = Math.max(this.totals.length * 2, (r + 1) * n)
        const totals = new Float64Array(size)
        totals.set(this.totals)
        this.totals = totals
        const stamps = new Int32Array(size)
        stamps.set(this.stamps)
        this.stamps = stamps
      }
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
      const r = this.model.ensureRow(features.values[f] as number)
      if ((r + 1) * n > this.totals.length) {
        const size = Math.max(this.totals.length * 2, (r + 1) * n)
        const totals = new Float64Array(size)
        totals.set(this.totals)
        this.totals = totals
        const stamps = new Int32Array(size)
        stamps.set(this.stamps)
        this.stamps = stamps
      }
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
