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

export type { Refined } from '../../core/messages.js'
