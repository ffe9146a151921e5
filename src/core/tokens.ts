import { firstSpanAt } from './spans.js'
import type { Span, Token } from './types.js'

/** Token index ranges [first, last) of each sentence, from the tokens' sentence numbers. */
export function sentenceTokenRanges(tokens: readonly Token[], sentenceCount: number): Span[] {
  const out: Span[] = Array.from({ length: sentenceCount }, () => ({ start: 0, end: 0 }))
  let i = 0
  while (i < tokens.length) {
    const s = (tokens[i] as Token).sentence
    let j = i
    while (j < tokens.length && (tokens[j] as Token).sentence === s) j++
    out[s] = { start: i, end: j }
    i = j
  }
  return out
}

/** Index of the first token that starts at or after an offset (binary search; tokens are in order). */
export const firstTokenAt = (tokens: readonly Token[], offset: number): number => firstSpanAt(tokens, offset)

/**
 * The words of a document's tokens by index: the one reader every pass shares instead of
 * slicing the text itself. Out-of-range indexes read as the empty word, so a pass may look
 * one token before the first or after the last.
 *
 * @example
 *   const words = wordReader(doc.text, tokens)
 *   words(0) // "Syria"
 */
export function wordReader(text: string, tokens: readonly Token[]): (i: number) => string {
  return (i) => {
    const t = tokens[i]
    return t ? text.slice(t.start, t.end) : ''
  }
}

// below this share of capitals among its letters a text is written without case
const CASELESS_CAPITALS = 0.01

// below this share of lower-case letters a text is written in capitals
const SHOUTED_LOWER = 0.01

/**
 * How a text is written, from its letters (in its first 20,000 characters), counted in one pass:
 * `lower`, without case ("police arrested 200 protesters in nairobi"), under 1% of them capitals
 * where English prose has several; `upper`, in capitals, under 1% of them lower-case; `cased`
 * otherwise (and for a text without letters). Sentence ends and names are then found without
 * the capitals that mark them.
 */
export function letterCasing(text: string): 'lower' | 'upper' | 'cased' {
  let letters = 0
  let capitals = 0
  let lower = 0
  for (const ch of text.slice(0, 20_000)) {
    const down = ch.toLowerCase()
    const up = ch.toUpperCase()
    if (down === ch && up === ch) continue
    letters++
    if (down !== ch) capitals++
    if (up !== ch) lower++
  }
  if (letters === 0) return 'cased'
  if (capitals / letters < CASELESS_CAPITALS) return 'lower'
  return lower / letters < SHOUTED_LOWER ? 'upper' : 'cased'
}
