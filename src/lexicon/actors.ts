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

/** A user's own registry file: any of the four lists, in the package files' entry shapes. */
export interface UserActors {
  readonly people?: readonly Person[]
  readonly organisations?: readonly Organisation[]
  readonly seats?: readonly Seat[]
  readonly sectorNouns?: readonly SectorNoun[]
}

/** The folder of people files, one per world region ("africa.json", "europe.json", "international.json"). */
export const PEOPLE_DIR = 'actors/people/'

/** The folder of organisation lists by kind ("universities.json", "companies.json", "legislatures.json"). */
export const ORGANISATIONS_DIR = 'actors/organisations/'

/** The last word of a name, without an Arabic article: "Asaad al-Shaibani" -> "al-Shaibani". */
export function surname(name: string): string {
  const words = name.trim().split(/\s+/)
  return words[words.length - 1] ?? ''
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
