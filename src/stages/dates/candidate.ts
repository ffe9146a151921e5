import type { Groups, Kind, Resolved } from './parser.js'

/** A match of a parser's pattern, before resolution. */
export interface Candidate {
  readonly kind: Kind
  readonly start: number
  readonly end: number
  readonly groups: Groups
}

/** A resolved candidate. */
export interface Found extends Resolved {
  readonly kind: Kind
  readonly start: number
  readonly end: number
}

/** What a refiner keeps, and why it dropped the others (the reasons become messages). */
export interface Refined<T> {
  readonly kept: T[]
  readonly dropped: { readonly item: T; readonly ruleId: string; readonly reason: string }[]
}
