import type { Actor, Span, Token } from '../../../core/types.js'
import { countryByCode } from '../../../lexicon/countries.js'
import { lazy, loadLexicon } from '../../../lexicon/load.js'
import type { TriggerMatch } from '../01-triggers.js'
import { cameoCode, hasFlag } from '../codebook.js'
import { attributionStart, type EventContext, tokenAfter } from '../context.js'
import type { Roles } from '../parse-roles.js'
import {
  ACT_ON_PEOPLE,
  actorBefore,
  actorEndingBefore,
  clauseEnd,
  crossPairs,
  distinctActors,
  distinctCodes,
  type Pair,
  POLICE_ACT,
  placeParty,
  securityModifier,
  TARGET_WINDOW,
} from '../parties.js'

const domesticCodes = lazy(() => loadLexicon<{ entries: string[] }>('events/domestic-codes.json').entries)

const anaphoricNouns = lazy(() => new Set(loadLexicon<{ entries: string[] }>('events/anaphoric-nouns.json').entries))

/**
 * The target of an act on the source's own polity that names no other party: protests,
 * curfews, states of emergency, reforms ("farmers held rallies in the capital" -> their
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

/** Whether a code is cooperation (quad 1 or 2), which coordinated parties can do with each other. */
function cooperative(code: string): boolean {
  const c = cameoCode(code)
  return !!c && (c.quad === 1 || c.quad === 2)
}

/** Every ordered pair of different parties. */
function reciprocal(parties: readonly Actor[]): Pair[] {
  return parties.flatMap((a) => parties.filter((b) => b !== a).map((b): Pair => [a, b]))
}

// how far back (characters) the country "the country" names may end
const COUNTRY_REACH = 400

/**
 * The country that "the country" in tokens [from, to) refers back to, when it is not the
 * source: "urged regional powers to support the country’s territorial integrity".
 */
function definiteCountry(ctx: EventContext, from: number, to: number, source: Actor | undefined): Actor | undefined {
  for (let k = from + 1; k < to; k++) {
    if (ctx.lower[k - 1] !== 'the' || !anaphoricNouns().has(ctx.lower[k] ?? '')) continue
    const a = actorEndingBefore(ctx, (ctx.tokens[k] as Token).start, COUNTRY_REACH, /^country/)
    return a && a.code !== source?.code ? a : undefined
  }
  return undefined
}

/** Active verbs and nouns: the subject (or possessor) before, the object or the actor after the entry's preposition; acts on one's own polity aimed at its country. */
export function activePairs(ctx: EventContext, m: TriggerMatch, r: Span, roles: Roles): Pair[] {
  const { lower, actorAt } = ctx
  const { trigger, at: i, last } = m
  const preps = typeof trigger.prep === 'string' ? [trigger.prep] : (trigger.prep ?? [])
  let source: Actor | undefined = roles.sources[0]
  // a source the parse or a possessive gives, not one guessed from the words before the trigger
  let sure = !!source
  if (source) {
    // the parse found the subject: "Hungary's prime minister, speaking in Vienna, condemned ..."
  } else if (trigger.pos === 'noun') {
    // "Israel's airstrikes on Syria": the possessor, else the subject of the verb that governs the noun
    const possessor = i >= 2 && /^['’]s$/.test(lower[i - 1] ?? '') ? actorAt[i - 2] : undefined
    sure = !!possessor
    source = possessor ?? actorBefore(ctx, i, r, 'noun')
  } else source = actorBefore(ctx, i, r, 'verb')
  let targetFrom = last + 1
  if (preps.length) {
    const at = lower.slice(last + 1, Math.min(r.end, last + 4)).findIndex((w) => preps.includes(w))
    if (at >= 0) targetFrom = last + 2 + at
    else if (trigger.pos === 'noun') {
      // "two were killed in police firing": a security force named before an act of force is its doer
      const doer = ACT_ON_PEOPLE.test(trigger.code) ? securityModifier(ctx, i) : undefined
      return doer ? [[doer, null]] : []
    }
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
  // follows: "supplying radios and other [military equipment] to Chad"
  const matchedThing =
    objectActor ?? (matched?.code.startsWith('---') && candidates.some((a) => a !== matched && !a.code.startsWith('---')) ? matched : undefined)
  const target = candidates.find((a) => a !== matchedThing)
  // an action on a place is an action on its country: "invaded the buffer zone near the Golan
  // Heights", "arrived in Lima", "ended a curfew in a northern province"
  const onPlace = !target && hasFlag(trigger.code, 'place-target') ? placeParty(ctx, targetFrom, targetEnd) : undefined
  const parsed = roles.targets.filter((a) => !source || a.code !== source.code)
  const chosen = target ?? onPlace ?? definiteCountry(ctx, targetFrom, targetEnd, source)
  const sources = roles.sources.length ? roles.sources : source ? [source] : []
  const targets = parsed.length ? parsed : chosen ? [chosen] : domesticTarget(ctx, trigger.code, sources, m, r)
  // "Chile and Peru agreed to hold naval drills together": cooperation among
  // coordinated subjects with no other party (none of a known country) is reciprocal, one event each way
  if (!targets.some((a) => !a.code.startsWith('---')) && distinctCodes(sources).length >= 2 && cooperative(trigger.code))
    return reciprocal(distinctCodes(sources))
  // an active act whose doer the parse cannot find is no event (the subject is there, only
  // missed); with no target, only a doer the parse or a possessive gives acts alone
  // "Lavrov said Moscow must stay strong": a target the parse gives that is the source itself is no act alone
  // "the arrests of 70 farmers", "detaining dozens of students": an act of force on people named
  // with no doer in the sentence is done by an unknown party (a verb only where the parse finds no subject)
  // (a noun after "a"/"an" is figurative or generic: "an indictment of the administration")
  const indefinite = /^(a|an)$/.test(lower[i - 1] ?? '')
  if (!sources.length && targets.length && POLICE_ACT.test(trigger.code) && (trigger.pos === 'noun' ? !indefinite : !ctx.view.subjects(i).length))
    return crossPairs([], targets)
  if (!sources.length || (!targets.length && (!sure || roles.targets.length > 0))) return []
  return crossPairs(sources, targets)
}
