import type { Span } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'

const abbreviations = lazy(() => new Set(loadLexicon<EntryFile<string>>('segment/abbreviations.json').entries))

// One alternation, tried left to right at each position, one capturing group per kind of
// token (numbered, not named: a named group makes an object per match, and only the word
// group is read).
const KINDS: readonly (readonly [string, string])[] = [
  // "HTTPS://T.CO/..." in a text in capitals too
  ['url', String.raw`(?:[hH][tT][tT][pP][sS]?://|[wW]{3}\.)[^\s<>"”]+[^\s<>"”.,;:!?)\]'’]`],
  // "j.smith@example.com", and the bare host of a forwarded mail header ("Warner@ENRON")
  ['email', String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)*`],
  // "U.S.", "a.m.", "U.N." — letters with periods; "U.S" before a full stop written apart
  ['initials', String.raw`(?:\p{L}\.){2,}|(?:\p{Lu}\.)+\p{Lu}(?![\p{L}\p{M}\d.])`],
  // ":)", ":-(", ";P" — emoticons stand between spaces
  ['emoticon', String.raw`(?<!\S)[:;]-?[()DPp](?!\S)`],
  // "b/c", "w/", "w/o", "l/c": a letter, a slash and at most one more letter
  ['slashed', String.raw`(?<![\p{L}\p{M}\d/])\p{L}/\p{L}?(?![\p{L}\p{M}\d/])`],
  // "#audiobooks"
  ['hashtag', String.raw`(?<![\p{L}\d])#\p{L}[\p{L}\d_]*`],
  // "3:30", "1,200", "08/16/2000", "303-832-8160", "1990s"
  // "10-year-old" and ".496" are single tokens too
  ['number', String.raw`(?:\d+|(?<![\p{L}\d])\.\d+)(?:[.,:/-]\d+)*(?:st|nd|rd|th|s)?(?:-\p{L}+)*`],
  // a clitic written apart from its word ("Israel 's", "I 'm") is still one token
  ['clitic', String.raw`(?:['’](?:[sS]|re|ve|ll|d|m)|n['’]t)(?![\p{L}\d])`],
  // "al-Sharaa", "Russia-Arab", "Israel's" (the clitic is split below)
  // "Lisa_resume.doc": an underscore joins the parts of a file or user name
  ['word', String.raw`[\p{L}\p{M}\d]+(?:(?:[-'’&_]|\.(?=[\p{Ll}\d]))[\p{L}\p{M}\d]+)*`],
  // "...", "?!", ".?" and "..?" of informal writing
  ['ellipsis', String.raw`\.{2,}[!?]*|…|[!?][!?.]+|\.[!?]+`],
  // "--" alone is a dash; "---=" is a rule (below)
  ['dash', '-{2,}(?![-=*_+~<>^#$/\\\\])|[–—]'],
  // "=====", "<<", "$$$", "----==": a run of symbols drawn as a rule or a mark is one token
  ['rule', String.raw`[-=*_+~<>^#$/\\]{2,}`],
  ['other', '\\S'],
]
const TOKEN = new RegExp(KINDS.map(([, source]) => `(${source})`).join('|'), 'gu')
const WORD = KINDS.findIndex(([kind]) => kind === 'word') + 1
// a kind with a capturing group of its own would shift the numbers: its groups must be (?:...)
if (new RegExp(`${TOKEN.source}|`, 'u').exec('')?.length !== KINDS.length + 1) throw new TypeError('a token kind has its own capturing group')

// "n't", "'s", "'re" ... are tokens of their own, as in Universal Dependencies.
const CLITIC = /^(?<stem>.+?)(?<clitic>n['’]t|['’](?:s|re|ve|ll|d|m))$/iu

// "No. 5" is an abbreviation, "said no." is not
const isAbbreviation = (word: string, text: string, end: number): boolean =>
  abbreviations().has(word.toLowerCase()) && (!/^nos?$/i.test(word) || /^\.\s*\d/.test(text.slice(end, end + 4)))

/**
 * Splits text into token spans: URLs, initials, numbers, hyphenated names, clitics,
 * abbreviations with their period ("Mr.", "Gen."), punctuation.
 */
export function tokenize(text: string): Span[] {
  const out: Span[] = []
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index
    const token = m[0]
    let end = start + token.length
    if (m[WORD] !== undefined) {
      // "Mr." or an initial "J." keeps its period
      if (text[end] === '.' && (/^\p{Lu}$/u.test(token) || isAbbreviation(token, text, end))) {
        end++
        TOKEN.lastIndex = end
      } else if (token.includes("'") || token.includes('’')) {
        const c = CLITIC.exec(token)
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
