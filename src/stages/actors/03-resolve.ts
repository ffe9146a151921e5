import { type Organisation, organisationActive, type Person, type Role, rolesAt } from '../../lexicon/actors.js'
import { partyStanding } from '../../lexicon/parties.js'
import type { Mention } from './01-mentions.js'
import type { Phrase } from './02-phrases.js'
import type { Coreference } from './04-coreference.js'

/** An actor code for a phrase, with the registry entry (or rule) that gave it. */
export interface Resolution {
  readonly code: string
  /** The sector when it is not the code's second element ("president of the European Council"). */
  readonly sector?: string
  readonly name: string
  readonly id: string
  readonly via: string
}

/** What resolution reads besides the phrase. */
export interface ResolveContext {
  /** The article's day (YYYY-MM-DD). */
  readonly day: string
  /** No date known: people take their latest role rather than none. */
  readonly undated: boolean
  /** The country a role noun alone falls back on, or null. */
  readonly fallbackCountry: (phrase: Phrase) => string | null
  readonly surface: (m: Mention | Phrase) => string
  readonly coreference: Coreference
}

/**
 * Pass 3: the actor of a phrase — a person by their role on the day (a title before the
 * name picks between roles; "former" makes them ELI), an organisation by its code, a
 * country, demonym or seat with the sector of its role nouns, or a role noun alone.
 */
export function resolvePhrase(p: Phrase, c: ResolveContext): Resolution | null {
  const roleSector = titleSector(p)
  const origin = originCode(p)
  const core = p.core
  if (core?.kind === 'person' || core?.kind === 'surname') {
    const found = resolvePerson(p, core, roleSector, c)
    if (found) return found
  }
  if (core?.kind === 'organisation') {
    const orgs = core.organisations ?? []
    const org = orgs.find((o) => organisationActive(o, c.day)) ?? orgs[0]
    if (org) {
      const party = org.sector === 'PTY' && org.country ? partyStanding(org.id, org.country, c.day) : null
      if (party && !p.former) {
        // "Labour MPs", "GOP voters": the members' own role; the party itself is GOV while it
        // is in the national executive and OPP outside it, its sector still PTY
        if (roleSector && !/^(PTY|ELI|GOV|OPP)$/.test(roleSector)) return { code: `${org.country}${roleSector}`, name: org.name, id: org.id, via: 'party+role' }
        return { code: `${org.country}${party}`, sector: 'PTY', name: org.name, id: org.id, via: 'registry:party' }
      }
      // "the rebel FDLR force": the body's own code; "president of the European Council": its role
      const sector = p.roles.length && (!org.sector || p.owned) ? roleSector : undefined
      const code = p.former ? `${org.code.slice(0, 3)}ELI` : org.code
      return { code, ...(sector && !p.former ? { sector } : {}), name: org.name, id: org.id, via: 'registry:organisation' }
    }
  }
  if (core && core.kind !== 'organisation') {
    // a name no registry knows: a title or role with a country gives the code
    // "Syrian President al-Sharaa" after "Ahmed al-Sharaa": the same person, when the
    // words before the name do not give another country
    const known = c.coreference.find(c.surface(core))
    if (known && (!origin || known.code.startsWith(ownerPart(origin)))) return { ...known, via: 'coreference:surname' }
    const name = c.surface(core)
    const id = `title:${name.toLowerCase()}`
    const party = p.former ? null : memberOf(p, roleSector, origin && ownerPart(origin), c.day)
    let res: Resolution
    if (party) res = { ...party, name, id }
    else {
      if (!origin && !roleSector) return null
      const sector = p.former ? 'ELI' : (roleSector ?? '')
      const country = (origin && ownerPart(origin)) ?? partyCountry(p, c) ?? c.fallbackCountry(p) ?? '---'
      if (!sector && !origin) return null
      res = { code: `${country}${sector}`, name, id, via: 'title' }
    }
    if (core.entityType === 'PER' || core.kind === 'person') c.coreference.remember(name, res)
    return res
  }
  // no name: a country, demonym or seat with or without roles, or roles alone
  if (origin) {
    const owner = ownerPart(origin)
    if (p.former) return { code: `${owner}ELI`, name: c.surface(p), id: `country:${owner}`, via: 'nationality+role' }
    if (roleSector) return { code: `${owner}${roleSector}`, name: c.surface(p), id: `country:${owner}`, via: 'nationality+role' }
    // a place that is no country or seat is where something happens, not who does it
    if (p.origins.every((o) => o.kind === 'place')) return null
    const seat = p.origins.find((o) => o.kind === 'seat')?.seat
    if (seat && p.origins.length === 1)
      return { code: seat.code, name: seat.term, id: `seat:${seat.term.toLowerCase()}`, via: seat.capital ? 'capital-metonymy' : 'seat' }
    return { code: origin, name: c.surface(p), id: `country:${origin}`, via: p.origins[0]?.kind === 'demonym' ? 'nationality' : 'country' }
  }
  if (!roleSector) return null
  // "Republican presidential candidates", "Labour activists": members of a party by its standing
  const members = p.former ? null : (memberOf(p, roleSector, c.fallbackCountry(p), c.day) ?? memberOf(p, roleSector, null, c.day))
  if (members) return { ...members, name: c.surface(p), id: `party:${members.code}` }
  const country = partyCountry(p, c) ?? c.fallbackCountry(p)
  const sector = p.former ? 'ELI' : roleSector
  return {
    code: `${country ?? '---'}${sector}`,
    name: c.surface(p),
    id: `role:${country ?? '---'}${sector}`,
    via: country ? 'role+article-country' : 'role',
  }
}

