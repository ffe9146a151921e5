import type { Entity, EntityType, Token, Truecased } from '../../core/types.js'
import type { Organisation, Person, Seat, SectorNoun } from '../../lexicon/actors.js'
import { type Country, countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { candidatesFor, isKnownPlace } from '../../lexicon/gazetteer.js'
import { lookupName, nameKey } from '../../lexicon/load.js'
import type { ActorRegistry } from '../../lexicon/registry.js'

/** What a mention names: a registry entry, a name no registry knows, or a role noun. */
export type MentionKind = 'person' | 'surname' | 'organisation' | 'country' | 'demonym' | 'seat' | 'place' | 'group' | 'name' | 'role'

/** A candidate piece of an actor phrase, over tokens [first, end). */
export interface Mention {
  readonly first: number
  readonly end: number
  readonly kind: MentionKind
  readonly people?: readonly Person[]
  readonly organisations?: readonly Organisation[]
  /** The country of a country name, a demonym or a known place. */
  readonly country?: Country | string
  readonly seat?: Seat
  readonly role?: SectorNoun
  readonly entityType?: EntityType
}

// "Democratic Forces for the Liberation of Rwanda", "Chief Minister of Balochistan": the
// longest registry names run to about eight words
const MAX_NAME_WORDS = 8
const MAX_ROLE_WORDS = 4
const CAPITALISED = /^[\p{Lu}\d]|^(?:al|el|ad|as|an|ash|at|az|ar|bin|ibn|de|van|von)-\p{L}/u

/**
 * Pass 1: candidate mentions — the longest registry names over the tokens (people,
 * organisations, countries, demonyms, seats), surnames of office holders, the entities
 * no registry knows, and role nouns ("troops", "Foreign Minister") on what is left.
 * `cased` is the document's truecased layer: "POLICE ARRESTED ...", "police arrested ...
 * in delhi": names are looked up as prose would write them.
 */
export function findMentions(text: string, tokens: readonly Token[], cased: Truecased, entities: readonly Entity[], registry: ActorRegistry): Mention[] {
  const word = (i: number): string => cased.words[i] ?? ''
  // the words [first, end) with the text's own spacing between them
  const surface = (first: number, end: number): string => {
    if (cased.prose) return text.slice((tokens[first] as Token).start, (tokens[end - 1] as Token).end)
    let out = word(first)
    for (let k = first + 1; k < end; k++) out += text.slice((tokens[k - 1] as Token).end, (tokens[k] as Token).start) + word(k)
    return out
  }
  const covered = new Array<boolean>(tokens.length).fill(false)
  const people = new Set(entities.flatMap((e) => (e.type === 'PER' ? [`${e.start}:${e.end}`] : [])))
  // "John Smith" is not the registry's Stephen Smith: a surname inside a longer unknown name
  const inLongerName = (t: Token): boolean =>
    entities.some((e) => e.type === 'PER' && e.start <= t.start && e.end >= t.end && e.end - e.start > t.end - t.start)
  const typedPerson = (start: number, end: number): boolean => people.has(`${start}:${end}`)
  // "the Kurdistan Democratic Party" is not the registry's "Democratic Party": a capitalised
  // name or adjective right before a body's name (no country, nationality or role noun)
  // makes it another body's
  const tailOfLongerName = (first: number): boolean => {
    const prev = tokens[first - 1]
    if (!prev || prev.sentence !== (tokens[first] as Token).sentence || !/^(PROPN|ADJ)$/.test(prev.pos ?? '') || !/^\p{Lu}/u.test(word(first - 1))) return false
    // a sentence's first word is capitalised whatever it is
    if (first - 1 === 0 || (tokens[first - 2] as Token).sentence !== prev.sentence) return false
    const w = word(first - 1)
    return !lookupName(countryByName(), w) && !lookupName(countryByDemonym(), w) && !registry.sectorByNoun.has(nameKey(w))
  }
  const mentions: Mention[] = []
  const add = (m: Mention): void => {
    mentions.push(m)
    for (let k = m.first; k < m.end; k++) covered[k] = true
  }

  // "police in nairobi said": a text written without case is read truecased, its names capitalised
  for (let i = 0; i < tokens.length; i++) {
    if (!CAPITALISED.test(word(i))) continue
    for (let len = Math.min(MAX_NAME_WORDS, tokens.length - i); len >= 1; len--) {
      const last = tokens[i + len - 1] as Token
      // a name never runs over a sentence end
      if (last.sentence !== (tokens[i] as Token).sentence) continue
      const m = registryMention(registry, surface(i, i + len), i, i + len)
      if (!m) continue
      // "Jordan said the team played well": a country's name the entities stage reads as a person is the person
      if (m.kind === 'country' && typedPerson((tokens[i] as Token).start, last.end)) continue
      if (m.kind === 'organisation' && tailOfLongerName(i)) break
      add(m)
      i += len - 1
      break
    }
  }

  // "Lavrov said": a surname alone that an office holder carries; a sentence's first
  // word only when a verb follows ("Trump said") or it stands alone, since "Wait 5 sec."
  // and "Park the car" start sentences too
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !/^\p{Lu}\p{Ll}|^\p{Ll}{1,3}-\p{Lu}/u.test(word(i))) continue
    const people = registry.peopleBySurname.get(nameKey(word(i)))
    // "Jordan" left by the registry loop above is a person the entities stage found, not "Abdullah II of Jordan"
    if (!people?.length || (lookupName(countryByName(), word(i)) && typedPerson((tokens[i] as Token).start, (tokens[i] as Token).end))) continue
    const t = tokens[i] as Token
    if (inLongerName(t)) continue
    const sentenceFirst = i === 0 || (tokens[i - 1] as Token).sentence !== t.sentence
    const next = tokens[i + 1]
    const alone = !next || next.sentence !== t.sentence
    if (sentenceFirst && !alone && !/^(VERB|AUX)$/.test(next?.pos ?? '')) continue
    add({ first: i, end: i + 1, kind: 'surname', people })
  }

  // the names only the entities stage found: unknown people, bodies, places
  const tokenAt = new Map(tokens.map((t, i) => [t.start, i]))
  for (const e of entities) {
    let first = tokenAt.get(e.start)
    if (first === undefined) continue
    let end = first
    while (end < tokens.length && (tokens[end] as Token).end <= e.end) end++
    // "Sen. Ann Ray", "Judge Okafor" typed as one person: the title is left to the role
    // nouns below and the rest is the name
    if (e.type === 'PER') first = afterTitle(first, end)
    if (end === first || covered.slice(first, end).some(Boolean)) continue
    // "the Mongolian President", "Ecuador's Ombudsman's Office": a role noun typed as a
    // name is left to the role nouns below
    const named = surface(first, end)
    if (registry.sectorByNoun.has(nameKey(named))) continue
    if (e.type === 'GPE' || e.type === 'LOC') {
      const place = candidatesFor(named)[0] ?? adminUnitPlace(named)
      if (place?.country) add({ first, end, kind: 'place', country: place.country, entityType: e.type })
      continue
    }
    // "Republican", "Democrat", "Labour": a party's member adjective before a role or a name
    const parties = e.type === 'NORP' || e.type === 'MISC' ? partiesNamed(registry, named) : []
    if (e.type === 'NORP' || parties.length) {
      add({ first, end, kind: 'group', entityType: e.type, ...(parties.length ? { organisations: parties } : {}) })
      continue
    }
    // "Zetas Cartel", "Madras High Court": a trailing role noun stays its own mention
    let nameEnd = end
    while (nameEnd > first + 1 && registry.sectorByNoun.has(nameKey(word(nameEnd - 1)))) nameEnd--
    // "Kano State government", "Madras High Court": a known place before a role noun
    const name = surface(first, nameEnd)
    const place = (nameEnd < end || e.type !== 'PER') && isKnownPlace(name) ? candidatesFor(name)[0] : undefined
    if (place?.country) add({ first, end: nameEnd, kind: 'place', country: place.country, entityType: 'GPE' })
    else add({ first, end: nameEnd, kind: 'name', entityType: e.type })
  }

  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue
    // up to the next word already in a mention
    let free = 1
    while (free < MAX_ROLE_WORDS && i + free < tokens.length && !covered[i + free]) free++
    const hit = longestRole(i, free)
    if (!hit) continue
    add({ first: i, end: i + hit.len, kind: 'role', role: hit.role })
    i += hit.len - 1
  }
  // "Gen. Cartwright", "Judge Okafor": a capitalised word right after a title names a
  // person even when the entities stage missed it (up to three words)
  for (const m of [...mentions]) {
    if (m.kind !== 'role' || !m.role || !isTitle(m.role)) continue
    const start = m.end
    let end = start
    while (
      end < tokens.length &&
      end - start < 3 &&
      !covered[end] &&
      (tokens[end] as Token).sentence === (tokens[m.first] as Token).sentence &&
      /^\p{Lu}\p{Ll}/u.test(word(end)) &&
      !registry.sectorByNoun.has(nameKey(word(end)))
    )
      end++
    if (end > start) add({ first: start, end, kind: 'name', entityType: 'PER' })
  }
  return mentions.sort((a, b) => a.first - b.first)

  // the first token after the titles that open a name, keeping at least one word of the name
  function afterTitle(first: number, end: number): number {
    let at = first
    for (;;) {
      const hit = longestRole(at, Math.min(MAX_ROLE_WORDS, end - at - 1), true)
      if (!hit) return at
      at += hit.len
    }
  }

  // the longest role noun (a title, with titlesOnly) of up to `limit` words from token i
  function longestRole(i: number, limit: number, titlesOnly = false): { role: SectorNoun; len: number } | undefined {
    for (let len = Math.min(limit, tokens.length - i); len >= 1; len--) {
      const role = registry.sectorByNoun.get(nameKey(surface(i, i + len)))
      if (role && (!titlesOnly || isTitle(role))) return { role, len }
    }
    return undefined
  }
}

