import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'

/** One CAMEO event code with its scores and PLOVER equivalent. */
export interface CameoCode {
  readonly code: string
  readonly name: string
  readonly goldstein: number | null
  readonly quad: number
  readonly plover: string | null
  readonly ploverMode: string | null
  /** What the coder does with the code (lexicon/events/code-flags.json). */
  readonly flags?: readonly CodeFlag[]
  /** The table a generic frame's coded act is looked up in ("called for the withdrawal": appeal). */
  readonly requests?: 'appeal' | 'demand' | 'threat' | 'intent'
}

/** A coder flag of a CAMEO code: asks for another act, takes its target from a complement, may target a place's country. */
export type CodeFlag = 'asks-for-act' | 'complement-target' | 'place-target'

/** Whether a code carries a coder flag. */
export function hasFlag(code: string, flag: CodeFlag): boolean {
  return cameoCodes().get(code)?.flags?.includes(flag) ?? false
}

/** CAMEO codes by code. */
export const cameoCodes = lazy(() => new Map(loadLexicon<EntryFile<CameoCode>>('events/cameo-codes.json').entries.map((c) => [c.code, c])))

/** The value of the longest key of a code table that begins the code ("0874" -> "087" -> "08"). */
function longestPrefix(table: Readonly<Record<string, string>>, code: string): string | null {
  for (let k = code.length; k >= 2; k--) {
    const key = code.slice(0, k)
    const hit = Object.hasOwn(table, key) ? table[key] : undefined
    if (hit) return hit
  }
  return null
}

interface IntentCodes {
  readonly map: Record<string, string>
}
const intentCodes = lazy(() => loadLexicon<IntentCodes>('events/intent-codes.json').map)

/**
 * The "express intent to ..." code (root 03) for a cooperative code stated as an intention
 * ("will assist" 070 -> 033), or null when the code has none. The longest key wins.
 */
export function intentCode(code: string): string | null {
  return longestPrefix(intentCodes(), code)
}

const negationCodes = lazy(() => loadLexicon<IntentCodes>('events/negation-codes.json').map)

/**
 * The "reject" code (root 12) for a cooperative code stated with a negator ("will not accept
 * refugees" 030 -> 120), or null when the code has none. The longest key wins.
 */
export function negationCode(code: string): string | null {
  return longestPrefix(negationCodes(), code)
}

const threatCodes = lazy(() => loadLexicon<IntentCodes>('events/threat-codes.json').map)

/**
 * The "threaten" code (root 13) for a conflictual code stated as an intention ("will extend
 * the curfew" 1723 -> 1323), or null when the code has none. The longest key wins.
 */
export function threatCode(code: string): string | null {
  return longestPrefix(threatCodes(), code)
}

const appealCodes = lazy(() => loadLexicon<IntentCodes>('events/appeal-codes.json').map)
const demandCodes = lazy(() => loadLexicon<IntentCodes>('events/demand-codes.json').map)

/**
 * The code of an appeal (root 02), demand (10), threat (13) or intent (03) named after the act
 * it asks for, threatens or promises ("called for the withdrawal" 020 + 0874 -> 0256), or null
 * when the frame is not generic or the act has no such code.
 */
export function requestCode(frame: string, act: string): string | null {
  const requests = cameoCodes().get(frame)?.requests
  if (requests === 'appeal') return longestPrefix(appealCodes(), act)
  if (requests === 'demand') return longestPrefix(demandCodes(), act)
  if (requests === 'threat') return threatCode(act)
  // "agreed that their countries should cooperate", "reached a consensus to exchange
  // information": accord on a cooperative act to come is the intent to do it
  if (requests === 'intent') return intentCode(act)
  return null
}

/** A code's entry, falling back to its parent ("0231" -> "023" -> "02") for missing fields. */
export function cameoCode(code: string): CameoCode | null {
  const own = cameoCodes().get(code)
  if (!own) return null
  let plover = own.plover
  let goldstein = own.goldstein
  for (let k = code.length - 1; k >= 2 && (plover === null || goldstein === null); k--) {
    const parent = cameoCodes().get(code.slice(0, k))
    plover ??= parent?.plover ?? null
    goldstein ??= parent?.goldstein ?? null
  }
  return { ...own, plover, goldstein }
}
