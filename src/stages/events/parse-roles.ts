import type { Actor, Arc, Token } from '../../core/types.js'
import type { Phrase } from '../syntax/relations.js'
import type { TriggerMatch } from './01-triggers.js'
import { hasFlag } from './codebook.js'
import type { EventContext } from './context.js'
import { adjectival, BE } from './parties.js'

// What the dependency parse says about a trigger's parties: subjects, objects, agents, complements.

/** What the parse says about a trigger's parties: sources and targets as actors, and the voice. */
export interface Roles {
  readonly sources: Actor[]
  readonly targets: Actor[]
  readonly passive: boolean
}

// relative pronouns whose antecedent is the noun the clause hangs from: "Assad, who ... received asylum"
export const RELATIVES = new Set(['who', 'which', 'that', 'whom'])

/**
 * The parties the dependency parse gives a trigger: for verbs the subjects (or the passive
 * agents) as sources and the objects or the obliques with the entry's preposition as
 * targets; for nouns the possessor or modifier ("Israeli airstrikes"), else the subject of
 * the verb the noun is the object of, and the modifier with the entry's preposition.
 */
export function parseRoles(ctx: EventContext, m: TriggerMatch): Roles {
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
  // "supplying radios and other military equipment to Chad": the parser
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
export function objectParties(ctx: EventContext, p: Phrase): Actor[] {
  const owners = ctx.view
    .dependents(p.head, 'nmod:poss')
    .flatMap((k) => actorsIn(ctx, ctx.view.phrase(k)))
    .filter((a) => !a.code.startsWith('---'))
  return owners.length ? owners : actorsIn(ctx, p)
}

/**
 * The target inside a verb's complement when the verb has none of its own: the subject of
 * a demanded clause ("insisted that the Kenyan government lift the ban"), else the object or
 * an oblique of an infinitive ("pledged to keep sending food aid to Malawi").
 */
export function complementTargets(ctx: EventContext, m: TriggerMatch): Actor[] {
  const { view } = ctx
  if (m.trigger.reported) return view.reportedClauses(m.at).flatMap((c) => subjectsOf(ctx, c))
  if (hasFlag(m.trigger.code, 'complement-target') || m.trigger.complement) {
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
export function countriesFirst(actors: readonly Actor[]): Actor[] {
  const known = actors.filter((a) => !a.code.startsWith('---'))
  return known.length ? known : [...actors]
}

/** Whether a verb or auxiliary follows a phrase right away: "acknowledged [Syria] is facing". */
export function headsClause(ctx: EventContext, p: Phrase): boolean {
  let k = p.head
  while (k < ctx.tokens.length && (ctx.tokens[k] as Token).end <= p.end) k++
  const next = ctx.tokens[k]
  return !!next && (next.pos === 'AUX' || (next.pos === 'VERB' && !/ing$/.test(ctx.lower[k] ?? '')))
}

/** A verb's subjects as actors, through "vowed to attack" (xcomp) and relative clauses. */
export function subjectsOf(ctx: EventContext, verb: number, depth = 0): Actor[] {
  const { view, arcs, lower } = ctx
  // "his Russian counterpart Sergey Lavrov in Moscow on Thursday, al-Shaibani acknowledged":
  // a verb has one subject (with its conjuncts); of two the parser gave, the nearer one that
  // names an actor ("A deputy of the Kenyan assembly, John Doe, began")
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
  // "farmers held rallies on Sunday to press for lower taxes": a purpose
  // clause shares the subject of the verb it serves, or of the verb whose object it follows
  if (infinitive && arc.dep === 'advcl') return subjectsOf(ctx, arc.head, depth + 1)
  const noun = arcs[arc.head] as Arc
  if (infinitive && arc.dep === 'acl' && noun.dep === 'obj' && noun.head >= 0) return subjectsOf(ctx, noun.head, depth + 1)
  // "demonstrators protesting election results": a participle is done by the noun it follows
  if (!infinitive && arc.dep === 'acl' && arc.head < verb && /ing$/.test(lower[verb] ?? '')) return actorsIn(ctx, view.phrase(arc.head))
  return []
}

/** The actors inside a phrase of the parse (a pronoun head stands for its referent, see anaphora.ts). */
export function actorsIn(ctx: EventContext, p: Phrase): Actor[] {
  const all = ctx.byOffset.actors.inside(p.start, p.end)
  // "NATO peacekeeping troops": a role noun of no country beside a named party is that party's role, no party of its own
  const named = all.filter((a) => !a.code.startsWith('---'))
  const inside = named.length ? named : all
  // "his Russian counterpart Sergey Lavrov": one party named twice, the most specific name
  // wins; "Polish and Czech ministers": two countries, two parties
  if (inside.length > 1 && new Set(inside.map((a) => a.country ?? a.code)).size === 1)
    return [inside.reduce((a, b) => (b.code.length > a.code.length || (b.code.length === a.code.length && b.text.length > a.text.length) ? b : a))]
  if (inside.length) return inside
  const head = ctx.actorAt[p.head]
  return head ? [head] : []
}
