import type { Actor, Event, EventMention, Modality, Span } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { EventContext } from './context.js'

/**
 * Pass 6: one event per sentence, source, target and code: "resumed airstrikes on Syria,
 * including attacks on ..." is one use of force, not three.
 */
export function dedupe(events: readonly Event[]): Event[] {
  const seen = new Set<string>()
  return events.filter((e) => {
    const key = `${e.sentence.start}:${e.source?.code}:${e.source?.text}:${e.target?.code}:${e.target?.text}:${e.cameo}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Pass 6, then: one act, one event: an event a later sentence reports again — a headline
 * and the lead telling of one strike — becomes a further mention of the first one, not a
 * second event. It must have the same source and target codes (both named), the same code
 * (or one that refines it: 138 and 1384; one family is not enough), the same negation, a
 * modality that asserts the same thing, no other date (a date of its own clause must agree
 * with the other's, `dated`) and no other place. Parties are never paired across
 * sentences: only whole events are merged. The first report stays the event's evidence; a
 * date or place only a later one gives is kept. Statements (01) are never merged: "said"
 * twice is two statements, told apart by what they say, not by the code, and a report the
 * text marks as a new occurrence (`anew`: "condemned Iran again") is never a repeat.
 */
export function mergeRepeats(events: readonly Event[], dated: ReadonlySet<Event>, anew: ReadonlySet<Event>): Event[] {
  const groups: Group[] = []
  for (const e of events) {
    const own = dated.has(e)
    const group = anew.has(e) ? undefined : groups.find((g) => sameAct(g, e, own))
    if (!group) {
      groups.push({ first: e, members: [e], date: e.date, dated: own, place: e.place })
      continue
    }
    group.members.push(e)
    if (own && !group.dated) {
      group.date = e.date
      group.dated = true
    }
    group.place ??= e.place
  }
  return groups.map((g) =>
    g.members.length === 1
      ? g.first
      : {
          ...g.first,
          date: g.date,
          place: g.place,
          confidence: g.members.reduce((best, m) => Math.max(best, m.confidence), 0),
          mentions: g.members.map(mentionOf),
        },
  )
}

// words that mark an act as one more occurrence: "struck the city again", "another raid", "a second strike"
const ANEW = new Set(['again', 'anew', 'another', 'fresh', 'renewed', 'second', 'third'])
// how many words either side of the trigger are read for them
const ANEW_WINDOW = 3

/** Whether the words around a trigger tell of a new occurrence of its act ("condemned Iran again", "a fresh offensive"). */
export function toldAnew(ctx: EventContext, at: number, last: number, r: Span): boolean {
  for (let k = Math.max(r.start, at - ANEW_WINDOW); k < Math.min(r.end, last + 1 + ANEW_WINDOW); k++) if (ANEW.has(ctx.lower[k] ?? '')) return true
  return false
}

interface Group {
  readonly first: Event
  readonly members: Event[]
  date: string | null
  dated: boolean
  place: Event['place']
}

const mentionOf = (e: Event): EventMention => ({ sentence: e.sentence, trigger: e.trigger, cameo: e.cameo, confidence: e.confidence })

// modalities that both say the act took place: "Russia struck Kyiv" and "Russia struck Kyiv, officials said"
const TOOK_PLACE: ReadonlySet<Modality> = new Set(['asserted', 'reported'])

function sameAct(g: Group, e: Event, dated: boolean): boolean {
  const f = g.first
  if (e.sentence.start === f.sentence.start) return false
  // a dyad: with a party left unsaid, two reports may be two acts ("attacked" here and there)
  if (!f.source || !f.target || f.cameo.startsWith('01')) return false
  if (f.source?.code !== e.source?.code || f.target?.code !== e.target?.code) return false
  if (!sameKind(f.cameo, e.cameo) || f.negated !== e.negated) return false
  if (f.modality !== e.modality && !(TOOK_PLACE.has(f.modality) && TOOK_PLACE.has(e.modality))) return false
  if (dated && g.dated && !sameTime(g.date, e.date)) return false
  return !g.place || !e.place || g.place.name === e.place.name
}

// the same code, or one that refines the other: "threatened" (138) and "threatened to attack"
// (1384) may tell of one act; "invaded" (190) and "resumed airstrikes" (195) tell of two
const sameKind = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a)

// "2019" and "2019-03-04" may name one time; "2019-03" and "2019-04" do not
const sameTime = (a: string | null, b: string | null): boolean => !a || !b || a.startsWith(b) || b.startsWith(a)

// killing verbs and nouns that, aimed at one named political figure, are an assassination
const KILLING = new Set(['kill', 'killing', 'murder', 'slay', 'shoot', 'gun', 'stab'])

// sectors of a political figure (annotation guide §4: "a targeted killing of an official is assassination")
const POLITICAL = /^(GOV|LEG|JUD|OPP|ELI|PTY)/

// how a party was found when it names one person: a registry entry, a title before a name, an apposition, a surname again
const ONE_PERSON = /^(registry:(?!organisation)|title$|apposition$|coreference)/

/**
 * The manual's special code: a killing (18x-19x) of one named political figure — a
 * minister, a judge, an opposition leader — is an assassination (186), not a use of force.
 */
export function isAssassination(code: string, lemma: string, target: Actor | null): boolean {
  return (
    /^1[89]/.test(code) &&
    code !== '186' &&
    KILLING.has(lemma) &&
    !!target &&
    ONE_PERSON.test(target.via) &&
    POLITICAL.test(target.sector ?? target.code.slice(3))
  )
}

interface Unconventional {
  readonly codes: readonly string[]
  readonly stateForces: readonly string[]
  readonly armed: readonly string[]
  readonly explosives: readonly string[]
  readonly explosivesCode: string
  readonly otherCode: string
  readonly lemmas: readonly string[]
  readonly clashLemmas: readonly string[]
  readonly police: readonly string[]
  readonly protesters: readonly string[]
  readonly riotCode: string
  readonly verbalLemmas: readonly string[]
  readonly political: readonly string[]
  readonly criticismCode: string
}
const unconventional = lazy(() => {
  const f = loadLexicon<Unconventional>('events/unconventional-violence.json')
  return {
    ...f,
    codes: new Set(f.codes),
    stateForces: new Set(f.stateForces),
    armed: new Set(f.armed),
    explosives: new Set(f.explosives),
    lemmas: new Set(f.lemmas),
    clashLemmas: new Set(f.clashLemmas),
    police: new Set(f.police),
    protesters: new Set(f.protesters),
    verbalLemmas: new Set(f.verbalLemmas),
    political: new Set(f.political),
  }
})

/** The role element of an actor code ("FRACVL" -> "CVL"); a bare state ("IRQ") is "STATE". */
const roleOf = (a: Actor): string => (a.code.length <= 3 ? (a.code.startsWith('-') ? '' : 'STATE') : a.code.slice(3, 6))

/**
 * A use of force (190, 193) that the CAMEO codebook puts elsewhere (lexicon/events/unconventional-violence.json):
 * a killing or attack that no state force does (the source is unknown, a rebel group,
 * gunmen) with explosives the sentence names, on anyone, or on a party that does not fight
 * (civilians, officials, journalists, aid workers) is unconventional violence, root 18 ("a
 * roadside bomb killed four soldiers", "insurgents shot dead two teachers"): 183 when the
 * sentence names explosives, else 180; a clash between
 * the police and protesters, students or workers is a riot (145); an attack by one unarmed
 * political actor on another ("a senator attacked the governor") is criticism (111). Null
 * when the act stays a use of force.
 */
export function violenceCode(ctx: EventContext, code: string, lemma: string, source: Actor | null, target: Actor | null, r: Span): string | null {
  const u = unconventional()
  if (!u.codes.has(code)) return null
  if (u.clashLemmas.has(lemma)) {
    const roles = [source, target].map((a) => (a ? roleOf(a) : ''))
    const police = roles.some((x) => u.police.has(x))
    return police && roles.some((x) => u.protesters.has(x)) ? u.riotCode : null
  }
  if (!target || !u.lemmas.has(lemma)) return null
  if (source && u.verbalLemmas.has(lemma) && u.political.has(roleOf(source)) && u.political.has(roleOf(target))) return u.criticismCode
  if (source && (u.stateForces.has(roleOf(source)) || roleOf(source) === 'STATE')) return null
  // "a roadside bomb killed four soldiers": a bomb no army fired is a bombing whoever it hits (guide §4)
  for (let k = r.start; k < r.end; k++) if (u.explosives.has(ctx.lower[k] ?? '')) return u.explosivesCode
  // "three Britons died in the blast": people named by their nationality are civilians, not their state
  const role = target.via === 'nationality' ? 'CVL' : roleOf(target)
  if (!role || role === 'STATE' || u.armed.has(role)) return null
  return u.otherCode
}
