import { type Doc, need, withLayer } from '../../core/doc.js'
import { messagesFrom } from '../../core/messages.js'
import type { Actor, Entity, Message, Token } from '../../core/types.js'
import { countryByDemonym, countryByName, datedCountryCode } from '../../lexicon/countries.js'
import { candidatesFor, isKnownPlace } from '../../lexicon/gazetteer.js'
import { type EntryFile, lazy, loadLexicon, lookupName } from '../../lexicon/load.js'
import type { PipelineStage } from '../context.js'
import { findMentions, type Mention } from './01-mentions.js'
import { groupPhrases, type Phrase } from './02-phrases.js'
import { type Resolution, resolvePhrase } from './03-resolve.js'
import { Coreference } from './04-coreference.js'

const report = messagesFrom('actors')

/** Options of the actors stage. */
export interface ActorsOptions {
  /** Words before a name that mean its holder no longer has the role (lexicon/actors/former-words.json by default). */
  readonly formerWords?: readonly string[]
}

// "in Damascus", "near Aleppo", "in central Baghdad": a place where something happens, not a party to it
const locatives = lazy(() => {
  const l = loadLexicon<{ prepositions: readonly string[]; partOfPlace: readonly string[] }>('actors/locative-words.json')
  return { prepositions: new Set(l.prepositions), partOfPlace: new Set(l.partOfPlace) }
})

/**
 * The `actors` stage: mentions -> actors with CAMEO code chains for the article's date,
 * in four passes: candidate mentions (registry names, entities, role nouns), actor
 * phrases ("Syrian President al-Sharaa", "Kyiv police"), resolution (dated roles,
 * organisations, seats, nationalities with roles), and surname coreference.
 *
 * @example
 *   createActorsStage({ formerWords: ['former', 'ex-'] })
 */
export function createActorsStage(options: ActorsOptions = {}): PipelineStage {
  const formerWords = new Set(options.formerWords ?? loadLexicon<EntryFile<string>>('actors/former-words.json').entries)
  return {
    name: 'actors',
    needs: ['entities', 'tokens', 'truecased', 'article'],
    provides: ['actors'],
    run(doc: Doc, ctx): Doc {
      const entities = need(doc, 'entities', 'actors')
      const tokens = need(doc, 'tokens', 'actors')
      const article = need(doc, 'article', 'actors')
      const text = doc.text
      const span = (m: Mention | Phrase): { start: number; end: number } => ({
        start: (tokens[m.first] as Token).start,
        end: (tokens[m.end - 1] as Token).end,
      })
      const surface = (m: Mention | Phrase): string => {
        const s = span(m)
        return text.slice(s.start, s.end)
      }
      const focus = focusCountry(entities)
      const coreference = new Coreference()
      const mentions = findMentions(text, tokens, need(doc, 'truecased', 'actors'), entities, ctx.lexicon.actors)
      const phrases = groupPhrases(text, tokens, mentions, { formerWords })
      const actors: Actor[] = []
      const messages: Message[] = []
      const unresolved: Phrase[] = []
      let countriesBySentence: Map<number, Set<string>> | null = null
      const context = {
        day: article.published ?? ctx.today,
        undated: !article.published,
        surface,
        coreference,
        // no country in the words: the article's country, when it has one clear country
        // and the sentence names no other ("officials said" after "India and Pakistan")
        fallbackCountry: (p: Phrase): string | null => {
          const named = countriesInSentence((tokens[p.first] as Token).sentence)
          return focus && (named.size === 0 || (named.size === 1 && named.has(focus))) ? focus : null
        },
      }
      // an actor where the words of s name the resolution r; "Serbian police" in 1998: Yugoslavia's, as CAMEO codes it
      const actorOf = (s: { start: number; end: number }, r: Resolution): Actor => {
        const code = datedCountryCode(r.code, context.day)
        return {
          ...s,
          text: text.slice(s.start, s.end),
          code,
          country: countryOf(code),
          sector: r.sector ?? sectorOf(code),
          name: r.name,
          id: r.id,
          via: r.via,
        }
      }
      // "Evelyne Anite, the minister of state for investment": the role after the comma is the name's
      const appositive = new Set<Phrase>()
      for (const [k, p] of phrases.entries()) {
        if (appositive.has(p)) continue
        const at = (tokens[p.first] as Token).start
        // "a visit to Moscow" keeps its actor, "in Damascus" is a place
        const wordAt = (k: number): string =>
          (text.slice((tokens[k] as Token | undefined)?.start ?? 0, (tokens[k] as Token | undefined)?.end ?? 0) || '').toLowerCase()
        const before = wordAt(p.first - 1)
        // "in central Baghdad", "in southern Lebanon": a part of a place is still a place
        const { prepositions, partOfPlace } = locatives()
        const locative = prepositions.has(before) || (partOfPlace.has(before) && prepositions.has(wordAt(p.first - 2)))
        if (locative && !p.core && p.roles.length === 0) continue
        let r = resolvePhrase(p, context)
        let s = span(p)
        // "the Palestinian leader", "Russia's leadership": a state's leader is its executive
        // (CAMEO codebook Table 3.1 GOV; annotation guide §6, heads of state and government)
        if (r && (r.via === 'nationality' || r.via === 'country') && !p.core && p.roles.length === 0) {
          const at = POSSESSIVE_MARK.test(wordAt(p.end)) ? p.end + 1 : p.end
          if (LEADER_WORDS.test(wordAt(at)) && (tokens[at] as Token).sentence === (tokens[p.first] as Token).sentence) {
            r = { ...r, code: `${r.code.slice(0, 3)}GOV`, via: 'nationality+leader' }
            s = { start: s.start, end: (tokens[at] as Token).end }
          }
        }
        // "Assad, who along with his family ...": his = the last person named before
        if (r?.code.startsWith('---') && !p.core && /^(his|her)$/i.test(before)) {
          const holder = [...actors].reverse().find((a) => a.end <= at && /^(registry:(?!organisation)|title|coreference)/.test(a.via))
          const country = holder?.country
          if (country) {
            r = { ...r, code: `${country}${r.code.slice(3)}`, via: 'role+possessor' }
            s = { start: (tokens[p.first - 1] as Token).start, end: s.end }
          }
        }
        // "as cited by TASS." — the segmenter left the full stop on the name
        if (/^[^.]+\.$/.test(text.slice(s.start, s.end))) s = { start: s.start, end: s.end - 1 }
        const next = phrases[k + 1]
        if (!r && p.core?.entityType === 'PER' && p.roles.length === 0 && next && !next.core && next.roles.length && appositionGap(p.end, next.first)) {
          const role = resolvePhrase(next, context)
          if (role) {
            r = { ...role, name: surface(p.core), id: `title:${surface(p.core).toLowerCase()}`, via: 'apposition' }
            coreference.remember(surface(p.core), r)
            appositive.add(next)
          }
        }
        if (!r) {
          if (p.core && (p.core.entityType === 'PER' || p.core.entityType === 'ORG' || p.core.kind === 'surname')) unresolved.push(p)
          continue
        }
        actors.push(actorOf(s, r))
      }
      // "Downer arrives in Beijing" in a headline before "Foreign Minister Alexander Downer":
      // a bare surname named before the full name is that actor too
      for (const p of unresolved) {
        const core = p.core as Mention
        // one word only: a full name is not another person's by the surname they share
        const alone = p.roles.length === 0 && p.origins.length === 0 && core.entityType !== 'ORG' && core.end - core.first === 1
        const known = alone ? coreference.find(surface(core)) : undefined
        if (!known) {
          if (core.entityType) messages.push(report('unresolved-actor', `no actor known for "${surface(core)}"`, span(core)))
          continue
        }
        actors.push(actorOf(span(p), { ...known, via: 'coreference:later-name' }))
      }
      if (unresolved.length) actors.sort((a, b) => a.start - b.start)
      if (context.undated && actors.some((a) => a.via.startsWith('registry:'))) {
        messages.push(report('undated-roles', 'the article has no date: people are coded by their latest known role'))
      }
      return withLayer(doc, 'actors', actors, { messages })

      // ", the", ", a", ",": nothing else between a name and its appositive role
      function appositionGap(end: number, first: number): boolean {
        const gap: string[] = []
        for (let k = end; k < first; k++) gap.push(text.slice((tokens[k] as Token).start, (tokens[k] as Token).end).toLowerCase())
        return gap[0] === ',' && gap.length <= 2 && (gap.length === 1 || /^(the|a|an)$/.test(gap[1] ?? ''))
      }

      // the countries and nationalities each sentence names, gathered once
      function countriesInSentence(sentence: number): ReadonlySet<string> {
        if (!countriesBySentence) {
          countriesBySentence = new Map()
          for (const m of mentions) {
            if ((m.kind !== 'country' && m.kind !== 'demonym') || !m.country || typeof m.country === 'string') continue
            const s = (tokens[m.first] as Token).sentence
            const set = countriesBySentence.get(s) ?? new Set<string>()
            set.add(m.country.code)
            countriesBySentence.set(s, set)
          }
        }
        return countriesBySentence.get(sentence) ?? NONE
      }
    },
  }
}

