import type { Quote } from '../../core/types.js'
import type { DirectCandidate } from './03-direct.js'

// two quotes around one attribution are one quote when this close (characters): "“A,” Warren said. “B.”"
const FRAGMENT_GAP = 160
// a quote of fewer words needs a cue before it to count: 'Clinton called them “deplorables.”'
const MIN_UNCUED_WORDS = 4

/**
 * Joins the fragments of one quotation ("“You should resign,” Warren said. “You should
 * give back the money.”") and drops quoted words nobody says: scare quotes, titles, and
 * short quotes with no cue.
 */
export function mergeFragments(text: string, candidates: readonly DirectCandidate[]): Quote[] {
  const kept = candidates.filter((c) => isQuotation(text, c))
  const out: Quote[] = []
  let open: { first: DirectCandidate; last: DirectCandidate } | null = null
  for (const c of kept) {
    if (open && joins(text, open.first, open.last, c)) {
      open.last = c
      continue
    }
    if (open) out.push(joined(text, open.first, open.last))
    open = { first: c, last: c }
  }
  if (open) out.push(joined(text, open.first, open.last))
  return out
}

function isQuotation(text: string, c: DirectCandidate): boolean {
  const content = c.quote.text.trim()
  const words = content.split(/\s+/).filter((w) => /\w/.test(w))
  if (words.length === 0) return false
  // 'On this weekend’s broadcast of “Fox News Sunday,”' — a title, not somebody's words
  if (words.length <= 5 && words.every((w) => /^[A-Z0-9]/.test(w) || /^(of|the|a|an|and|on|in|for|to|with)$/.test(w)) && c.how !== 'after') return false
  if (words.length < MIN_UNCUED_WORDS) {
    // 'The so-called "moderate" rebels left.' — a label, not a quotation
    if (c.how !== 'before' && c.how !== 'after') return false
    if (words.length === 1 && /\bso-called\s*$/i.test(text.slice(Math.max(0, c.mark.start - 12), c.mark.start))) return false
  }
  return c.how !== 'none'
}

/** B continues A when it follows in the same paragraph with only A's attribution (or nothing) between. */
function joins(text: string, first: DirectCandidate, last: DirectCandidate, next: DirectCandidate): boolean {
  const gap = text.slice(last.mark.end, next.mark.start)
  if (gap.length > FRAGMENT_GAP || gap.includes('\n')) return false
  // "“…,” he said, as cited by TASS. “Today we are …”": a sentence that names the channel closes what it credits,
  // the next quote is one the channel did not necessarily carry
  if (next.how === 'continued') return last.quote.via === null || !/[.!?]\s*$/.test(gap)
  // 'called the 1996 pageant winner “Miss Piggy” and “Miss Housekeeping”' — one cue, two quoted phrases
  if (next.cueIndex !== null && next.cueIndex === first.cueIndex) return true
  return next.cueIndex !== null && last.cueIndex === next.cueIndex
}

function joined(text: string, first: DirectCandidate, last: DirectCandidate): Quote {
  if (first === last) return first.quote
  const start = first.quote.start
  const end = last.quote.end
  return { ...first.quote, start, end, text: text.slice(start, end), via: first.quote.via ?? last.quote.via }
}
