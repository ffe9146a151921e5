import type { Actor, Arc, Span, Token } from '../../core/types.js'
import { countryByCode } from '../../lexicon/countries.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { Phrase } from '../syntax/relations.js'
import type { TriggerMatch } from './01-triggers.js'
import { cameoCode } from './codebook.js'
import { attributionStart, type EventContext, tokenAfter } from './context.js'

const anaphoricNouns = lazy(() => new Set(loadLexicon<{ entries: string[] }>('events/anaphoric-nouns.json').entries))
// words that count or part the people named after "of": "thousands of students", "a group of rebels"
const partitives = lazy(() => new Set(loadLexicon<{ entries: string[] }>('events/partitive-words.json').entries))
const domesticCodes = lazy(() => loadLexicon<{ entries: string[] }>('events/domestic-codes.json').entries)
// participles that take "to" as adjectives: "is opposed to"
const adjectivalParticiples = lazy(() => new Set(loadLexicon<{ entries: readonly string[] }>('events/adjectival-participles.json').entries))

// how far (tokens) from its trigger a source or target may stand
const SOURCE_WINDOW = 15
const TARGET_WINDOW = 12
// verbs of saying that close a sentence: ", officials said"
const BE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got'])
// pronouns that refer back to a country or organisation: "Earlier this month it resumed airstrikes"
const COLLECTIVE_PRONOUNS = new Set(['it', 'they', 'its', 'their'])

/** A source and a target actor of one event. */
export type Pair = readonly [source: Actor, target: Actor]

/**
 * Pass 2: the actor pairs of a trigger, by its frame: symmetric nouns and verbs give one
 * pair per two parties; recipient verbs take the giver after their preposition; passive
 * verbs take the agent after "by"; otherwise the subject (or possessor) before and the
 * object (or the actor after the entry's preposition) after.
 */
