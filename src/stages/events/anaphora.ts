import type { Actor, Arc, Token } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import { packageRegistry } from '../../lexicon/registry.js'

// Anaphora for the events stage (issue #17): a personal pronoun ("he", "its", "them") or a
// definite description ("the ministry", "the rebels", "the group") that refers back to an
// actor named earlier in the document becomes an actor of its own words with that actor's
// code, so that every frame and the role model can take it as a party. The referent is the
// nearest compatible mention — a person of the pronoun's gender, a body or state for "it",
// a group or body for "they", a mention of the description's role noun or sector — in the
// pronoun's own sentence before it, then in the three sentences before, each read for a
// clause's subject first, then from its start. Its `via` says what it was resolved from ("pronoun:title").

/** How a pronoun refers: the kind of referent it takes, its gender, and whether it is an object ("him"). */
interface PronounSpec {
  readonly kind: 'person' | 'single' | 'plural'
  readonly gender?: 'm' | 'f'
  readonly object?: boolean
}

interface AnaphoraLexicon {
  readonly pronouns: Readonly<Record<string, PronounSpec>>
  readonly bodyNouns: readonly string[]
  readonly groupNouns: readonly string[]
  readonly maleTitles: readonly string[]
  readonly femaleTitles: readonly string[]
  readonly sectorFamilies: readonly (readonly string[])[]
}

const lexicon = lazy(() => {
  const l = loadLexicon<AnaphoraLexicon>('events/anaphora.json')
  const family = new Map<string, string>()
  for (const f of l.sectorFamilies) for (const s of f) family.set(s, f[0] as string)
  return {
    pronouns: new Map(Object.entries(l.pronouns)),
    bodyNouns: new Set(l.bodyNouns),
    groupNouns: new Set(l.groupNouns),
    male: new Set(l.maleTitles),
    female: new Set(l.femaleTitles),
    family: (sector: string): string => family.get(sector) ?? sector,
  }
})

// the role nouns of the actor registry: each plural form with its singular, and the singular
// forms; a noun with no plural is one already ("troops", "police", "authorities")
const roleNouns = lazy(() => {
  const singularOf = new Map<string, string>()
  const singular = new Set<string>()
  for (const e of packageRegistry().sectorNouns) {
    const term = e.term.toLowerCase()
    if (term.includes(' ')) continue
    if (e.plural) {
      singular.add(term)
      singularOf.set(e.plural.toLowerCase(), term)
    } else if (!singular.has(term)) singularOf.set(term, term)
  }
  return { singularOf, singular }
})

// the gender the registry gives a person, by id
const genders = lazy(() => {
  const out = new Map<string, 'm' | 'f'>()
  for (const p of packageRegistry().people) if (p.gender === 'm' || p.gender === 'f') out.set(p.id, p.gender)
  return out
})

/** What a mention can be referred back to as. */
type Kind = 'person' | 'body' | 'state' | 'group' | 'unknown'

/** A mention an anaphor may refer back to. */
interface Referent {
  readonly actor: Actor
  readonly sentence: number
  /** Its token's relation and head in the parse (for "X criticised him": him is not X). */
  readonly token: number
  readonly kind: Kind
  readonly gender: 'm' | 'f' | null
  /** Its role noun, singular ("minister", "rebel"), when it has one. */
  readonly noun: string | null
  /** Named (a person, body or state the registry or a title names), not only a role noun. */
  readonly named: boolean
}

// how many sentences back a pronoun, and a description, may find its referent
const PRONOUN_SENTENCES = 3
const DESCRIPTION_SENTENCES = 5

const STATE_VIA = /^(country|seat|capital-metonymy|place-country)/
const PERSON_VIA = /^(registry:(?!organisation)|title|coreference|apposition)/
// a role noun with no country of its own: what a definite description is
const ROLE_VIA = /^role/
// the words after "it" that make it an empty subject: "it is unclear whether", "it seems likely"
const EXPLETIVE_VERBS = new Set(['is', 'was', "'s", '’s', 'seems', 'seemed', 'appears', 'appeared', 'remains', 'remained'])

