import type { Actor } from '../../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'

const crimeWords = lazy(() => new Set(loadLexicon<EntryFile<string>>('events/crime-words.json').entries))

// the sectors of private people (annotation guide §4): civilians, criminals, business, workers,
// students and teachers, health workers, farmers; journalists, refugees and rights groups are left
// out, as an attack on them is often political
const PRIVATE = new Set(['CVL', 'CRM', 'BUS', 'LAB', 'EDU', 'HLH', 'AGR'])

// acts of force and coercion: a criminal's "attacked a shopkeeper" is the crime itself
const FORCE = /^(1[78]|19|20)/

/**
 * Refiner 4, once the parties are known: ordinary crime is discarded (CAMEO manual;
 * annotation guide §2) — an act that names a crime ("robbed", "a burglary", "murdered") or
 * an act of force by or against criminals, where no party is a state, political or armed
 * actor: every named party private (civilians, criminals, business ...), or none named.
 * A bare country, an official, the police, a party, rebels or gunmen on either side keep it,
 * and so does every arrest or trial of the suspects. Returns the reason, or null to keep it.
 */
export function ordinaryCrime(lemma: string, code: string, source: Actor | null, target: Actor | null): string | null {
  const named = [source, target].filter((a): a is Actor => !!a)
  if (!named.every(isPrivate)) return null
  if (crimeWords().has(lemma)) return `"${lemma}" names a crime and no party is a state, political or armed actor`
  if (FORCE.test(code) && named.some((a) => sectorOf(a) === 'CRM')) return `"${lemma}" is an act of force among criminals and private people`
  return null
}

const sectorOf = (a: Actor): string => a.sector ?? a.code.slice(3, 6)

// a private person or group: a private role in a country (or an unknown one, "---"), never an organisation of states
const isPrivate = (a: Actor): boolean => PRIVATE.has(sectorOf(a)) && /^([A-Z]{3}|---)$/.test(a.code.slice(0, 3)) && !/^(IGO|NGO|IMG)/.test(a.code)