function resolvePerson(p: Phrase, core: Mention, titled: string | undefined, c: ResolveContext): Resolution | null {
  const name = c.surface(core)
  if (core.kind === 'surname') {
    const known = c.coreference.find(name)
    if (known) return { ...known, via: 'coreference:surname' }
  }
  const people = core.people ?? []
  // the Phoenix layer's offices are found by full name only, never by a surname alone
  // ("Cruz" is not a namesake's ministry of 2004-2019 that the Phoenix files give)
  const bySurname = core.kind === 'surname'
  const inOffice = people.filter((x) => rolesAt(x, c.day).some((r) => !bySurname || !fromPhoenix(r)))
  // a surname alone must point at one office holder of the day
  if (core.kind === 'surname' && !c.undated && inOffice.length !== 1) return null
  const person = inOffice[0] ?? (core.kind === 'surname' && people.length > 1 ? null : (people[0] ?? null))
  if (!person) return null
  const role = pickRole(person, titled, c)
  // "Suu Kyi" after "opposition leader Aung San Suu Kyi": out of office, the earlier mention's code
  const earlier = role || titled || p.former ? undefined : c.coreference.find(name)
  if (earlier?.id === person.id) return { ...earlier, via: 'coreference:name' }
  let res: Resolution | null = null
  const home = homeCountry(person, c.day)
  const party = role || p.former ? null : memberOf(p, titled, home, c.day)
  if (role && !p.former) res = { code: role.code, name: person.name, id: person.id, via: `registry:${role.title}` }
  // "Republican candidate X" out of office: the party's standing on the day (guide §6)
  else if (party) res = { ...party, name: person.name, id: person.id }
  // "opposition leader Shimon Peres" between two terms in office: the title of the day
  // with the person's country; a title of an office held before ("President Bashar Assad"
  // after his fall) is that office, now over
  else if (!role && titled && !p.former && home && !heldBefore(person, titled, c.day))
    res = { code: `${home}${titled}`, name: person.name, id: person.id, via: 'registry+title' }
  else {
    // "former President Bashar Assad": out of office on the article's date
    const last = latestRole(person, c.day)
    if (last) res = { code: `${last.code.slice(0, 3)}ELI`, name: person.name, id: person.id, via: 'registry:former' }
  }
  if (res) {
    c.coreference.remember(name, res)
    c.coreference.remember(person.name, res)
  }
  return res
}

