import { existsSync } from 'node:fs'
import { ORGANISATIONS_DIR, type Organisation, PEOPLE_DIR, type Person, type Seat, type SectorNoun, surname, type UserActors } from './actors.js'
import { type EntryFile, LEXICON_DIR, lazy, lexiconFiles, loadLexicon, lookupName, nameKey } from './load.js'
import { phoenixEarlierRoles, phoenixLayer, phoenixSectorNouns } from './phoenix.js'

/**
 * The actor registry one analyzer reads: the package's people, organisations, seats of
 * government and role nouns, merged with a user's own file, and the name indexes over them
 * (built on first use, once per registry). Below them, the Phoenix layer (lexicon/actors/phoenix/)
 * answers name look-ups that ours leave empty, and its role nouns yield to ours.
 */
export interface ActorRegistry {
  readonly people: readonly Person[]
  readonly organisations: readonly Organisation[]
  readonly seats: readonly Seat[]
  readonly sectorNouns: readonly SectorNoun[]
  /** People by every full name and alias. */
  readonly peopleByName: ReadonlyMap<string, readonly Person[]>
  /** People by surname (the last word of each name), for "Lavrov said". */
  readonly peopleBySurname: ReadonlyMap<string, readonly Person[]>
  /** Organisations by name and alias. */
  readonly organisationsByName: ReadonlyMap<string, readonly Organisation[]>
  /** Seats of government and capitals used for governments ("the Kremlin", "Moscow"); a later entry (the user's) wins. */
  readonly seatByName: ReadonlyMap<string, Seat>
  /** Role nouns by singular and plural ("troops" -> MIL). */
  readonly sectorByNoun: ReadonlyMap<string, SectorNoun>
  lookupPeople(surface: string): readonly Person[]
  lookupOrganisations(surface: string): readonly Organisation[]
}

const optional = <T>(file: string): readonly T[] => (existsSync(LEXICON_DIR + file) ? loadLexicon<EntryFile<T>>(file).entries : [])

// the package's lists are read once per process and shared by every registry: they never change
const packageLists = lazy(() => ({
  people: withEarlierRoles(lexiconFiles(PEOPLE_DIR).flatMap((f) => optional<Person>(f))),
  organisations: ['actors/organisations.json', ...lexiconFiles(ORGANISATIONS_DIR)].flatMap((f) => optional<Organisation>(f)),
  seats: optional<Seat>('actors/seats.json'),
  // the Phoenix role nouns come first so that ours, later in the list, win in the index
  sectorNouns: [...phoenixSectorNouns(), ...optional<SectorNoun>('actors/sector-nouns.json')],
}))

// "Prime Minister" in the 1990s of someone our list follows from 2009: the offices the
// Phoenix files date before our first role (ours wins after it)
function withEarlierRoles(people: readonly Person[]): readonly Person[] {
  const earlier = phoenixEarlierRoles()
  if (!earlier.size) return people
  return people.map((p) => {
    const roles = earlier.get(p.id)
    return roles ? { ...p, roles: [...roles, ...p.roles] } : p
  })
}

// a user entry with the id of a package entry replaces it: "my data says she left office"
function merged<T extends { readonly id: string }>(base: readonly T[], extra: readonly T[] | undefined): readonly T[] {
  if (!extra?.length) return base
  const ids = new Set(extra.map((x) => x.id))
  return [...base.filter((x) => !ids.has(x.id)), ...extra]
}

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

/** The package registry alone, shared by every analyzer that has no user file. */
export const packageRegistry = lazy(() => buildRegistry({}))

/**
 * The registry of the package merged with a user's lists (already validated, see
 * `readUserRegistry`). Without user lists it is the shared package registry.
 *
 * @example
 *   createActorRegistry({ people: [{ id: 'x', name: 'Jane Roe', aliases: [], roles: [] }] })
 */
export function createActorRegistry(user: UserActors = {}): ActorRegistry {
  const empty = !user.people?.length && !user.organisations?.length && !user.seats?.length && !user.sectorNouns?.length
  return empty ? packageRegistry() : buildRegistry(user)
}

function buildRegistry(user: UserActors): ActorRegistry {
  const base = packageLists()
  const people = merged(base.people, user.people)
  const organisations = merged(base.organisations, user.organisations)
  const seats = [...base.seats, ...(user.seats ?? [])]
  const sectorNouns = [...base.sectorNouns, ...(user.sectorNouns ?? [])]
  const peopleByName = lazy(() => multiIndex(people, (p) => [p.name, ...p.aliases]))
  const peopleBySurname = lazy(() => multiIndex(people, (p) => [p.name, ...p.aliases].map(surname).filter((s) => s.length > 2)))
  const organisationsByName = lazy(() => multiIndex(organisations, (o) => [o.name, ...o.aliases]))
  const seatByName = lazy(() => new Map(seats.map((s) => [nameKey(s.term.replace(/^the /i, '')), s])))
  const sectorByNoun = lazy(() => {
    const index = new Map<string, SectorNoun>()
    for (const s of sectorNouns) {
      index.set(nameKey(s.term), s)
      if (s.plural) index.set(nameKey(s.plural), s)
    }
    return index
  })
  return Object.freeze({
    people,
    organisations,
    seats,
    sectorNouns,
    get peopleByName() {
      return peopleByName()
    },
    get peopleBySurname() {
      return peopleBySurname()
    },
    get organisationsByName() {
      return organisationsByName()
    },
    get seatByName() {
      return seatByName()
    },
    get sectorByNoun() {
      return sectorByNoun()
    },
    // ours first, then the Phoenix layer for a name we do not list as anyone or anything
    lookupPeople: (surface: string): readonly Person[] => {
      const own = lookupName(peopleByName(), surface)
      if (own) return own
      return lookupName(organisationsByName(), surface) ? [] : (phoenixLayer()?.lookupPeople(surface) ?? [])
    },
    lookupOrganisations: (surface: string): readonly Organisation[] => {
      const own = lookupName(organisationsByName(), surface)
      if (own) return own
      return lookupName(peopleByName(), surface) ? [] : (phoenixLayer()?.lookupOrganisations(surface) ?? [])
    },
  })
}

/**
 * Memoises a value derived from a registry (an index a stage builds over its names), once
 * per registry: two analyzers with different user files each get their own.
 */
export function perRegistry<T>(build: (registry: ActorRegistry) => T): (registry: ActorRegistry) => T {
  const cache = new WeakMap<ActorRegistry, T>()
  return (registry) => {
    let value = cache.get(registry)
    if (value === undefined) {
      value = build(registry)
      cache.set(registry, value)
    }
    return value
  }
}
