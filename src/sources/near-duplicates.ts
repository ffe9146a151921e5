/** The MinHash sketch of a text: one minimum per hash function over its word shingles, and the shingle count. */
export interface Sketch {
  readonly mins: Uint32Array
  readonly shingles: number
}

/** Words per shingle: three keeps a light edit from breaking more than three shingles. */
export const SHINGLE_WORDS = 3
/** Hash functions in a sketch: 126 estimate a resemblance of 0.35 within about ±0.04. */
const HASHES = 126
/** LSH bands and rows per band, over the sketch's first BANDS × ROWS values: a pair of resemblance 0.35 shares a band with probability 0.94, one of 0.05 with 0.05. */
export const BANDS = 21
export const ROWS = 2
/** Fewer shingles than this and a text is too short to call a copy. */
export const MIN_SHINGLES = 12
/** A pair is a copy when its estimated resemblance or its containment (the shorter inside the longer) reaches these. */
export const RESEMBLANCE = 0.35
export const CONTAINMENT = 0.6

// fixed seeds, so sketches stored by one run compare with sketches of the next
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)))

function fmix32(h: number): number {
  let x = h >>> 0
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The distinct word shingles of a text, hashed to 32 bits (case and punctuation ignored). */
export function shingleHashes(text: string): Set<number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const out = new Set<number>()
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')))
  return out
}

/** The MinHash sketch of a text. */
export function sketchText(text: string): Sketch {
  const hashes = shingleHashes(text)
  const mins = new Uint32Array(HASHES).fill(0xffffffff)
  for (const h of hashes) {
    for (let i = 0; i < HASHES; i++) {
      const v = fmix32(h ^ (SEEDS[i] as number))
      if (v < (mins[i] as number)) mins[i] = v
    }
  }
  return { mins, shingles: hashes.size }
}

/** The LSH band keys of a sketch, as integers (band number × 2^32 + the hash of its rows): two sketches sharing a key are compared. */
export function bandKeys(sketch: Sketch): number[] {
  const keys: number[] = []
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h, 31) ^ (sketch.mins[b * ROWS + r] as number))
    keys.push(b * 2 ** 32 + h)
  }
  return keys
}

/** How alike two sketches are: the estimated Jaccard resemblance and containment of the smaller shingle set in the larger. */
export function similarity(a: Sketch, b: Sketch): { resemblance: number; containment: number } {
  let same = 0
  for (let i = 0; i < HASHES; i++) if (a.mins[i] === b.mins[i]) same++
  const resemblance = same / HASHES
  // |A ∩ B| = J (|A| + |B|) / (1 + J)
  const shared = (resemblance * (a.shingles + b.shingles)) / (1 + resemblance)
  const smaller = Math.min(a.shingles, b.shingles)
  return { resemblance, containment: smaller ? Math.min(1, shared / smaller) : 0 }
}

/** Whether two sketches are of the same story (a light edit, a new headline, a truncation). */
export function isNearDuplicate(a: Sketch, b: Sketch): boolean {
  if (a.shingles < MIN_SHINGLES || b.shingles < MIN_SHINGLES) return false
  const s = similarity(a, b)
  return s.resemblance >= RESEMBLANCE || s.containment >= CONTAINMENT
}

/** A sketch as bytes for the store, and back. */
export function sketchBytes(s: Sketch): Uint8Array {
  return new Uint8Array(s.mins.buffer.slice(s.mins.byteOffset, s.mins.byteOffset + s.mins.byteLength))
}
/** Reads a sketch stored with `sketchBytes`. */
export function sketchFromBytes(bytes: Uint8Array, shingles: number): Sketch {
  const copy = new Uint8Array(bytes)
  return { mins: new Uint32Array(copy.buffer, 0, HASHES), shingles }
}
