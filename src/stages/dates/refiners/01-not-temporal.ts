import { firstTokenAt } from '../../../core/tokens.js'
import type { Token } from '../../../core/types.js'
import type { Candidate, Refined } from '../candidate.js'

/**
 * Refiner 1, on the matches before resolution: drops what is not a temporal expression by
 * its neighbours — a fraction ("about three-quarters of its food"), a rate ("700 seats a
 * week", "$1.76 a year") or a first name ("Jan Kavan").
 */
export function dropNotTemporal(candidates: readonly Candidate[], text: string, tokens: readonly Token[]): Refined<Candidate> {
  const kept: Candidate[] = []
  const dropped: Refined<Candidate>['dropped'] = []
  for (const c of candidates) {
    const reason = notTemporal(c, text, tokens)
    if (reason) dropped.push({ item: c, ruleId: 'not-temporal', reason: `"${text.slice(c.start, c.end)}" is ${reason}` })
    else kept.push(c)
  }
  return { kept, dropped }
}

function notTemporal(c: Candidate, text: string, tokens: readonly Token[]): string | null {
  const g = c.groups
  const after = text.slice(c.end, c.end + 40)
  const prev = tokens[firstTokenAt(tokens, c.start) - 1]
  const unit = (g.unit ?? '').toLowerCase()
  if (c.kind === 'duration' && unit === 'quarter' && /^ of\b/u.test(after) && /^(?:a|one|two|three)$/iu.test(g.num ?? '')) return 'a fraction'
  if (c.kind === 'duration' && /^an?$/iu.test(g.num ?? '') && prev && (prev.pos === 'NOUN' || prev.pos === 'NUM' || prev.pos === 'SYM')) return 'a rate'
  // "Jan" without its full stop and with no day or year after it is a name
  if (c.kind === 'month' && g.month && /^[A-Z][a-z]{2}$/u.test(g.month) && !/^(may)$/iu.test(g.month) && !after.startsWith('.')) return 'a name'
  return null
}
