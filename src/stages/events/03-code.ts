import type { Modality } from '../../core/types.js'
import type { TriggerMatch } from './01-triggers.js'
import { type CameoCode, cameoCode, intentCode, negationCode, threatCode } from './codebook.js'

/** The CAMEO code of an event and the rule suffix that says why it differs from the trigger's. */
export interface Coding {
  readonly code: CameoCode
  readonly recoded: string | null
}

/**
 * Pass 3: the event's CAMEO code. A negated cooperative trigger ("will not accept any more
 * refugees") is a rejection (root 12); a cooperative trigger stated as an intention ("will
 * assist Damascus", "eager to restore ties") is coded as its root-03 intent code, a
 * conflictual one ("will extend the curfew", "vowed to fight") as its root-13 threat.
 */
export function codeOf(m: TriggerMatch, modality: Modality, negated: boolean, committed: boolean): Coding | null {
  const rejected = negated ? negationCode(m.trigger.code) : null
  const intended = !rejected && modality === 'intended' ? intentCode(m.trigger.code) : null
  const threat = !rejected && !intended && modality === 'intended' && committed && !negated ? threatCode(m.trigger.code) : null
  const code = cameoCode(rejected ?? intended ?? threat ?? m.trigger.code)
  if (!code) return null
  return { code, recoded: rejected ? 'reject' : intended ? 'intent' : threat ? 'threat' : null }
}
