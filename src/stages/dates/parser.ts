import type { DateMention } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import type { Ymd } from './calendar.js'

/** The word lists the patterns are built from (`lexicon/dates/words.json`). */
export interface DateWords {
  readonly months: Record<string, number>
  readonly weekdays: Record<string, number>
  readonly numbers: Record<string, number | 'X'>
  readonly tens: Record<string, number>
  readonly ones: Record<string, number>
  readonly units: Record<string, string>
  readonly seasons: Record<string, string>
  readonly refs: Record<string, string>
}

/** The date word lists, read once. */
export const dateWords = lazy(() => loadLexicon<DateWords>('dates/words.json'))

/** Every kind of expression a parser finds; the kind names the parser in messages. */
export type Kind =
  | 'iso'
  | 'mdy'
  | 'dmy'
  | 'md'
  | 'monthrel'
  | 'relmonth'
  | 'dm'
  | 'my'
  | 'ago'
  | 'relplural'
  | 'rel'
  | 'relwday'
  | 'month'
  | 'clock'
  | 'day'
  | 'spokenyear'
  | 'spokendecade'
  | 'decade'
  | 'quarter'
  | 'lastquarter'
  | 'period'
  | 'theyear'
  | 'weekend'
  | 'season'
  | 'year'
  | 'bareyear'
  | 'duration'
  | 'thepast'
  | 'set'
  | 'setnamed'
  | 'ref'

/** Which way the clause around an expression looks: 1 ahead, -1 back, 0 when nothing says. */
export type Direction = -1 | 0 | 1

/** A resolved expression: its TIMEX3 type, value and mod. */
export interface Resolved {
  readonly type: DateMention['type']
  readonly value: string
  readonly mod: string | null
}

/** The named groups of a match. */
export type Groups = Readonly<Record<string, string | undefined>>

/** What a resolution reads besides the match: the anchor date, the clause's tense, the report's subject. */
export interface ResolveContext {
  readonly anchor: Ymd
  readonly dir: Direction
  /** Whether the report is about a quarter by this point (earnings reports). */
  readonly byQuarter: boolean
  readonly words: DateWords
}

/** The pattern pieces built from the word lists, shared by the parsers. */
export interface Fragments {
  readonly MONTH: string
  readonly WDAY: string
  readonly NUM: string
  readonly UNIT: string
  readonly MOD: string
  readonly REL: string
  readonly TENS: string
  readonly ONES: string
  /** Time zones after a clock time (lexicon/dates/time-zones.json). */
  readonly ZONE: string
  /** The regular expression flags every built pattern uses. */
  readonly f: string
  readonly w: DateWords
}

/**
 * A parser: the patterns of one kind of expression and its resolution together. Patterns
 * have named groups, which `resolve` reads; `null` drops the match.
 */
export interface DateParser {
  readonly kind: Kind
  patterns(fragments: Fragments): RegExp[]
  resolve(g: Groups, c: ResolveContext): Resolved | null
}

/** Alternatives longest first, so that "Sept" never wins over "September". */
export const alt = (keys: string[]): string => keys.sort((a, b) => b.length - a.length).join('|')

/** The shared pattern pieces. */
export function fragments(w: DateWords): Fragments {
  return {
    MONTH: `(?<month>${alt(Object.keys(w.months))})\\.?`,
    WDAY: `(?<wday>${alt(Object.keys(w.weekdays))})`,
    NUM: `(?<num>\\d+|${alt(Object.keys(w.numbers))})`,
    UNIT: `(?<unit>${alt(Object.keys(w.units))})s?`,
    MOD: '(?:(?<mod>early|late|mid|the (?:beginning|start|end|middle) of)[- ]?)?',
    REL: '(?<rel>last|this|next|past|previous|coming|current)',
    TENS: `(?<tens>${alt(Object.keys(w.tens))})`,
    ONES: `(?<ones>${alt(Object.keys(w.ones))})`,
    ZONE: alt([...loadLexicon<EntryFile<string>>('dates/time-zones.json').entries]),
    f: 'giu',
    w,
  }
}

/** TIMEX3 mods of the modifier words. */
export const MOD_VALUE: Record<string, string> = {
  early: 'START',
  late: 'END',
  mid: 'MID',
  'the beginning of': 'START',
  'the start of': 'START',
  'the end of': 'END',
  'the middle of': 'MID',
}
/** Half of a unit in the next smaller one: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M. */
export const HALF: Record<string, string> = { Y: '6M', M: '15D', D: 'T12H', TH: '30M', TM: '30S' }
/** Quarter numbers by word. */
export const QUARTER: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 }

/** The TIMEX3 mod of a match's modifier ("early", "the end of"), or null. */
export const modOf = (g: Groups): string | null => (g.mod ? (MOD_VALUE[g.mod.toLowerCase()] ?? null) : null)

/** The month number of a match's month name. */
export const monthOf = (g: Groups, w: DateWords): number | undefined => (g.month ? w.months[g.month.toLowerCase()] : undefined)

/** A DATE with a value and, unless told otherwise, the match's mod. */
export const dateWith =
  (mod: string | null) =>
  (value: string, m: string | null = mod): Resolved => ({ type: 'DATE', value, mod: m })

/** A number written in digits or words ("three", "a"); X for "several". */
export const num = (s: string | undefined): number | 'X' | null => {
  if (!s) return null
  if (/^\d+$/.test(s)) return Number(s)
  return dateWords().numbers[s.toLowerCase()] ?? null
}

/** The year of a month named without one: this year's, or the last/next one by tense. */
export function nearestYear(a: Ymd, month: number, dir: Direction): number {
  if (dir < 0 && month > a.m) return a.y - 1
  if (dir > 0 && month < a.m) return a.y + 1
  if (dir === 0 && month - a.m > 6) return a.y - 1
  if (dir === 0 && a.m - month > 6) return a.y + 1
  return a.y
}
