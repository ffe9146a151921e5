import type { Span } from '../../core/types.js'

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»'])
const ENDERS = /^(?:[.!?]+|\.{2,}|…)$/

/**
 * Groups tokens into sentences: a sentence ends at . ! ? … (with closing quotes and
 * brackets) before a capitalised word, a digit or an opening quote, and at every line break.
 * Returns, for each sentence, the range of token indices [start, end).
 */
export function splitSentences(text: string, tokens: readonly Span[]): Span[] {
  const out: Span[] = []
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
    if (/^[\p{Lu}\d“"‘'([]/u.test(nextWord)) {
      close(j)
      i = j - 1
    }
  }
  close(tokens.length)
  return out

  function openQuotes(from: number, to: number): number {
    let n = 0
    for (let k = from; k < to; k++) if (text.slice((tokens[k] as Span).start, (tokens[k] as Span).end) === '"') n++
    return n
  }
}
