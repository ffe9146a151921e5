import type { Span } from '../../core/types.js'
import type { TriggerMatch } from './01-triggers.js'

/** A trigger found in a sentence: what flows from pass to pass until it is coded. */
export interface TriggerMention {
  readonly match: TriggerMatch
  /** Index of the sentence in the `sentences` layer. */
  readonly sentence: number
  /** The sentence's token range [start, end). */
  readonly range: Span
  /** The act the trigger asks for, promises, refuses or threatens, when it names one. */
  readonly act?: TriggerMatch
}

export type { Refined } from '../../core/messages.js'