/** The lower-case words of an actor's text. */
const wordsOf = (a: Actor): string[] =>
  a.text
    .toLowerCase()
    .split(/[^\p{L}\p{N}.'’-]+/u)
    .filter(Boolean)

/** The via an anaphor passes on: its referent's own, not the chain's. */
const rootVia = (via: string): string => via.replace(/^(pronoun|description):/, '')

/** Whether an actor was made by this resolver (its words are a pronoun or a description). */
export const isAnaphor = (a: Actor): boolean => /^(pronoun|description):/.test(a.via)

/** The role noun of an actor's head word, singular, and whether the word was plural. */
function roleNoun(a: Actor): { noun: string; plural: boolean } | null {
  const head = wordsOf(a).pop()
  if (!head) return null
  const { singularOf, singular } = roleNouns()
  const one = singularOf.get(head)
  if (one) return { noun: one, plural: true }
  if (singular.has(head) || lexicon().bodyNouns.has(head)) return { noun: head, plural: false }
  return null
}

/** What a mention is as a referent: a person, a body, a state, a group of people. */
function kindOf(a: Actor): { kind: Kind; noun: string | null } {
  const role = roleNoun(a)
  if (STATE_VIA.test(a.via)) return { kind: 'state', noun: null }
  // a demonym alone: "the Americans" are a group, "Iraqi" before a word no actor took is nobody
  if (a.via === 'nationality') return { kind: /s$/.test(a.text) ? 'group' : 'unknown', noun: null }
  if (a.via === 'registry:organisation') return { kind: 'body', noun: role?.noun ?? null }
  if (PERSON_VIA.test(a.via)) return { kind: 'person', noun: role?.noun ?? null }
  if (!role) return { kind: 'unknown', noun: null }
  if (role.plural) return { kind: 'group', noun: role.noun }
  return { kind: lexicon().bodyNouns.has(role.noun) ? 'body' : 'person', noun: role.noun }
}

/** A person's gender: the registry's, else a title before the name or leading it ("Mrs", "King"). */
function genderOf(a: Actor, before: string): 'm' | 'f' | null {
  const known = genders().get(a.id)
  if (known) return known
  const { male, female } = lexicon()
  for (const w of [before, ...wordsOf(a).slice(0, 2)]) {
    if (male.has(w)) return 'm'
    if (female.has(w)) return 'f'
  }
  return null
}

/**
 * The event context's actors with the document's anaphors resolved: each personal pronoun
 * outside an actor that refers back to a compatible mention becomes an actor with that
 * mention's code, and each definite role description of no country ("the ministry", "the
 * militants") takes the code of the nearest earlier mention of its role noun or sector.
 * Actors come and go in document order; the list stays sorted by start.
 */
export function resolveAnaphora(text: string, tokens: readonly Token[], lower: readonly string[], arcs: readonly Arc[], actors: readonly Actor[]): Actor[] {
  const lex = lexicon()
  const out: Actor[] = []
  const referents: Referent[] = []
  // genders the text has shown ("she" referring to a name): a later "he" looks past them
  const genderById = new Map<string, 'm' | 'f'>()
  const genderOfRef = (r: Referent): 'm' | 'f' | null => r.gender ?? genderById.get(r.actor.id) ?? null
  let next = 0
  // the end of the actors read so far: a token before it is inside one
  let covered = 0
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token
    // the actors that start by this token, in the layer's order
    while (next < actors.length && (actors[next] as Actor).start < t.end) {
      const a = actors[next++] as Actor
      const resolved = describes(a, k) ?? a
      out.push(resolved)
      const named = !ROLE_VIA.test(a.via) && !a.via.startsWith('nationality+role')
      // "the former": a role word that is no noun stands for nobody a pronoun could mean
      const { kind, noun } = named || /^(NOUN|PROPN)$/.test(tokens[lastOf(k, a)]?.pos ?? '') ? kindOf(a) : { kind: 'unknown' as const, noun: null }
      referents.push({ actor: resolved, sentence: t.sentence, token: headOf(k, a), kind, gender: genderOf(a, lower[k - 1] ?? ''), noun, named })
      covered = Math.max(covered, a.end)
    }
    if (t.start < covered) continue
    const w = lower[k] ?? ''
    const spec = lex.pronouns.get(w)
    if (spec && t.pos === 'PRON' && !(arcs[k]?.dep ?? '').startsWith('nmod:poss') && !expletive(k)) {
      const r = pronounReferent(spec, k, t.sentence)
      if (!r) continue
      if (spec.gender && !genderOfRef(r) && r.kind === 'person') genderById.set(r.actor.id, spec.gender)
      const made: Actor = { ...r.actor, start: t.start, end: t.end, text: text.slice(t.start, t.end), via: `pronoun:${rootVia(r.actor.via)}` }
      out.push(made)
      referents.push({ ...r, actor: made, sentence: t.sentence, token: k, gender: spec.gender ?? genderOfRef(r) })
      continue
    }
    // "the group said": a body named before
    const after = tokens[k + 1]
    if (w === 'the' && after && lex.groupNouns.has(lower[k + 1] ?? '') && (actors[next]?.start ?? Number.POSITIVE_INFINITY) >= after.end) {
      const r = latest(
        t.sentence,
        DESCRIPTION_SENTENCES,
        (x) => x.kind === 'body' && !x.actor.code.startsWith('---') && x.actor.via === 'registry:organisation',
      )
      if (!r) continue
      const made: Actor = { ...r.actor, start: t.start, end: after.end, text: text.slice(t.start, after.end), via: `description:${rootVia(r.actor.via)}` }
      out.push(made)
      referents.push({ ...r, actor: made, sentence: t.sentence, token: k + 1 })
      k++
    }
  }
  return out

  // the last token of a mention that starts at token `first`
  function lastOf(first: number, a: Actor): number {
    let last = first
    while (last + 1 < tokens.length && (tokens[last + 1] as Token).end <= a.end) last++
    return last
  }

  // the token standing for a mention in the parse: the one whose head lies outside it
  function headOf(first: number, a: Actor): number {
    const last = lastOf(first, a)
    for (let j = first; j <= last; j++) {
      const h = arcs[j]?.head ?? -1
      if (h < first || h > last) return j
    }
    return last
  }

  // "it is unclear whether ...": no referent
  function expletive(k: number): boolean {
    if (lower[k] !== 'it') return false
    if (arcs[k]?.dep === 'expl') return true
    return EXPLETIVE_VERBS.has(lower[k + 1] ?? '') && /^(ADJ|ADV)$/.test((tokens[k + 2] as Token | undefined)?.pos ?? '')
  }

  // the referent of a pronoun: its own sentence leftwards, then earlier sentences each from its start
  function pronounReferent(spec: PronounSpec, k: number, sentence: number): Referent | undefined {
    const fits = (r: Referent): boolean => {
      if (spec.kind === 'person') {
        const g = genderOfRef(r)
        return r.kind === 'person' && (!g || !spec.gender || g === spec.gender)
      }
      if (spec.kind === 'single') return r.kind === 'body' || r.kind === 'state'
      return r.kind === 'group' || r.kind === 'body'
    }
    // "Russia's envoy criticised him": an object is not its own verb's subject
    const isSubjectOfVerb = (r: Referent): boolean =>
      r.sentence === sentence && (arcs[r.token]?.dep ?? '').startsWith('nsubj') && arcs[r.token]?.head === arcs[k]?.head && arcs[k]?.head !== undefined
    // ... nor is whoever that subject stands for ("He later met him": not the same man)
    const subjectIds = new Set<string>()
    if (spec.object)
      for (let i = referents.length - 1; i >= 0 && (referents[i] as Referent).sentence === sentence; i--) {
        if (isSubjectOfVerb(referents[i] as Referent)) subjectIds.add((referents[i] as Referent).actor.id)
      }
    const bound = (r: Referent): boolean => !!spec.object && (isSubjectOfVerb(r) || subjectIds.has(r.actor.id))
    for (let i = referents.length - 1; i >= 0; i--) {
      const r = referents[i] as Referent
      if (r.sentence !== sentence) break
      if (fits(r) && !bound(r)) return r
    }
    // before it, a person named outright is the likelier referent than one a role noun stands for
    const free = (r: Referent): boolean => fits(r) && !subjectIds.has(r.actor.id)
    return earlier((r) => free(r) && (r.named || spec.kind !== 'person')) ?? earlier(free)

    function earlier(test: (r: Referent) => boolean): Referent | undefined {
      let end = referents.length
      while (end > 0 && (referents[end - 1] as Referent).sentence === sentence) end--
      for (let s = sentence - 1; s >= sentence - PRONOUN_SENTENCES && end > 0; s--) {
        let from = end
        while (from > 0 && (referents[from - 1] as Referent).sentence === s) from--
        // a subject first ("Speaking beside X, Y said": Y), then text order
        for (let i = from; i < end; i++) if (subject(referents[i] as Referent) && test(referents[i] as Referent)) return referents[i]
        for (let i = from; i < end; i++) if (test(referents[i] as Referent)) return referents[i]
        end = from
      }
      return undefined
    }
  }

  // a mention that is a clause's subject: subjects are the likelier referents
  // of a later pronoun than objects, appositions or obliques (a fronted "Speaking beside X, Y said": Y)
  function subject(r: Referent): boolean {
    return (arcs[r.token]?.dep ?? '').startsWith('nsubj')
  }

  // the nearest referent back to `sentences` sentences before that passes a test
  function latest(sentence: number, sentences: number, test: (r: Referent) => boolean): Referent | undefined {
    for (let i = referents.length - 1; i >= 0; i--) {
      const r = referents[i] as Referent
      if (r.sentence < sentence - sentences) return undefined
      if (test(r)) return r
    }
    return undefined
  }

  // "the ministry", "the militants": a role of no country refers back to a mention of its noun, else of its sector
  function describes(a: Actor, k: number): Actor | undefined {
    if (!ROLE_VIA.test(a.via)) return undefined
    if (lower[k] !== 'the' && lower[k - 1] !== 'the') return undefined
    const role = roleNoun(a)
    if (!role) return undefined
    const kind = role.plural ? 'group' : lex.bodyNouns.has(role.noun) ? 'body' : 'person'
    const sector = lex.family(a.code.slice(3, 6))
    const sentence = (tokens[k] as Token).sentence
    const named = (r: Referent): boolean =>
      !r.actor.code.startsWith('---') &&
      r.kind !== 'state' &&
      r.kind !== 'unknown' &&
      (kind !== 'person' || r.kind === 'person') &&
      (kind !== 'group' || r.kind === 'group' || r.kind === 'body')
    const r =
      latest(sentence, DESCRIPTION_SENTENCES, (x) => named(x) && (x.noun === role.noun || wordsOf(x.actor).includes(role.noun))) ??
      latest(sentence, DESCRIPTION_SENTENCES, (x) => named(x) && !!sector && lex.family(x.actor.code.slice(3, 6)) === sector)
    if (!r) return undefined
    return {
      ...a,
      code: r.actor.code,
      country: r.actor.country,
      sector: r.actor.sector,
      name: r.actor.name,
      id: r.actor.id,
      via: `description:${rootVia(r.actor.via)}`,
    }
  }
}
