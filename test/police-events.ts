import { readFileSync } from 'node:fs'
import { createAnalyzer, isError } from '../src/analyze.js'

/**
 * Police actions in news (issue #17): test/police-events.jsonl holds short reports written
 * for this project in the manner of South Asian, African, US and European police news —
 * active and passive, with and without a named agent, lower-case and capitals, numbers and
 * generic groups as the people acted on — and, as negatives, acts denied, planned, threatened,
 * asked for or words in another sense. Each line gives the police codes a reader finds done
 * in the text: "173" an arrest or detention, "175" crowd control (tear gas, water cannon,
 * baton charges, dispersal), "18" assault, "19" fighting (firing, shooting); "175|19" accepts
 * either. An empty list: no police act done.
 *
 * Scored by class, as the peer's police-events corpus is: arrest (173) and use of force (175,
 * 18x, 19x, 20x). An item's class is found when one of its events has such a code, is not
 * negated and is asserted or reported (said to be done); per class precision, recall and F1
 * over the items, and the share of items whose police codes are exactly the expected ones.
 */
export const POLICE_EVENTS_PATH = new URL('./police-events.jsonl', import.meta.url)

export type PoliceClass = 'arrest' | 'force'

interface Case {
  readonly text: string
  /** Expected codes, each "173", "175", "18", "19", "20" or alternatives "175|19". */
  readonly codes: readonly string[]
}

export interface ClassScore {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/** One item the pipeline got wrong: what was expected and what it found. */
export interface PoliceMiss {
  readonly text: string
  readonly expected: readonly string[]
  readonly found: readonly string[]
}

export interface PoliceEventsScore {
  readonly items: number
  readonly arrest: ClassScore
  readonly force: ClassScore
  /** Share of items whose found police codes are exactly the expected ones. */
  readonly exact: number
  readonly misses: readonly PoliceMiss[]
}

const CODE = /^(173|175|18|19|20)$/

/** Reads the cases; throws on a line without text and codes or with a code of no police class. */
export function readPoliceEvents(path: string | URL = POLICE_EVENTS_PATH): Case[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, k) => {
      const c = JSON.parse(l) as Partial<Case>
      if (typeof c.text !== 'string' || !Array.isArray(c.codes)) throw new Error(`${String(path)}:${k + 1}: needs "text" and "codes"`)
      for (const code of c.codes)
        if (typeof code !== 'string' || !code.split('|').every((x) => CODE.test(x)))
          throw new Error(`${String(path)}:${k + 1}: "${String(code)}" is no police code`)
      return { text: c.text, codes: c.codes }
    })
}

/** The police code of an event's CAMEO code ("1731" -> "173", "193" -> "19"), or null. */
export function policeCode(cameo: string): string | null {
  if (cameo.startsWith('173') || cameo.startsWith('175')) return cameo.slice(0, 3)
  const root = cameo.slice(0, 2)
  return root === '18' || root === '19' || root === '20' ? root : null
}

const classOf = (code: string): PoliceClass => (code === '173' ? 'arrest' : 'force')

const scoreOf = (tp: number, fp: number, fn: number): ClassScore => {
  const precision = tp + fp ? tp / (tp + fp) : 1
  const recall = tp + fn ? tp / (tp + fn) : 1
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}

/** Runs the pipeline on each case and scores the police classes it finds done. */
export function scorePoliceEvents(path: string | URL = POLICE_EVENTS_PATH): PoliceEventsScore {
  const cases = readPoliceEvents(path)
  const analyzer = createAnalyzer({ today: '2024-05-01' })
  const counts = { arrest: { tp: 0, fp: 0, fn: 0 }, force: { tp: 0, fp: 0, fn: 0 } }
  let exact = 0
  const misses: PoliceMiss[] = []
  for (const c of cases) {
    const out = analyzer.analyze({ text: c.text, clean: false, published: '2024-05-01' })
    if (isError(out)) throw new Error(`${c.text}: ${out.error}`)
    const found = new Set<string>()
    for (const e of out.events ?? []) {
      const code = policeCode(e.cameo)
      if (code && !e.negated && (e.modality === 'asserted' || e.modality === 'reported')) found.add(code)
    }
    for (const cls of ['arrest', 'force'] as const) {
      const want = c.codes.some((x) => x.split('|').some((y) => classOf(y) === cls))
      const got = [...found].some((x) => classOf(x) === cls)
      if (want && got) counts[cls].tp++
      else if (got) counts[cls].fp++
      else if (want) counts[cls].fn++
    }
    // every expected code found, and every found code expected
    const right = c.codes.every((x) => x.split('|').some((y) => found.has(y))) && [...found].every((y) => c.codes.some((x) => x.split('|').includes(y)))
    if (right) exact++
    else misses.push({ text: c.text, expected: c.codes, found: [...found].sort() })
  }
  return {
    items: cases.length,
    arrest: scoreOf(counts.arrest.tp, counts.arrest.fp, counts.arrest.fn),
    force: scoreOf(counts.force.tp, counts.force.fp, counts.force.fn),
    exact: exact / cases.length,
    misses,
  }
}
