import type { Span, Token } from '../../core/types.js'

// Lower-case particles inside names: "Hayat Tahrir al-Sham", "Bank of England", "Ahmed bin Salman"
const CONNECTORS = new Set(['of', 'al', 'bin', 'ibn', 'de', 'del', 'der', 'van', 'von', 'da', 'di', 'du', 'la', 'le', 'and', 'for', 'el', 'abu', 'the'])
const PARTICLE_NAME = /^(al|el|as|ash|ad|an|at|az|ar|bin|ibn|abu|bani|van|von|de|di|da|du|le|la)-\p{Lu}/u

/** Whether a token starts with a capital, or is an Arabic-particle name ("al-Sharaa"). */
export const isNameToken = (word: string, pos: string): boolean =>
  (pos === 'PROPN' || pos === 'NOUN' || pos === 'ADJ' || pos === 'X') && (/^\p{Lu}/u.test(word) || PARTICLE_NAME.test(word))

/**
 * Proposes name spans: runs of capitalised tokens in a sentence, with connectors between
 * capitalised words, and parenthesised acronyms ("(HTS)") as their own candidates.
 * Returns token index ranges [start, end).
 */
export function nameRuns(text: string, tokens: readonly Token[]): Span[] {
  const out: Span[] = []
  const word = (i: number): string => {
    const t = tokens[i] as Token
    return text.slice(t.start, t.end)
  }
  let i = 0
  while (i < tokens.length) {
    const t = tokens[i] as Token
    if (!isNameToken(word(i), t.pos)) {
      i++
      continue
    }
    let j = i + 1
    while (j < tokens.length) {
      const tj = tokens[j] as Token
      if (tj.sentence !== t.sentence) break
      const w = word(j)
      if (isNameToken(w, tj.pos) && tj.start - (tokens[j - 1] as Token).end <= 1) {
        j++
        continue
      }
      // a connector counts only between two name words: "Bank of England"
      const n = tokens[j + 1]
      if (CONNECTORS.has(w) && n && n.sentence === t.sentence && isNameToken(word(j + 1), n.pos) && w !== 'and' && w !== 'the') {
        j += 2
        continue
      }
      break
    }
    out.push({ start: i, end: j })
    i = j
  }
  return out
}
