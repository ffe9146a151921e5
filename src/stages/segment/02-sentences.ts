import { letterCasing } from '../../core/tokens.js'
import type { Span } from '../../core/types.js'

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»'])
const ENDERS = /^(?:[.!?]+|\.{2,}|…)$/

// the dash that closes a dateline: "KABUL, March 2 (Reuters) - Pakistan condemned ..."
const DASHES = new Set(['-', '--', '—', '–'])

// a dateline is short: a place, a date, an agency
const DATELINE_TOKENS = 12

/**
 * Groups tokens into sentences: a sentence ends at . ! ? … (with closing quotes and
 * brackets) before a capitalised word, a digit or an opening quote — before any word in a
 * text written in lower case or in capitals, unless it closes an initial, a quoted question
 * or an ellipsis —, at every line break, and after a dateline ("CAIRO, May 3
 * (Reuters) -"). Returns, for each sentence, the range of token indices [start, end).
 * `whole` is how the text is written (letterCasing), when the caller has it.
 */
export function splitSentences(text: string, tokens: readonly Span[], whole: 'cased' | 'lower' | 'upper' = letterCasing(text)): Span[] {
  const out: Span[] = []
  // "police arrested 200 protesters. the curfew ...", "POLICE ARRESTED 200 PROTESTERS. THE CURFEW
  // ...": where capitals mark nothing, a full stop before any word ends a sentence there
  const uncased = whole !== 'cased'
  let first = 0
  const close = (end: number): void => {
    if (end > first) out.push({ start: first, end })
    first = end
  }
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Span
    const next = tokens[i + 1]
    if (!next) break
    const gap = text.slice(tok.end, next.start)
    if (gap.includes('\n')) {
      close(i + 1)
      continue
    }
    const word = text.slice(tok.start, tok.end)
    if (DASHES.has(word) && endsDateline(first, i)) {
      close(i + 1)
      continue
    }
    // "... Moscow." — an abbreviation keeps its period inside the token, so it never ends here
    const endsWithPeriod = ENDERS.test(word)
    if (!endsWithPeriod) continue
    let j = i + 1
    // closing quotes and brackets stay with the sentence they close: attached ('done."') or,
    // for a straight quote, when the sentence has an odd number of them ('done . "')
    const closes = (k: number): boolean => {
      const t = tokens[k] as Span
      const w = text.slice(t.start, t.end)
      if (!CLOSERS.has(w)) return false
      if (t.start === (tokens[k - 1] as Span).end) return true
      return w === '"' && openQuotes(first, k) % 2 === 1
    }
    while (j < tokens.length && closes(j)) j++
    const after = tokens[j]
    if (!after) break
    const nextWord = text.slice(after.start, after.end)
    if (uncased ? /^[\d“"‘'([]/u.test(nextWord) || (/^\p{L}/u.test(nextWord) && endsUncased(i, j)) : /^[\p{Lu}\d“"‘'([]/u.test(nextWord)) {
      close(j)
      i = j - 1
    }
  }
  close(tokens.length)
  return out

  /**
   * Whether tokens [from, dash) are a dateline: a line's first words in capitals, then a
   * comma (the date follows) or an agency in brackets right before the dash. "SOCCER -
   * JAPAN WIN" is a headline, no dateline.
   */
  function endsDateline(from: number, dash: number): boolean {
    if (dash - from < 2 || dash - from > DATELINE_TOKENS) return false
    const w = (k: number): string => text.slice((tokens[k] as Span).start, (tokens[k] as Span).end)
    const lineStart = text.lastIndexOf('\n', (tokens[from] as Span).start - 1) + 1
    if (/\S/.test(text.slice(lineStart, (tokens[from] as Span).start)) || !/^\p{Lu}[\p{Lu}.'’-]+$/u.test(w(from))) return false
    const agency = w(dash - 1) === ')' && (tokens[dash - 1] as Span).end <= (tokens[dash] as Span).start
    const comma = Array.from({ length: dash - from }, (_, k) => w(from + k)).includes(',')
    return agency || (comma && /\d/.test(text.slice((tokens[from] as Span).start, (tokens[dash] as Span).start)))
  }

  /**
   * Whether the punctuation at token `at` ends a sentence in a text without capitals to go
   * by, the next word at `next`: not an ellipsis ("talks resume ... soon"), not a question or
   * exclamation closed by a quote ('"are you lost?" asks the man'), not the full stop of an
   * initial ("advocate g. kumar").
   */
  function endsUncased(at: number, next: number): boolean {
    const w = text.slice((tokens[at] as Span).start, (tokens[at] as Span).end)
    if (w === '…' || /^\.{2,}$/.test(w)) return false
    if (/[?!]/.test(w) && next > at + 1) return false
    const before = tokens[at - 1]
    if (w === '.' && before && before.end === (tokens[at] as Span).start && before.end - before.start === 1 && /\p{L}/u.test(text[before.start] as string)) {
      const gap = text[before.start - 1]
      return gap !== undefined && !/\s/.test(gap)
    }
    return true
  }

  function openQuotes(from: number, to: number): number {
    let n = 0
    for (let k = from; k < to; k++) if (text.slice((tokens[k] as Span).start, (tokens[k] as Span).end) === '"') n++
    return n
  }
}
