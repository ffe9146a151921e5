import type { Span } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'

const abbreviations = lazy(() => new Set(loadLexicon<EntryFile<string>>('segment/abbreviations.json').entries))

// One alternation, tried left to right at each position; the group names say what matched.
const TOKEN = new RegExp(
  [
    String.raw`(?<url>(?:https?://|www\.)[^\s<>"”]+[^\s<>"”.,;:!?)\]'’])`,
    // "j.smith@example.com", and the bare host of a forwarded mail header ("Warner@ENRON")
    String.raw`(?<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)*)`,
    // "U.S.", "a.m.", "U.N." — letters with periods; "U.S" before a full stop written apart
    String.raw`(?<initials>(?:\p{L}\.){2,}|(?:\p{Lu}\.)+\p{Lu}(?![\p{L}\p{M}\d.]))`,
    // ":)", ":-(", ";P" — emoticons stand between spaces
    String.raw`(?<emoticon>(?<!\S)[:;]-?[()DPp](?!\S))`,
    // "b/c", "w/", "w/o", "l/c": a letter, a slash and at most one more letter
    String.raw`(?<slashed>(?<![\p{L}\p{M}\d/])\p{L}/\p{L}?(?![\p{L}\p{M}\d/]))`,
    // "#audiobooks"
    String.raw`(?<hashtag>(?<![\p{L}\d])#\p{L}[\p{L}\d_]*)`,
    // "3:30", "1,200", "08/16/2000", "303-832-8160", "1990s"
    // "10-year-old" and ".496" are single tokens too
    String.raw`(?<number>(?:\d+|(?<![\p{L}\d])\.\d+)(?:[.,:/-]\d+)*(?:st|nd|rd|th|s)?(?:-\p{L}+)*)`,
    // a clitic written apart from its word ("Israel 's", "I 'm") is still one token
    String.raw`(?<clitic>(?:['’](?:[sS]|re|ve|ll|d|m)|n['’]t)(?![\p{L}\d]))`,
    // "al-Sharaa", "Russia-Arab", "Israel's" (the clitic is split below)
    // "Lisa_resume.doc": an underscore joins the parts of a file or user name
    String.raw`(?<word>[\p{L}\p{M}\d]+(?:(?:[-'’&_]|\.(?=[\p{Ll}\d]))[\p{L}\p{M}\d]+)*)`,
    // "...", "?!", ".?" and "..?" of informal writing
    String.raw`(?<ellipsis>\.{2,}[!?]*|…|[!?][!?.]+|\.[!?]+)`,
    // "--" alone is a dash; "---=" is a rule (below)
    '(?<dash>-{2,}(?![-=*_+~<>^#$/\\\\])|[–—])',
    // "=====", "<<", "$$$", "----==": a run of symbols drawn as a rule or a mark is one token
    String.raw`(?<rule>[-=*_+~<>^#$/\\]{2,})`,
    '(?<other>\\S)',
  ].join('|'),
  'gu',
)

// "n't", "'s", "'re" ... are tokens of their own, as in Universal Dependencies.
const CLITIC = /^(?<stem>.+?)(?<clitic>n['’]t|['’](?:s|re|ve|ll|d|m))$/iu

/**
 * Splits text into token spans: URLs, initials, numbers, hyphenated names, clitics,
 * abbreviations with their period ("Mr.", "Gen."), punctuation.
 */
export function tokenize(text: string): Span[] {
  const out: Span[] = []
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index
    let end = start + m[0].length
    const g = m.groups ?? {}
    if (g.word !== undefined) {
      // "Mr." or an initial "J." keeps its period
      // "No. 5" is an abbreviation, "said no." is not
      const abbreviation = abbreviations().has(m[0].toLowerCase()) && (!/^nos?$/i.test(m[0]) || /^\.\s*\d/.test(text.slice(end, end + 4)))
      if (text[end] === '.' && (abbreviation || /^\p{Lu}$/u.test(m[0]))) {
        end++
        TOKEN.lastIndex = end
      } else {
        const c = CLITIC.exec(m[0])
        if (c?.groups?.stem && c.groups.clitic && !/^(o|d|l)$/i.test(c.groups.stem)) {
          const cut = start + c.groups.stem.length
          out.push({ start, end: cut })
          out.push({ start: cut, end })
          continue
        }
      }
    }
    out.push({ start, end })
  }
  return out
}
