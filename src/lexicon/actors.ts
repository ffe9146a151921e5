import { existsSync, readFileSync } from 'node:fs'
import { type EntryFile, LEXICON_DIR, lazy, lexiconFiles, loadLexicon, lookupName, nameKey } from './load.js'

/** A dated role: the actor code a person carries between two dates. */
export interface Role {
  readonly code: string
  readonly title: string
  /** YYYY, YYYY-MM or YYYY-MM-DD; the role holds from the start of that period. */
  readonly from: string | null
  /** Same precision rules; null while the role lasts. */
  readonly to: string | null
  readonly source: string
}

export interface Person {
  readonly id: string
  readonly name: string
  readonly aliases: readonly string[]
  readonly gender?: string
  readonly roles: readonly Role[]
}

export interface Organisation {
  readonly id: string
  readonly name: string
  readonly aliases: readonly string[]
  readonly code: string
  readonly country: string | null
  readonly sector: string | null
  readonly from?: string | null
  readonly to?: string | null
  readonly source: string
}

export interface SectorNoun {
  readonly term: string
  readonly plural?: string
  readonly sector: string
  readonly title?: boolean
  readonly source: string
}

export interface Seat {
  readonly term: string
  readonly code: string
  readonly capital?: boolean
  readonly source: string
}

const optional = <T>(file: string): readonly T[] => (existsSync(LEXICON_DIR + file) ? loadLexicon<EntryFile<T>>(file).entries : [])

/** A user's own registry file: any of the four lists, in the package files' entry shapes. */
export interface UserActors {
  readonly people?: readonly Person[]
  readonly organisations?: readonly Organisation[]
  readonly seats?: readonly Seat[]
  readonly sectorNouns?: readonly SectorNoun[]
}

/** The environment variable that names a user's registry file (`--actors FILE` sets it). */
export const USER_ACTORS_ENV = 'SITREP_ACTORS'

/** The user's registry file named by SITREP_ACTORS, or an empty one; a file that cannot be read is a TypeError. */
export const userActors = lazy((): UserActors => {
  const path = process.env[USER_ACTORS_ENV]
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as UserActors
  } catch (e) {
    throw new TypeError(`cannot read the actors file ${path} (${USER_ACTORS_ENV}): ${(e as Error).message}`)
  }
})

// a user entry with the id of a package entry replaces it: "my data says she left office"
function merged<T extends { readonly id: string }>(base: readonly T[], extra: readonly T[] | undefined): readonly T[] {
  if (!extra?.length) return base
  const ids = new Set(extra.map((x) => x.id))
  return [...base.filter((x) => !ids.has(x.id)), ...extra]
}

/** The folder of people files, one per world region ("africa.json", "europe.json", "international.json"). */
export const PEOPLE_DIR = 'actors/people/'

/** Every person: the package registry (every file of the people folder), then the user's file. */
export const people = lazy(() =>
  merged(
    lexiconFiles(PEOPLE_DIR).flatMap((f) => optional<Person>(f)),
    userActors().people,
  ),
)
/** The folder of organisation lists by kind ("universities.json", "companies.json", "legislatures.json"). */
export const ORGANISATIONS_DIR = 'actors/organisations/'

/** Every organisation: the package registry (organisations.json and the organisations folder), then the user's file. */
export const organisations = lazy(() =>
  merged(
    ['actors/organisations.json', ...lexiconFiles(ORGANISATIONS_DIR)].flatMap((f) => optional<Organisation>(f)),
    userActors().organisations,
  ),
)
/** Role nouns and titles: the package list, then the user's file. */
export const sectorNouns = lazy(() => [...optional<SectorNoun>('actors/sector-nouns.json'), ...(userActors().sectorNouns ?? [])])
/** Seats of government: the package list, then the user's file. */
export const seats = lazy(() => [...optional<Seat>('actors/seats.json'), ...(userActors().seats ?? [])])

function multiIndex<T>(items: readonly T[], names: (t: T) => readonly string[]): Map<string, T[]> {
  const index = new Map<string, T[]>()
  for (const item of items) {
    for (const n of new Set(names(item).map(nameKey))) {
      const list = index.get(n)
      if (list) list.push(item)
      else index.set(n, [item])
    }
  }
  return index
}

/** People by every full name and alias. */
export const peopleByName = lazy(() => multiIndex(people(), (p) => [p.name, ...p.aliases]))

/** People by surname (the last word of each name), for "Lavrov said". */
export const peopleBySurname = lazy(() => multiIndex(people(), (p) => [p.name, ...p.aliases].map(surname).filter((s) => s.length > 2)))

/** Organisations by name and alias. */
export const organisationsByName = lazy(() => multiIndex(organisations(), (o) => [o.name, ...o.aliases]))

/** Seats of government and capitals used for governments ("the Kremlin", "Moscow"); a later entry (the user's) wins. */
export const seatByName = lazy(() => new Map(seats().map((s) => [nameKey(s.term.replace(/^the /i, '')), s])))

/** Role nouns by singular and plural ("troops" -> MIL). */
export const sectorByNoun = lazy(() => {
  const index = new Map<string, SectorNoun>()
  for (const s of sectorNouns()) {
    index.set(nameKey(s.term), s)
    if (s.plural) index.set(nameKey(s.plural), s)
  }
  return index
})

/** The last word of a name, without an Arabic article: "Asaad al-Shaibani" -> "al-Shaibani". */
export function surname(name: string): string {
  const words = name.trim().split(/\s+/)
  return words[words.length - 1] ?? ''
}

export function lookupPeople(surface: string): readonly Person[] {
  return lookupName(peopleByName(), surface) ?? []
}

export function lookupOrganisations(surface: string): readonly Organisation[] {
  return lookupName(organisationsByName(), surface) ?? []
}

/** Whether a partial date (YYYY, YYYY-MM, YYYY-MM-DD) period contains the day. */
function onOrAfter(day: string, from: string | null | undefined): boolean {
  return !from || day >= from.slice(0, 10)
}
function before(day: string, to: string | null | undefined): boolean {
  if (!to) return true
  // "2024-12" ends at the end of December 2024
  const end = to.length === 4 ? `${to}-12-31` : to.length === 7 ? `${to}-31` : to
  return day <= end
}

/** The roles a person holds on a day (YYYY-MM-DD). */
export function rolesAt(person: Person, day: string): Role[] {
  return person.roles.filter((r) => onOrAfter(day, r.from) && before(day, r.to))
}

/** Whether an organisation exists on a day. */
export function organisationActive(org: Organisation, day: string): boolean {
  return onOrAfter(day, org.from) && before(day, org.to)
}
