import { existsSync, readFileSync } from 'node:fs'
import type { Organisation, Person, Role, SectorNoun } from './actors.js'
import { type EntryFile, LEXICON_DIR, lazy, loadLexicon, lookupName } from './load.js'

/** The folder of the lists converted from the Phoenix dictionaries (scripts/convert-phoenix.ts, MIT). */
export const PHOENIX_DIR = 'actors/phoenix/'

/** The Phoenix files' names, each a list of entries as the package files have them. */
export const PHOENIX_FILES = {
  people: `${PHOENIX_DIR}people.json`,
  organisations: `${PHOENIX_DIR}organisations.json`,
  sectorNouns: `${PHOENIX_DIR}sector-nouns.json`,
  earlierRoles: `${PHOENIX_DIR}earlier-roles.json`,
  names: `${PHOENIX_DIR}names.tsv`,
  table: `${PHOENIX_DIR}names.bin`,
} as const

/**
 * The Phoenix layer of the registry, below ours: names looked up in a compiled hash table
 * and entries parsed one at a time from their byte offset in the file, on first use.
 */
export interface PhoenixLayer {
  /** The day open-ended Phoenix roles end on (YYYY-MM-DD). */
  readonly cutoff: string
  lookupPeople(surface: string): readonly Person[] | undefined
  lookupOrganisations(surface: string): readonly Organisation[] | undefined
}

/** FNV-1a over a key's UTF-16 code units: the hash the compiled name table is sorted by. */
export function nameHash(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * Looks a key up in names.tsv ("key<TAB>value" lines) through names.bin: a count, then
 * the keys' hashes in ascending order, then each one's line offset (all uint32 LE). A
 * binary search over the hashes; the line confirms the key, so nothing is parsed at load.
 */
export function hashedLineLookup(table: Buffer, lines: Buffer, key: string): string | undefined {
  const n = table.readUInt32LE(0)
  const h = nameHash(key)
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (table.readUInt32LE(4 + mid * 4) < h) lo = mid + 1
    else hi = mid
  }
  for (let k = lo; k < n && table.readUInt32LE(4 + k * 4) === h; k++) {
    const at = table.readUInt32LE(4 + n * 4 + k * 4)
    const tab = lines.indexOf(9, at)
    const endAt = lines.indexOf(10, at)
    const end = endAt < 0 ? lines.length : endAt
    if (tab > at && tab < end && lines.toString('utf8', at, tab) === key) return lines.toString('utf8', tab + 1, end)
  }
  return undefined
}

function entriesAt<T>(file: string): (offsets: readonly number[]) => T[] {
  const bytes = lazy(() => readFileSync(LEXICON_DIR + file))
  const parsed = new Map<number, T>()
  return (offsets) =>
    offsets.map((at) => {
      let entry = parsed.get(at)
      if (entry === undefined) {
        const buf = bytes()
        const endAt = buf.indexOf(10, at)
        const line = buf.toString('utf8', at, endAt < 0 ? buf.length : endAt).replace(/,$/, '')
        try {
          entry = JSON.parse(line) as T
        } catch (e) {
          throw new TypeError(`cannot read lexicon file ${LEXICON_DIR + file} at byte ${at}: ${(e as Error).message}`)
        }
        parsed.set(at, entry)
      }
      return entry
    })
}

/** The Phoenix layer, or null when the converted files are not there. */
export const phoenixLayer = lazy((): PhoenixLayer | null => {
  if (!existsSync(LEXICON_DIR + PHOENIX_FILES.names) || !existsSync(LEXICON_DIR + PHOENIX_FILES.table)) return null
  const names = readFileSync(LEXICON_DIR + PHOENIX_FILES.names)
  const table = readFileSync(LEXICON_DIR + PHOENIX_FILES.table)
  const cutoff = /cutoff=(\d{4}-\d{2}-\d{2})/.exec(names.toString('utf8', 0, 200))?.[1] ?? ''
  const offsets = (kind: string) => ({
    get: (key: string): readonly number[] | undefined => hashedLineLookup(table, names, `${kind}:${key}`)?.split(',').map(Number),
  })
  const people = offsets('p')
  const organisations = offsets('o')
  const peopleAt = entriesAt<Person>(PHOENIX_FILES.people)
  const organisationsAt = entriesAt<Organisation>(PHOENIX_FILES.organisations)
  return {
    cutoff,
    lookupPeople: (surface) => {
      const at = lookupName(people, surface)
      return at ? peopleAt(at) : undefined
    },
    lookupOrganisations: (surface) => {
      const at = lookupName(organisations, surface)
      return at ? organisationsAt(at) : undefined
    },
  }
})

/**
 * Offices Phoenix dates before the first role our registry gives a person of ours, by our
 * person's id (ours wins: they end before our first role); empty when the file is not there.
 */
export function phoenixEarlierRoles(): ReadonlyMap<string, readonly Role[]> {
  if (!existsSync(LEXICON_DIR + PHOENIX_FILES.earlierRoles)) return new Map()
  const entries = loadLexicon<EntryFile<{ id: string; roles: readonly Role[] }>>(PHOENIX_FILES.earlierRoles).entries
  return new Map(entries.map((e) => [e.id, e.roles]))
}

/** The Phoenix role nouns ("farmer" AGR, "gen." MIL); none when the file is not there. */
export function phoenixSectorNouns(): readonly SectorNoun[] {
  return existsSync(LEXICON_DIR + PHOENIX_FILES.sectorNouns) ? loadLexicon<EntryFile<SectorNoun>>(PHOENIX_FILES.sectorNouns).entries : []
}

/**
 * Checks the compiled Phoenix index against its lists: every name of every entry is found
 * through names.bin and leads back to that entry. Returns one message per fault.
 */
export function checkPhoenixIndex(): string[] {
  const layer = phoenixLayer()
  if (!layer) return []
  const faults: string[] = []
  const check = <T extends { id: string; name: string; aliases: readonly string[] }>(file: string, find: (name: string) => readonly T[] | undefined): void => {
    for (const e of loadLexicon<EntryFile<T>>(file).entries) {
      for (const n of [e.name, ...e.aliases]) {
        if (!find(n)?.some((x) => x.id === e.id)) faults.push(`${file}  ${e.id}  index: "${n}" does not lead back to the entry`)
      }
    }
  }
  check<Person>(PHOENIX_FILES.people, layer.lookupPeople)
  check<Organisation>(PHOENIX_FILES.organisations, layer.lookupOrganisations)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(layer.cutoff)) faults.push(`${PHOENIX_FILES.names}  header: no cutoff date`)
  return faults
}
