import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Actor, Entity, Message, Token } from '../../core/types.js'
import {
  lookupOrganisations,
  lookupPeople,
  organisationActive,
  type Person,
  peopleBySurname,
  rolesAt,
  seatByName,
  sectorByNoun,
  surname,
} from '../../lexicon/actors.js'
import { countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { lookupName, nameKey, normalizeName } from '../../lexicon/load.js'

/** Options of the actors stage. */
export interface ActorsOptions {
  /** Words before a name that mean its holder no longer has the role. */
  readonly formerWords?: readonly string[]
}

const MAX_ROLE_NOUN_WORDS = 3
// "in Damascus", "near Aleppo": a place where something happens, not a party to it
// ("strikes on Syria", "a visit to Moscow", "talks with Iran" keep their actor)
const LOCATIVE = new Set(['in', 'at', 'near', 'inside', 'within', 'throughout', 'across', 'around', 'outside', 'into', 'via', 'through'])
// how far before a name a nationality and a title may stand: "Syrian Foreign Minister X"
const MODIFIER_WINDOW = 4

interface Resolution {
  readonly code: string
  readonly name: string
  readonly id: string
  readonly via: string
}

/**
 * The `actors` stage: entity mentions and role-noun phrases -> actors with CAMEO code
 * chains, for the article's date: people by their dated roles, titles and nationalities
 * before a name, organisations, seats of government, countries, nationalities with role
 * nouns ("Russian troops"), and surnames after a full name.
 *
 * @example
 *   createActorsStage({ formerWords: ['former', 'ex-'] })
 */
export function createActorsStage(options: ActorsOptions = {}): Stage {
  const former = new Set(options.formerWords ?? ['former', 'ex', 'ousted', 'deposed', 'late', 'then', 'exiled', 'toppled'])
  return {
    name: 'actors',
    needs: ['entities', 'tokens', 'article'],
    provides: ['actors'],
    run(doc: Doc, ctx): Doc {
      const entities = need(doc, 'entities', 'actors')
      const tokens = need(doc, 'tokens', 'actors')
      const article = need(doc, 'article', 'actors')
      const day = article.published ?? ctx.today
      const text = doc.text
      const words = tokens.map((t) => text.slice(t.start, t.end))
      const tokenAt = new Map(tokens.map((t, i) => [t.start, i]))
      const focus = focusCountry(entities)
      const actors: Actor[] = []
      const messages: Message[] = []
      const bySurname = new Map<string, Resolution>()
      const covered = new Set<number>()

      for (const e of entities) {
        const first = tokenAt.get(e.start) ?? -1
        const mods = modifiers(first)
        let r: Resolution | null = null
        if (e.type === 'PER') r = resolvePerson(e, mods)
        else if (e.type === 'ORG' || e.type === 'MISC') r = resolveOrganisation(e)
        else if (e.type === 'GPE' || e.type === 'LOC') r = resolvePlaceActor(e, first)
        else if (e.type === 'NORP') r = resolveNationality(e, first)
        if (!r) {
          if (e.type === 'PER' || e.type === 'ORG')
            messages.push({ source: 'actors', ruleId: 'unresolved-actor', reason: `no actor known for "${e.text}"`, start: e.start, end: e.end })
          continue
        }
        // a nationality with a role noun after it is one actor: "Russian troops"
        const span = r.via === 'nationality+role' ? extendOverRoleNoun(e, first) : e
        actors.push({
          start: span.start,
          end: span.end,
          text: text.slice(span.start, span.end),
          code: r.code,
          country: countryOf(r.code),
          sector: sectorOf(r.code),
          name: r.name,
          id: r.id,
          via: r.via,
        })
        for (let i = first; i >= 0 && i < tokens.length && (tokens[i] as Token).start < span.end; i++) covered.add(i)
      }
      // role nouns with no name: "government forces", "Druze militias", "protesters"
      for (let i = 0; i < tokens.length; i++) {
        if (covered.has(i)) continue
        const match = roleNounAt(i)
        if (!match) continue
        const { sector, length } = match
        const prev = i > 0 ? (words[i - 1] ?? '') : ''
        // "Ukraine’s military": the possessor's country, and its words join the actor
        const possessive = i > 1 && /^['’]s$/.test(prev)
        const owner = possessive ? (lookupName(countryByName(), words[i - 2] ?? '') ?? null) : null
        // "Assad, who along with his family ...": his = the last person named before
        const holder = /^(his|her)$/i.test(prev)
          ? [...actors].reverse().find((a) => a.end <= (tokens[i] as Token).start && /^(registry:(?!organisation)|title|coreference)/.test(a.via))
          : undefined
        const country =
          owner?.code ??
          lookupName(countryByDemonym(), prev)?.code ??
          lookupName(countryByName(), prev)?.code ??
          (holder ? countryOf(holder.code) : null) ??
          null
        // "Druze militias", "Islamist factions": the group name belongs to the actor's words
        const group = !country && i > 0 && entities.some((e) => e.type === 'NORP' && e.end === (tokens[i - 1] as Token).end)
        const start = owner ? (tokens[i - 2] as Token).start : country || group ? (tokens[i - 1] as Token).start : (tokens[i] as Token).start
        const end = (tokens[i + length - 1] as Token).end
        if (owner) {
          // the possessor was resolved alone ("Ukraine" UKR): the phrase replaces it
          const at = actors.findIndex((a) => a.start === start)
          if (at >= 0) actors.splice(at, 1)
        }
        // no country in the words: the article's country, when the article has one clear
        // country and the sentence names no other ("officials said" after "India and Pakistan")
        const sentenceCountries = countriesInSentence((tokens[i] as Token).sentence)
        const fallback = focus && (sentenceCountries.size === 0 || (sentenceCountries.size === 1 && sentenceCountries.has(focus))) ? focus : null
        const c = country ?? fallback ?? '---'
        actors.push({
          start,
          end,
          text: text.slice(start, end),
          code: `${c}${sector}`,
          country: c === '---' ? null : c,
          sector,
          name: text.slice(start, end),
          id: `role:${c}${sector}`,
          via: country ? 'nationality+role' : fallback ? 'role+article-country' : 'role',
        })
        for (let k = i; k < i + length; k++) covered.add(k)
        i += length - 1
      }
      actors.sort((a, b) => a.start - b.start)
      return withLayer(doc, 'actors', actors, { messages })

      function countriesInSentence(sentence: number): Set<string> {
        const out = new Set<string>()
        for (const e of entities) {
          const t = tokens[tokenAt.get(e.start) ?? -1]
          if (t?.sentence !== sentence) continue
          const c = e.type === 'GPE' ? lookupName(countryByName(), e.text) : e.type === 'NORP' ? lookupName(countryByDemonym(), e.text) : undefined
          if (c) out.add(c.code)
        }
        return out
      }

      function modifiers(first: number): { country: string | null; sector: string | null; former: boolean } {
        let country: string | null = null
        let sector: string | null = null
        let isFormer = false
        for (let k = first - 1; k >= 0 && k >= first - MODIFIER_WINDOW; k--) {
          const t = tokens[k] as Token
          if (t.sentence !== (tokens[first] as Token | undefined)?.sentence || t.pos === 'PUNCT' || t.pos === 'VERB') break
          const w = words[k] ?? ''
          const role = sectorByNoun().get(nameKey(w)) ?? sectorByNoun().get(nameKey(`${w} ${words[k + 1] ?? ''}`))
          if (role && !sector) sector = role.sector
          if (former.has(w.toLowerCase().replace(/-$/, ''))) isFormer = true
          const c = lookupName(countryByDemonym(), w) ?? lookupName(countryByName(), w)
          if (c && !country) country = c.code
        }
        return { country, sector, former: isFormer }
      }

      function resolvePerson(e: Entity, mods: { country: string | null; sector: string | null; former: boolean }): Resolution | null {
        const known = lookupPeople(e.text)
        const person = pickPerson(known, day)
        if (person) {
          const roles = rolesAt(person, day)
          const role = roles[0]
          let res: Resolution
          if (role && !mods.former) res = { code: role.code, name: person.name, id: person.id, via: `registry:${role.title}` }
          else {
            // "former President Bashar Assad": no longer in office on the article's date
            const last = [...person.roles].filter((x) => (x.from ?? '') <= day).sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''))[0]
            if (!last) return null
            res = { code: `${last.code.slice(0, 3)}ELI`, name: person.name, id: person.id, via: 'registry:former' }
          }
          for (const n of [e.text, person.name]) bySurname.set(normalizeName(surname(n)), res)
          return res
        }
        const coref = bySurname.get(normalizeName(surname(e.text)))
        if (coref) return { ...coref, via: 'coreference:surname' }
        // a surname alone that only one office holder of that day carries: "Lavrov said"
        const bySur = (peopleBySurname().get(nameKey(e.text)) ?? []).filter((p) => rolesAt(p, day).length > 0)
        if (bySur.length === 1 && bySur[0]) {
          const p = bySur[0]
          const role = rolesAt(p, day)[0]
          if (role && !mods.former) return { code: role.code, name: p.name, id: p.id, via: 'registry:surname' }
        }
        if (mods.country && (mods.sector || mods.former)) {
          const res = { code: `${mods.country}${mods.former ? 'ELI' : mods.sector}`, name: e.text, id: `title:${nameKey(e.text)}`, via: 'title' }
          bySurname.set(normalizeName(surname(e.text)), res)
          return res
        }
        return null
      }

      function resolveOrganisation(e: Entity): Resolution | null {
        const org = lookupOrganisations(e.text).find((o) => organisationActive(o, day)) ?? lookupOrganisations(e.text)[0]
        return org ? { code: org.code, name: org.name, id: org.id, via: 'registry:organisation' } : null
      }

      function resolvePlaceActor(e: Entity, first: number): Resolution | null {
        const prev = first > 0 ? (tokens[first - 1] as Token) : null
        // "a visit to Moscow", "in Damascus": a place, not an actor
        if (prev && LOCATIVE.has((words[first - 1] ?? '').toLowerCase())) return null
        const seat = seatByName().get(nameKey(e.text.replace(/^the /i, '')))
        const country = lookupName(countryByName(), e.text)
        const role = roleNounAt(first + e.text.split(/\s+/).length)
        if (country && role) return { code: `${country.code}${role.sector}`, name: country.name, id: `country:${country.code}`, via: 'nationality+role' }
        if (country) return { code: country.code, name: country.name, id: `country:${country.code}`, via: 'country' }
        if (seat) return { code: seat.code, name: seat.term, id: `seat:${nameKey(seat.term)}`, via: seat.capital ? 'capital-metonymy' : 'seat' }
        return null
      }

      function resolveNationality(e: Entity, first: number): Resolution | null {
        const country = lookupName(countryByDemonym(), e.text)
        if (!country) return null
        // "Syrian President al-Sharaa": the person carries the country; no actor of its own
        const next = sectorByNoun().get(nameKey(words[first + 1] ?? '')) ?? sectorByNoun().get(nameKey(`${words[first + 1] ?? ''} ${words[first + 2] ?? ''}`))
        if (next?.title && entities.some((x) => x.type === 'PER' && x.start > e.end && x.start - e.end < 40)) return null
        const role = roleNounAt(first + 1)
        if (role) return { code: `${country.code}${role.sector}`, name: country.name, id: `country:${country.code}`, via: 'nationality+role' }
        return { code: country.code, name: country.name, id: `country:${country.code}`, via: 'nationality' }
      }

      function extendOverRoleNoun(e: Entity, first: number): { start: number; end: number } {
        const after = first + e.text.split(/\s+/).length
        const role = roleNounAt(after)
        if (!role) return e
        return { start: e.start, end: (tokens[after + role.length - 1] as Token).end }
      }

      function roleNounAt(i: number): { sector: string; length: number } | null {
        for (let len = MAX_ROLE_NOUN_WORDS; len >= 1; len--) {
          if (i + len > tokens.length) continue
          const phrase = words.slice(i, i + len).join(' ')
          const entry = sectorByNoun().get(nameKey(phrase))
          if (entry && !entry.title) return { sector: entry.sector, length: len }
          if (entry?.title && len > 1) return { sector: entry.sector, length: len }
        }
        return null
      }
    },
  }
}

/** The person a name means on a day: the one in office then, else the first known. */
function pickPerson(candidates: readonly Person[], day: string): Person | null {
  return candidates.find((p) => rolesAt(p, day).length > 0) ?? candidates[0] ?? null
}

/** The country the article is mostly about: the most named country or nationality. */
function focusCountry(entities: readonly Entity[]): string | null {
  const counts = new Map<string, number>()
  for (const e of entities) {
    const c = e.type === 'GPE' ? lookupName(countryByName(), e.text) : e.type === 'NORP' ? lookupName(countryByDemonym(), e.text) : undefined
    if (c) counts.set(c.code, (counts.get(c.code) ?? 0) + 1)
  }
  let best: string | null = null
  let n = 0
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k]
  return best
}

const countryOf = (code: string): string | null => (/^[A-Z]{3}/.test(code) && !/^(IGO|NGO|IMG|MNC|INT|NGM|UIS|---)/.test(code) ? code.slice(0, 3) : null)
const sectorOf = (code: string): string | null => (code.length >= 6 ? code.slice(3, 6) : null)
