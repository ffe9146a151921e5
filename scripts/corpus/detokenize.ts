// Turns CoNLL-2003's space-separated tokens back into running text, so that the corpus's
// offsets point into text that reads like the news it came from.

// no space before these ("Reuters ,", "said .", "it 's", "do n't", "10 %")
const ATTACH_LEFT = /^(?:[.,;:!?%)\]}]|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m|'|\.\.\.)$/
// no space after these ("( AP", "$ 5", "US$ 5")
const ATTACH_RIGHT = /^(?:[([{$]|US\$|C\$|A\$)$/

/** Joins one sentence's tokens: punctuation and clitics attach, straight quotes alternate open and close. */
export function detokenize(words: readonly string[]): string {
  let out = ''
  let openQuote = false
  let glueNext = true
  for (const word of words) {
    let glue = glueNext
    glueNext = false
    if (word === '"') {
      // an opening quote takes a space before it and none after; a closing one the reverse
      if (openQuote) glue = true
      else glueNext = true
      openQuote = !openQuote
    } else if (ATTACH_LEFT.test(word)) glue = true
    if (ATTACH_RIGHT.test(word)) glueNext = true
    out += glue || !out ? word : ` ${word}`
  }
  return out
}
