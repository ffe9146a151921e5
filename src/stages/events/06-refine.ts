import type { Actor, Event } from '../../core/types.js'

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