const NONE: ReadonlySet<string> = new Set()
const LEADER_WORDS = /^(leader|leaders|leadership)$/
const POSSESSIVE_MARK = /^['’]s?$/

/**
 * The country the article is mostly about: the most named country or nationality, or,
 * where none is named, the country of the most named known places ("the judge ... in Nairobi").
 */
function focusCountry(entities: readonly Entity[]): string | null {
  const counts = new Map<string, number>()
  const places = new Map<string, number>()
  // "Georgia" among "Wyoming" and "Virginia": a country's name that is also a state of another country
  const states = new Map<string, string[]>()
  for (const e of entities) {
    const c = e.type === 'GPE' ? lookupName(countryByName(), e.text) : e.type === 'NORP' ? lookupName(countryByDemonym(), e.text) : undefined
    if (c) {
      counts.set(c.code, (counts.get(c.code) ?? 0) + 1)
      if (e.type === 'GPE') {
        const owners = candidatesFor(e.text).flatMap((x) => (x.feature === 'ADM1' && x.country && x.country !== c.code ? [x.country] : []))
        if (owners.length) states.set(c.code, owners)
      }
    } else if ((e.type === 'GPE' || e.type === 'LOC') && isKnownPlace(e.text)) {
      const place = candidatesFor(e.text)[0]?.country
      if (place) places.set(place, (places.get(place) ?? 0) + 1)
    }
  }
  // ... is that state where the article's other places outnumber the country's mentions
  for (const [c, owners] of states) {
    const owner = owners.find((o) => (places.get(o) ?? 0) > (counts.get(c) ?? 0))
    if (!owner) continue
    counts.set(owner, (counts.get(owner) ?? 0) + (counts.get(c) ?? 0))
    counts.delete(c)
  }
  // places speak only where no country or nationality is named at all
  if (counts.size === 0) for (const [c, k] of places) counts.set(c, k)
  let best: string | null = null
  let n = 0
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k]
  return best
}

const countryOf = (code: string): string | null => (/^[A-Z]{3}/.test(code) && !/^(IGO|NGO|IMG|MNC|INT|NGM|UIS|---)/.test(code) ? code.slice(0, 3) : null)
const sectorOf = (code: string): string | null => (code.length >= 6 ? code.slice(3, 6) : null)