/** The role a person holds on the day; a title before the name picks among several. */
function pickRole(person: Person, titled: string | undefined, c: ResolveContext): Role | null {
  const held = c.undated ? [...person.roles].sort((a, b) => (b.from ?? '').localeCompare(a.from ?? '')) : rolesAt(person, c.day)
  // "US Senator Marco Rubio" with no date: the role the title names
  if (titled) {
    const match = held.find((r) => r.code.slice(3).startsWith(titled))
    if (match) return match
  }
  return held[0] ?? null
}

/**
 * A party member's code: a party adjective in the phrase ("Republican candidate") with a
 * party role or none gives the party's country and its standing on the day (GOV in the
 * national executive, OPP outside it; annotation guide §6), in the person's own country when known.
 */
function memberOf(
  p: Phrase,
  titled: string | undefined,
  country: string | null | undefined,
  day: string,
): { code: string; sector: string; via: string } | null {
  if (titled && !/^(PTY|ELI|GOV|OPP)$/.test(titled)) return null
  const org = partyOf(p, country)
  const standing = org?.country ? partyStanding(org.id, org.country, day) : null
  return org?.country && standing ? { code: `${org.country}${standing}`, sector: 'PTY', via: 'party+member' } : null
}

/** The country of the party a party adjective names, the article's own country's party first. */
const partyCountry = (p: Phrase, c: ResolveContext): string | null | undefined => (partyOf(p, c.fallbackCountry(p)) ?? partyOf(p, null))?.country

/** The party a party adjective of the phrase names ("Republican Senator X"), in the given country when known. */
function partyOf(p: Phrase, country: string | null | undefined): Organisation | undefined {
  for (const g of p.groups) {
    const org = (g.organisations ?? []).find((o) => o.sector === 'PTY' && o.country && (!country || o.country === country))
    if (org) return org
  }
  return undefined
}

const fromPhoenix = (r: Role): boolean => r.source.startsWith('Phoenix ')

/**
 * Whether the person held an office of the sector that ended before the day, by our own
 * registry's dates (a Phoenix office "ends" only where the files stop, about 2015).
 */
const heldBefore = (person: Person, sector: string, day: string): boolean =>
  person.roles.some((r) => !fromPhoenix(r) && r.to !== null && r.to < day && r.code.slice(3).startsWith(sector))

/** The country of the person's role nearest the day (the last begun, else the first to come), if it is a state's. */
function homeCountry(person: Person, day: string): string | null {
  const next = [...person.roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''))[0]
  const code = (latestRole(person, day) ?? next)?.code ?? ''
  return /^[A-Z]{3}/.test(code) && !NOT_A_STATE.test(code) ? code.slice(0, 3) : null
}

const NOT_A_STATE = /^(IGO|NGO|IMG|MNC|INT|NGM|UIS|---)/

function latestRole(person: Person, day: string): Role | null {
  return [...person.roles].filter((x) => (x.from ?? '') <= day).sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''))[0] ?? null
}

/** The owner element of an origin code: the country, or the whole chain of an IGO seat ("Brussels"). */
const ownerPart = (code: string): string => (/^(IGO|NGO)/.test(code) ? code : code.slice(0, 3))

/** The sector the phrase's role nouns give: the last one heads the phrase ("Army chief"). */
function titleSector(p: Phrase): string | undefined {
  const last = p.roles[p.roles.length - 1]?.role
  // "police spokesman", "army spokeswoman": a spokesperson speaks for the body named before
  const body = p.roles[p.roles.length - 2]?.role
  if (last?.sector === 'ELI' && last.title && body && body.sector !== 'ELI') return body.sector
  return last?.sector
}

/** The country (or seat) code the phrase's origins give; an owner after "of" wins. */
function originCode(p: Phrase): string | null {
  const list = p.owned ? [...p.origins].reverse() : p.origins
  for (const o of list) {
    if (o.kind === 'seat' && o.seat) {
      // "a former White House official": the seat's country with the phrase's role
      return o.seat.code
    }
    if (typeof o.country === 'string') return o.country
    if (o.country) return o.country.code
  }
  return null
}