/** The political parties a member adjective names: "Republican" (Republicans), "Labour" (Labour Party). */
function partiesNamed(registry: ActorRegistry, word: string): Organisation[] {
  if (word.includes(' ')) return []
  for (const name of [`${word}s`, `${word} Party`]) {
    const found = registry.lookupOrganisations(name).filter((o) => o.sector === 'PTY' && o.country)
    if (found.length) return found
  }
  return []
}

/** A title before a name: our titles and the dictionaries' abbreviations ("Gen.", "Lt."). */
const isTitle = (role: SectorNoun): boolean => Boolean(role.title) || /^\p{L}+\.$/u.test(role.term)

// "Kano State", "Helmand Province": a subnational unit named with its kind
const ADMIN_UNIT = /^(.+?)\s+(State|Province|Region|County|District|Governorate|Oblast|Prefecture)$/

/** The place of a subnational unit whose bare name is a known place. */
function adminUnitPlace(name: string): ReturnType<typeof candidatesFor>[number] | undefined {
  const bare = ADMIN_UNIT.exec(name)?.[1]
  return bare && isKnownPlace(bare) ? candidatesFor(bare)[0] : undefined
}

/** The registry entry a capitalised span names, if any; a leading "the" is allowed off. */
function registryMention(registry: ActorRegistry, surface: string, first: number, end: number): Mention | null {
  const people = registry.lookupPeople(surface)
  if (people.length) return { first, end, kind: 'person', people }
  const organisations = registry.lookupOrganisations(surface)
  if (organisations.length) return { first, end, kind: 'organisation', organisations }
  const country = lookupName(countryByName(), surface)
  if (country) return { first, end, kind: 'country', country }
  const demonym = lookupName(countryByDemonym(), surface)
  if (demonym) return { first, end, kind: 'demonym', country: demonym }
  // "TEHRAN" in a dateline: a shouted name, not an acronym
  const seat = lookupName(registry.seatByName, surface)
  if (seat) return { first, end, kind: 'seat', seat }
  return null
}
