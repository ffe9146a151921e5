import { escapeRegExp } from '../../core/regexp.js'
import { firstTokenAt } from '../../core/tokens.js'
import type { Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import { alt, type Direction } from './parser.js'

const pastForms = lazy(() => new Set(loadLexicon<EntryFile<string>>('dates/past-forms.json').entries))
// the future markers as one pattern over a clause's lower-case words joined by single spaces
const futureMarkers = lazy(() => {
  const phrases = loadLexicon<EntryFile<string>>('dates/future-markers.json').entries
  return new RegExp(`(?:^| )(?:${alt(phrases.map(escapeRegExp))})(?= |$)`, 'u')
})

// words that end a clause: the tense of one clause says nothing of the next
const CLAUSE_BREAK = /^(?:[,;:()"“”]|``|''|--|—|–)$/u
// how many words of its clause before (and after) a bare month or weekday are read for its tense
const TENSE_WINDOW = 12
// a participle after these is not a past tense: "to be completed by Dec. 15", "will be published in early November",
// the present passive "the bill is debated in March"
const NOT_PAST_BEFORE = new Set(['to', 'be', 'been', 'being', 'will', 'would', 'is', 'are', 'am'])

/**
 * The tense of the clause around an expression, read from its words: 1 ahead, -1 back, 0 when
 * nothing says ("payable Dec. 15" in a dividend notice): then the nearest one wins. The words
 * before it are read first, nearest first; a clause that starts with the expression is read
 * after it ("In January, American Medical brought in ...").
 */
export function direction(text: string, tokens: readonly Token[], start: number, end: number): Direction {
  const first = firstTokenAt(tokens, start)
  const sentence = tokens[first]?.sentence ?? tokens[first - 1]?.sentence
  const word = (i: number): string =>
    text
      .slice((tokens[i] as Token).start, (tokens[i] as Token).end)
      .toLowerCase()
      .replace(/[’‘]/g, "'")
  const inClause = (i: number): boolean => {
    const t = tokens[i]
    return t !== undefined && t.sentence === sentence && !CLAUSE_BREAK.test(word(i))
  }
  const before: number[] = []
  for (let i = first - 1; before.length < TENSE_WINDOW && inClause(i); i--) before.unshift(i)
  const back = tenseOf(tokens, before, word)
  if (back !== 0) return back
  let after = firstTokenAt(tokens, end)
  const rest: number[] = []
  for (; rest.length < TENSE_WINDOW && inClause(after); after++) rest.push(after)
  // "In January, American Medical brought in ...": the clause's verb comes after the comma
  if (rest.length === 0 && tokens[after] !== undefined && tokens[after]?.sentence === sentence && word(after) === ',')
    for (after++; rest.length < TENSE_WINDOW && inClause(after); after++) rest.push(after)
  return tenseOf(tokens, rest, word, false)
}

/**
 * The tense some words of a clause mark: the future markers and past forms, the one nearest the
 * expression wins (the last words before it, or the first after it); "had" makes "had been due
 * to expire" past, and a nearer present ("said it is calling for the redemption on Dec. 7") says nothing.
 */
function tenseOf(tokens: readonly Token[], span: readonly number[], word: (i: number) => string, before = true): Direction {
  if (!span.length) return 0
  const words = span.map(word)
  if (words.includes('had')) return -1
  const marks: [number, Direction][] = []
  const re = new RegExp(futureMarkers().source, 'gu')
  const joined = words.join(' ')
  for (let m = re.exec(joined); m; m = re.exec(joined)) {
    marks.push([joined.slice(0, m.index + 1).split(' ').length - 1, 1])
    re.lastIndex = m.index + 1
  }
  words.forEach((w, k) => {
    const t = tokens[span[k] as number] as Token
    const prev = words[k - 1] ?? ''
    const verb = ((t.pos === 'VERB' && /^\p{L}{3,}ed$/u.test(w)) || pastForms().has(w)) && !NOT_PAST_BEFORE.has(prev)
    const aux = t.pos === 'AUX' && (w === 'has' || w === 'have')
    if (verb || aux || w === 'ago' || w === 'last' || w === 'earlier' || w === 'since') marks.push([k, -1])
    if (t.pos === 'AUX' && (w === 'is' || w === 'are' || w === 'am')) marks.push([k, 0])
  })
  if (!marks.length) return 0
  // at one position a future marker wins: "is scheduled for completion by Dec. 10" is not a past tense
  const rank = (d: Direction): number => (d === 1 ? 2 : d === -1 ? 1 : 0)
  marks.sort((x, y) => (before ? y[0] - x[0] : x[0] - y[0]) || rank(y[1]) - rank(x[1]))
  return (marks[0] as [number, Direction])[1]
}