export function findPairs(ctx: EventContext, m: TriggerMatch, r: Span): Pair[] {
  const { lower, actorAt } = ctx
  const { trigger, at: i, last } = m
  const preps = typeof trigger.prep === 'string' ? [trigger.prep] : (trigger.prep ?? [])
  const roles = parseRoles(ctx, m)
  // symmetric nouns: "clashes between Druze militias, Bedouin tribes, and government forces"
  if (trigger.symmetric) {
    // up to a trailing attribution: "the peace accord between A and B, two rebel commanders told AFP"
    const window = distinctActors(ctx, last + 1, attributionStart(ctx, last + 1, Math.min(r.end, last + 1 + TARGET_WINDOW * 2)))
    // "fighting between Azerbaijanis and Armenians, an editor ... said": after "between", the coordinated parties only
    const between = lower.slice(last + 1, Math.min(r.end, last + 4)).indexOf('between')
    const listed = between >= 0 ? coordinatedAfter(ctx, last + 2 + between, r) : []
    const after = listed.length >= 2 ? listed : window
    const before = actorBefore(ctx, i, r)
    // "India and Pakistan agreed ...": the parties are the coordinated subjects
    const coordinated = coordinatedBefore(ctx, i, r)
    // "Senior Hungarian and Romanian officials agreed": coordinated subjects from the parse
    const subjects = distinctCodes(roles.sources).length >= 2 ? distinctCodes(roles.sources) : coordinated
    const all = subjects.length >= 2 ? subjects : after.length >= 2 ? after : before && after.length === 1 ? [before, ...after] : []
    const pairs: Pair[] = []
    for (let a = 0; a < all.length; a++)
      for (let b = a + 1; b < all.length; b++) if (all[a]?.code !== all[b]?.code || all[a]?.id !== all[b]?.id) pairs.push([all[a] as Actor, all[b] as Actor])
    return pairs
  }
  // passive: "Assad ... was replaced by HTS leader Ahmed al-Sharaa"
  const passive = i > r.start && BE.has(lower[i - 1] ?? '') && /(ed|en)$/.test(lower[i] ?? '') && !adjectival(ctx, m)
  if (trigger.voice === 'recipient') {
    // "Assad, who along with his family received political asylum in Moscow"
    const at = lower.slice(last + 1, Math.min(r.end, last + 8)).findIndex((w) => preps.includes(w))
    const from = at >= 0 ? last + 2 + at : last + 1
    const giver = actorAt[from] ?? placeParty(ctx, from, Math.min(r.end, from + 3))
    const receiver = actorBefore(ctx, i, r)
    return giver && receiver && giver.code !== receiver.code ? [[giver, receiver]] : []
  }
  if (passive || roles.passive) {
    const byAt = lower.indexOf('by', last + 1)
    const agents = roles.sources.length ? roles.sources : byAt >= 0 && byAt < r.end ? distinctActors(ctx, byAt + 1, Math.min(r.end, byAt + 6)).slice(0, 1) : []
    const patients = roles.targets.length ? roles.targets : [actorBefore(ctx, i, r)].filter((a): a is Actor => !!a)
    return crossPairs(agents, patients)
  }
  let source: Actor | undefined = roles.sources[0]
  if (source) {
    // the parse found the subject: "Hungary's prime minister, speaking in Vienna, condemned ..."
  } else if (trigger.pos === 'noun') {
    // "Israel's airstrikes on Syria": the possessor, else the subject of the verb that governs the noun
    const possessor = i >= 2 && /^['’]s$/.test(lower[i - 1] ?? '') ? actorAt[i - 2] : undefined
    source = possessor ?? actorBefore(ctx, i, r, 'noun')
  } else source = actorBefore(ctx, i, r, 'verb')
  let targetFrom = last + 1
  if (preps.length) {
    const at = lower.slice(last + 1, Math.min(r.end, last + 4)).findIndex((w) => preps.includes(w))
    if (at >= 0) targetFrom = last + 2 + at
    else if (trigger.pos === 'noun') return []
  }
  const targetEnd = clauseEnd(ctx, targetFrom, attributionStart(ctx, targetFrom, Math.min(r.end, targetFrom + TARGET_WINDOW)))
  // "acknowledged Syria is facing ...": the subject of a reported clause is not the target
  const startsClause = (a: Actor): boolean => {
    const k = tokenAfter(ctx, a)
    const next = ctx.tokens[k]
    return k < r.end && !!next && (next.pos === 'AUX' || (next.pos === 'VERB' && !/ing$/.test(lower[k] ?? '')))
  }
  // "Turkey will allow Turkish Kurd refugees to return": an actor of the source's own code is
  // part of a longer phrase or the source again; the target is the next one
  // the source's own people named as the object are what it acts with, no party: "strengthened
  // its [forces] in Lebanon" ("banned Ugandan opposition [candidates]", "refused to deploy
  // [peacekeepers]" keep their target)
  const matched = m.objectAt === null ? undefined : ctx.actorAt[m.objectAt]
  const own = matched ? /^(its|their|his|her|our)$/.test(lower[(ctx.tokenAt.get(matched.start) ?? 0) - 1] ?? '') : false
  const objectActor = matched?.code.startsWith('---') && own ? matched : undefined
  const candidates = distinctActors(ctx, targetFrom, targetEnd).filter(
    (a) =>
      a !== objectActor &&
      (!source || (a.code !== source.code && (a.id !== source.id || a.start !== source.start))) &&
      !(trigger.pos === 'verb' && !trigger.complement && startsClause(a)),
  )
  // the matched object word names what is given or done when a party of a known country
  // follows: "providing aerial photographs and other [military intelligence] to Macedonia"
  const matchedThing =
    objectActor ?? (matched?.code.startsWith('---') && candidates.some((a) => a !== matched && !a.code.startsWith('---')) ? matched : undefined)
  const target = candidates.find((a) => a !== matchedThing)
  // an action on a place is an action on its country: "invaded the buffer zone near the Golan
  // Heights", "arrived in Amman", "lifted a state of emergency in West Darfur"
  const onPlace = !target && placeTargets(trigger.code) ? placeParty(ctx, targetFrom, targetEnd) : undefined
  const parsed = roles.targets.filter((a) => !source || a.code !== source.code)
  const chosen = target ?? onPlace ?? definiteCountry(ctx, targetFrom, targetEnd, source)
  const sources = roles.sources.length ? roles.sources : source ? [source] : []
  const targets = parsed.length ? parsed : chosen ? [chosen] : domesticTarget(ctx, trigger.code, sources, m, r)
  // "Jordan and Britain have agreed to undertake joint military exercises": cooperation among
  // coordinated subjects with no other party (none of a known country) is reciprocal, one event each way
  if (!targets.some((a) => !a.code.startsWith('---')) && distinctCodes(sources).length >= 2 && cooperative(trigger.code))
    return reciprocal(distinctCodes(sources))
  return crossPairs(sources, targets)
}

/**
 * The target of an act on the source's own polity that names no other party: protests,
 * curfews, states of emergency, reforms ("students staged mass demonstrations" -> their
 * country; "imposed a curfew in Algiers" -> Algeria): the country of the place where it
 * happens, else the source's own country.
 */
function domesticTarget(ctx: EventContext, code: string, sources: readonly Actor[], m: TriggerMatch, r: Span): Actor[] {
  const source = sources[0]
  if (!source || !domesticCodes().some((p) => code.startsWith(p))) return []
  const place = placeParty(ctx, m.last + 1, r.end)
  if (place) return [place]
  if (!source.country) return []
  // no words name it: the target is the country itself, as long as the trigger, never the source's words
  const at = ctx.tokens[m.at] as Token
  const name = countryByCode().get(source.country)?.name ?? source.country
  return [
    {
      start: at.start,
      end: at.start,
      text: name,
      code: source.country,
      country: source.country,
      sector: null,
      name,
      id: `country:${source.country}`,
      via: 'domestic',
    },
  ]
}

/**
 * Whether a participle after "be" is an adjective with its own preposition, not a passive:
 * "Israel is opposed to French mediation" opposes it; "was opposed by Israel" and "was
 * extradited to Turkey" stay passive (lexicon/events/adjectival-participles.json).
 */
function adjectival(ctx: EventContext, m: TriggerMatch): boolean {
  return ctx.lower[m.last + 1] === 'to' && adjectivalParticiples().has(ctx.lower[m.at] ?? '') && !ctx.view.agents(m.at).length
}

/** One pair per source and target of different codes: "Russia and Iran condemned Israel" gives two. */
function crossPairs(sources: readonly Actor[], targets: readonly Actor[]): Pair[] {
  const pairs: Pair[] = []
  for (const s of distinctCodes(sources)) for (const t of distinctCodes(targets)) if (s.code !== t.code) pairs.push([s, t])
  return pairs
}

/** The first actor of each code. */
function distinctCodes(actors: readonly Actor[]): Actor[] {
  const seen = new Set<string>()
  return actors.filter((a) => !seen.has(a.code) && !!seen.add(a.code))
}

/** Whether a code is cooperation (quad 1 or 2), which coordinated parties can do with each other. */
function cooperative(code: string): boolean {
  const c = cameoCode(code)
  return !!c && (c.quad === 1 || c.quad === 2)
}

/** Every ordered pair of different parties. */
function reciprocal(parties: readonly Actor[]): Pair[] {
  return parties.flatMap((a) => parties.filter((b) => b !== a).map((b): Pair => [a, b]))
}

/** Whether a code's target may be the country of a place: material acts (quad 2 and 4) and visits. */
function placeTargets(code: string): boolean {
  const c = cameoCode(code)
  return !!c && (c.quad === 4 || c.quad === 2 || code.startsWith('042') || code.startsWith('08'))
}

/**
 * The country that "the country" in tokens [from, to) refers back to, when it is not the
 * source: "urged regional powers to support the country’s territorial integrity".
 */
function definiteCountry(ctx: EventContext, from: number, to: number, source: Actor | undefined): Actor | undefined {
  for (let k = from + 1; k < to; k++) {
    if (ctx.lower[k - 1] !== 'the' || !anaphoricNouns().has(ctx.lower[k] ?? '')) continue
    const t = ctx.tokens[k] as Token
    const a = [...ctx.actors].reverse().find((x) => x.end <= t.start && t.start - x.end < 400 && /^country/.test(x.via))
    return a && a.code !== source?.code ? a : undefined
  }
  return undefined
}

/** The nearest actor before token i in the sentence (a pronoun subject resolved back). */
function actorBefore(ctx: EventContext, i: number, r: Span, mode: 'any' | 'verb' | 'noun' = 'any'): Actor | undefined {
  const { lower, actorAt, tokens } = ctx
  for (let k = i - 1; k >= Math.max(r.start, i - SOURCE_WINDOW); k--) {
    const a = actorAt[k]
    // a verb's subject is no possessor; a noun's agent may be ("Israel’s actions as a violation")
    if (a && mode !== 'any' && !isSubjectLike(ctx, a, mode === 'noun')) {
      k = ctx.tokenAt.get(a.start) ?? k // skip the rest of this actor's words
      continue
    }
    if (a) return a
    if (COLLECTIVE_PRONOUNS.has(lower[k] ?? '') && (tokens[k] as Token).pos === 'PRON') return antecedent(ctx, tokens[k] as Token)
    if (/^(he|she)$/.test(lower[k] ?? '')) return personBefore(ctx, (tokens[k] as Token).start)
  }
  return undefined
}

/**
 * Whether an actor can be the subject of a later verb: not a possessor ("Syria’s
 * transition"), not the object of a preposition ("airstrikes on Syria") or of a verb
 * ("following Syria’s transition and will assist ...").
 */
function isSubjectLike(ctx: EventContext, a: Actor, allowPossessive: boolean): boolean {
  const { lower, tokens } = ctx
  const first = ctx.tokenAt.get(a.start) ?? 0
  const after = tokenAfter(ctx, a)
  const next = tokens[after]
  // "Lavrov said Moscow is ...": followed by its verb, it heads a clause of its own
  if (next && (next.pos === 'AUX' || next.pos === 'VERB') && !/^['’]s$/.test(lower[after] ?? '')) return true
  if (/^['’]s$/.test(lower[after] ?? '')) return allowPossessive
  // "Tens of thousands of university students staged ...": the people counted are the subject
  if (lower[first - 1] === 'of' && partitives().has(lower[first - 2] ?? '')) return true
  const before = lower[first - 1] === 'the' ? tokens[first - 2] : tokens[first - 1]
  return !(before && (before.pos === 'ADP' || before.pos === 'VERB'))
}

/** The country of the first place in tokens [from, to), as a party: "invaded the buffer zone near the Golan Heights". */
function placeParty(ctx: EventContext, from: number, to: number): Actor | undefined {
  const { tokens } = ctx
  const lo = (tokens[from] as Token | undefined)?.start ?? Number.POSITIVE_INFINITY
  const hi = (tokens[Math.max(from, to - 1)] as Token | undefined)?.end ?? 0
  const p = ctx.places.find((x) => x.start >= lo && x.end <= hi && x.country)
  if (!p?.country) return undefined
  return {
    start: p.start,
    end: p.end,
    text: p.text,
    code: p.country,
    country: p.country,
    sector: null,
    name: p.name,
    id: `place:${p.id}`,
    via: 'place-country',
  }
}

/**
 * Where a second clause joined by "and"/"but" starts in [from, to): "refused to deploy
 * peacekeepers in Iraq and has urged its citizens ..." — the second verb's object is not the target.
 */
function clauseEnd(ctx: EventContext, from: number, to: number): number {
  for (let k = from; k < to - 1; k++) {
    if (!/^(and|but)$/.test(ctx.lower[k] ?? '')) continue
    const next = ctx.tokens[k + 1] as Token
    if (next.pos === 'AUX' || next.pos === 'VERB') return k
  }
  return to
}

/** Actors joined by "and" / commas from token k on: "between Druze militias, Bedouin tribes, and government forces". */
function coordinatedAfter(ctx: EventContext, k: number, r: Span): Actor[] {
  const { lower, actorAt } = ctx
  const out: Actor[] = []
  // the list ends with the item after "and": "A, B and C, an editor said" stops at C
  let closed = 0
  let joinedByAnd = false
  // "between the two rival militias": a determiner or adjective may come first
  while (k < r.end && !actorAt[k] && /^(DET|ADJ|NUM)$/.test((ctx.tokens[k] as Token).pos)) k++
  while (k < r.end) {
    const a = actorAt[k]
    if (!a) break
    if (!out.includes(a)) out.push(a)
    if (joinedByAnd) closed = out.length
    k = tokenAfter(ctx, a)
    joinedByAnd = lower[k] === 'and' || lower[k] === '&' || (lower[k] === ',' && lower[k + 1] === 'and')
    if (lower[k] === ',' && lower[k + 1] === 'and') k += 2
    else if (/^(and|,|&)$/.test(lower[k] ?? '')) k++
    else break
    while (k < r.end && !actorAt[k] && /^(DET|ADJ)$/.test((ctx.tokens[k] as Token).pos)) k++
  }
  return out.slice(0, closed)
}

/** Actors joined by "and" / commas right before token i: "India and Pakistan agreed". */
function coordinatedBefore(ctx: EventContext, i: number, r: Span): Actor[] {
  const { lower, actorAt, tokens } = ctx
  const out: Actor[] = []
  let k = i - 1
  // back over the verb chain: "India and Pakistan [have agreed to] hold talks"
  for (let n = 0; n < 4 && k >= r.start && /^(AUX|PART|VERB|ADV)$/.test((tokens[k] as Token).pos) && !actorAt[k]; n++) k--
  while (k >= r.start) {
    const a = actorAt[k]
    if (!a) break
    out.unshift(a)
    k = (ctx.tokenAt.get(a.start) ?? k) - 1
    if (k >= r.start && /^(and|,|&)$/.test(lower[k] ?? '')) k--
    else break
  }
  return out
}

function antecedent(ctx: EventContext, t: Token): Actor | undefined {
  return (
    [...ctx.actors]
      .reverse()
      // a state, a seat of government, an organisation, or a group of a country named with its
      // role ("Iraq's interim government announced that it is prepared to ...")
      .find(
        (a) =>
          a.end <= t.start && t.start - a.end < 600 && /^(country|seat|capital-metonymy|registry:organisation|nationality\+role|role\+possessor)/.test(a.via),
      )
  )
}

function personBefore(ctx: EventContext, offset: number): Actor | undefined {
  return [...ctx.actors].reverse().find((a) => a.end <= offset && offset - a.end < 600 && /^(registry:|title|coreference)/.test(a.via))
}

function distinctActors(ctx: EventContext, from: number, to: number): Actor[] {
  const out: Actor[] = []
  for (let k = from; k < to; k++) {
    const a = ctx.actorAt[k]
    if (a && !out.includes(a)) out.push(a)
  }
  return out
}

/** What the parse says about a trigger's parties: sources and targets as actors, and the voice. */
interface Roles {
  readonly sources: Actor[]
  readonly targets: Actor[]
  readonly passive: boolean
}

// relative pronouns whose antecedent is the noun the clause hangs from: "Assad, who ... received asylum"
const RELATIVES = new Set(['who', 'which', 'that', 'whom'])

/**
 * The parties the dependency parse gives a trigger: for verbs the subjects (or the passive
 * agents) as sources and the objects or the obliques with the entry's preposition as
 * targets; for nouns the possessor or modifier ("Israeli airstrikes"), else the subject of
 * the verb the noun is the object of, and the modifier with the entry's preposition.
 */
function parseRoles(ctx: EventContext, m: TriggerMatch): Roles {
  const { view, arcs } = ctx
  const { trigger, at } = m
  const preps = typeof trigger.prep === 'string' ? [trigger.prep] : (trigger.prep ?? [])
  const withPrep = (head: number): Actor[] =>
    view
      .obliques(head)
      .filter((o) => preps.includes(o.prep))
      .flatMap((o) => actorsIn(ctx, o))
  if (trigger.pos === 'noun') {
    // "Israel’s airstrikes on Syria", "Israeli airstrikes on Syria"
    const own = view.dependents(at, 'nmod:poss', 'amod', 'compound').flatMap((k) => actorsIn(ctx, view.phrase(k)))
    const arc = arcs[at] as Arc
    // "Russia condemned the airstrikes": the governing verb's subject acts only through verbs of doing
    const governed = !own.length && arc.head >= 0 && arc.dep === 'obj' ? view.subjects(arc.head).flatMap((p) => actorsIn(ctx, p)) : []
    return { sources: own.length ? own : governed, targets: preps.length ? withPrep(m.last) : [], passive: false }
  }
  // a passive has a form of "be" (or "get") before its participle: "has called off" is active whatever the parse says
  const beforeVerb = ctx.lower.slice(Math.max(0, at - 3), at)
  const passive = view.isPassive(at) && beforeVerb.some((w) => BE.has(w)) && !adjectival(ctx, m)
  const subjects = subjectsOf(ctx, at)
  if (passive) return { sources: view.agents(at).flatMap((p) => actorsIn(ctx, p)), targets: subjects, passive }
  const objectHead = m.objectAt ?? at
  // "acknowledged Syria is facing ...": an object that starts a clause of its own is its subject, no target
  // the object word an entry matched is no party ("lifted [sanctions]"); the verb's other
  // objects are ("urged [the Maoist rebels] to honor human rights")
  const objectToken = m.objectAt === null ? undefined : (ctx.tokens[m.objectAt] as Token)
  const objects = view
    .objects(at)
    .filter((p) => !objectToken || objectToken.start < p.start || objectToken.end > p.end)
    .flatMap((p) => (trigger.complement || !headsClause(ctx, p) ? objectParties(ctx, p) : []))
  // "providing aerial photographs and other military intelligence to Macedonia": the parser
  // may hang the preposition's phrase on the object instead of the verb
  const objectHeads = objectHead !== at ? [objectHead] : view.dependents(at, 'obj').flatMap((k) => view.conjuncts(k))
  const targets = preps.length ? [...withPrep(at), ...objectHeads.flatMap(withPrep)] : []
  const direct = targets.length ? targets : objects
  // "agreed to hold joint military exercises": inside a complement only a party with a country counts
  const inner = direct.length ? [] : complementTargets(ctx, m).filter((a) => !a.code.startsWith('---'))
  return { sources: subjects, targets: countriesFirst(direct.length ? direct : inner), passive }
}

/**
 * The parties an object phrase names: its possessor when it is an actor with a country
 * ("condemned [Israel's actions as a violation of Syria's sovereignty]" targets Israel, not
 * Syria), else every actor in it ("condemned the killing of Syrian civilians").
 */
function objectParties(ctx: EventContext, p: Phrase): Actor[] {
  const owners = ctx.view
    .dependents(p.head, 'nmod:poss')
    .flatMap((k) => actorsIn(ctx, ctx.view.phrase(k)))
    .filter((a) => !a.code.startsWith('---'))
  return owners.length ? owners : actorsIn(ctx, p)
}

/**
 * The target inside a verb's complement when the verb has none of its own: the subject of
 * a demanded clause ("demanded that the Sudanese government end curbs"), else the object or
 * an oblique of an infinitive ("promised to continue military aid to Mozambique").
 */
function complementTargets(ctx: EventContext, m: TriggerMatch): Actor[] {
  const { view } = ctx
  const root = m.trigger.code.slice(0, 2)
  if (m.trigger.reported) return view.reportedClauses(m.at).flatMap((c) => subjectsOf(ctx, c))
  if (root === '02' || root === '10' || m.trigger.complement) {
    const clause = view.dependents(m.at, 'ccomp').flatMap((c) => subjectsOf(ctx, c))
    if (clause.length) return clause
  }
  for (const c of view.dependents(m.at, 'xcomp')) {
    const inner = [
      ...view.objects(c).flatMap((p) => actorsIn(ctx, p)),
      ...view.obliques(c).flatMap((o) => actorsIn(ctx, o)),
      ...view.objects(c).flatMap((p) => view.obliques(p.head).flatMap((o) => actorsIn(ctx, o))),
    ]
    if (inner.length) return inner
  }
  return []
}

/** Actors with a country before those without ("military aid to Mozambique": Mozambique over "military"). */
function countriesFirst(actors: readonly Actor[]): Actor[] {
  const known = actors.filter((a) => !a.code.startsWith('---'))
  return known.length ? known : [...actors]
}

/** Whether a verb or auxiliary follows a phrase right away: "acknowledged [Syria] is facing". */
function headsClause(ctx: EventContext, p: Phrase): boolean {
  let k = p.head
  while (k < ctx.tokens.length && (ctx.tokens[k] as Token).end <= p.end) k++
  const next = ctx.tokens[k]
  return !!next && (next.pos === 'AUX' || (next.pos === 'VERB' && !/ing$/.test(ctx.lower[k] ?? '')))
}

/** A verb's subjects as actors, through "vowed to attack" (xcomp) and relative clauses. */
function subjectsOf(ctx: EventContext, verb: number, depth = 0): Actor[] {
  const { view, arcs, lower } = ctx
  // "his Russian counterpart Sergey Lavrov in Moscow on Thursday, al-Shaibani acknowledged":
  // a verb has one subject (with its conjuncts); of two the parser gave, the nearer one that
  // names an actor ("A member of the Syrian parliament, Mohammed Mamoun, started")
  const own = view.dependents(verb, 'nsubj', 'csubj').sort((a, b) => Math.abs(a - verb) - Math.abs(b - verb))
  if (own.length > 1) {
    // "Israel, ..., which after Assad's fall invaded": the relative pronoun is the subject, and
    // its noun (the word the clause hangs on) is the party, not a possessor inside "fall"
    const antecedent = arcs[verb]?.head ?? -1
    const named = antecedent >= 0 && antecedent < verb ? ctx.actorAt[antecedent] : undefined
    if (named && own.some((h) => RELATIVES.has(lower[h] ?? ''))) return [named]
    for (const h of own) {
      const found = view.conjuncts(h).flatMap((k) => actorsIn(ctx, view.phrase(k)))
      if (found.length) return found
    }
    return []
  }
  const phrases = view.subjects(verb)
  if (phrases.length) {
    return phrases.flatMap((p) => {
      if (RELATIVES.has(lower[p.head] ?? '')) {
        // the clause's noun: "Assad, who ... received" -> Assad
        const clause = arcs[verb] as Arc
        return clause.dep === 'acl:relcl' && clause.head >= 0 ? actorsIn(ctx, view.phrase(clause.head)) : []
      }
      return actorsIn(ctx, p)
    })
  }
  const arc = arcs[verb] as Arc
  if (depth >= 3 || arc.head < 0) return []
  // "Russia vowed to attack Ukraine": the controlling verb's subject
  if (arc.dep === 'xcomp' || arc.dep === 'conj') return subjectsOf(ctx, arc.head, depth + 1)
  const infinitive = view.dependents(verb, 'mark').some((k) => lower[k] === 'to')
  // "students staged mass demonstrations Saturday to demand political reforms": a purpose
  // clause shares the subject of the verb it serves, or of the verb whose object it follows
  if (infinitive && arc.dep === 'advcl') return subjectsOf(ctx, arc.head, depth + 1)
  const noun = arcs[arc.head] as Arc
  if (infinitive && arc.dep === 'acl' && noun.dep === 'obj' && noun.head >= 0) return subjectsOf(ctx, noun.head, depth + 1)
  // "demonstrators protesting election results": a participle is done by the noun it follows
  if (!infinitive && arc.dep === 'acl' && arc.head < verb && /ing$/.test(lower[verb] ?? '')) return actorsIn(ctx, view.phrase(arc.head))
  return []
}

/** The actors inside a phrase of the parse; a pronoun head resolved back to its antecedent. */
function actorsIn(ctx: EventContext, p: Phrase): Actor[] {
  const all = ctx.actors.filter((a) => a.start >= p.start && a.end <= p.end)
  // "NATO peacekeeping troops": a role noun of no country beside a named party is that party's role, no party of its own
  const named = all.filter((a) => !a.code.startsWith('---'))
  const inside = named.length ? named : all
  // "his Russian counterpart Sergey Lavrov": one party named twice, the most specific name
  // wins; "Senior Hungarian and Romanian officials": two countries, two parties
  if (inside.length > 1 && new Set(inside.map((a) => a.country ?? a.code)).size === 1)
    return [inside.reduce((a, b) => (b.code.length > a.code.length || (b.code.length === a.code.length && b.text.length > a.text.length) ? b : a))]
  if (inside.length) return inside
  const head = ctx.actorAt[p.head]
  if (head) return [head]
  const w = ctx.lower[p.head] ?? ''
  const t = ctx.tokens[p.head] as Token
  if (COLLECTIVE_PRONOUNS.has(w) && t.pos === 'PRON') {
    const a = antecedent(ctx, t)
    return a ? [a] : []
  }
  if (/^(he|she)$/.test(w)) {
    const a = personBefore(ctx, t.start)
    return a ? [a] : []
  }
  return []
}
