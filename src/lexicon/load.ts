import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The folder that holds the data files (lexicon/ at the package root). */
export const LEXICON_DIR = fileURLToPath(new URL('../../lexicon/', import.meta.url))

const cache = new Map<string, unknown>()

/** Reads a JSON data file under lexicon/ once and keeps it for the process. */
export function loadLexicon<T>(relativePath: string): T {
  let value = cache.get(relativePath)
  if (value === undefined) {
    const path = LEXICON_DIR + relativePath
    try {
      value = JSON.parse(readFileSync(path, 'utf8'))
    } catch (e) {
      throw new TypeError(`cannot read lexicon file ${path}: ${(e as Error).message}`)
    }
    cache.set(relativePath, value)
  }
  return value as T
}

/** The JSON files of a folder under lexicon/ ("actors/people/"), in name order; none when the folder is missing. */
export function lexiconFiles(folder: string): string[] {
  const dir = LEXICON_DIR + folder
  if (!existsSync(dir)) return []
  const base = folder.endsWith('/') ? folder : `${folder}/`
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => base + f)
}

/** A data file that is a list of entries with a description of where they come from. */
export interface EntryFile<T> {
  readonly description: string
  readonly entries: readonly T[]
}

/** Memoises a zero-argument builder: indexes are built on first use, not at import. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined
  let built = false
  return () => {
    if (!built) {
      value = build()
      built = true
    }
    return value as T
  }
}

const PLAIN_ASCII = /^[A-Za-z0-9.'&]+(?: [A-Za-z0-9.'&]+)*$/

/** Lower-cases, folds accents and curly apostrophes, squeezes spaces: the key for alias look-ups. */
export function normalizeName(s: string): string {
  // plain ASCII words (most look-ups) need no Unicode folding: the cheap path
  if (PLAIN_ASCII.test(s)) return s.toLowerCase()
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘ʼ`]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

// "US" the country is not "us" the pronoun: acronyms match only in capitals
const ACRONYM = /^[A-Z][A-Z.&]{1,7}$/

/** The index key of a name: acronyms keep their case (without dots), others are normalised. */
export function nameKey(name: string): string {
  return ACRONYM.test(name) ? `=${name.replace(/\./g, '')}` : normalizeName(name)
}

/** Looks a surface string up in an index built with `nameKey`. */
export function lookupName<T>(index: { get(key: string): T | undefined }, surface: string): T | undefined {
  if (ACRONYM.test(surface)) {
    const exact = index.get(`=${surface.replace(/\./g, '')}`)
    if (exact !== undefined) return exact
  }
  // an all-capitals word that is not a known acronym may be a shouted name ("SYRIA")
  return index.get(normalizeName(surface))
}
