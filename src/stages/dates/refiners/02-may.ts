import { escapeRegExp } from '../../../core/regexp.js'
import { firstTokenAt } from '../../../core/tokens.js'
import type { Token } from '../../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'
import type { Candidate, Refined } from '../candidate.js'
import { alt, dateWords } from '../parser.js'

// a preposition of time as the word right before the month: "in May", "by May" (lexicon/dates/month-cues.json)
const cueBefore = lazy(() => {
  const cues = loadLexicon<EntryFile<string>>('dates/month-cues.json').entries
  return new RegExp(`(?:^|[^\\p{L}])(?:${alt(cues.map(escapeRegExp))})[ \\t\\u00a0]+$`, 'iu')
})
// another month name joined to it: "April and May", "May-June", "May or June"
const otherMonths = lazy(() => {
  const names = Object.keys(dateWords().months).filter((k) => k !== 'may')
  const months = alt(names.map((k) => k.charAt(0).toUpperCase() + k.slice(1)))
  const join = '(?:,| and| or| to| through| until|-|–|/)[ \\t\\u00a0]*'
  return { before: new RegExp(`\\b(?:${months})\\.?${join}$`, 'u'), after: new RegExp(`^${join}(?:${months})\\b`, 'u') }
})
// a word before "May" that makes it no name ("In May", "Friday, May 5"), though it is capitalised
const notAName = lazy(() => new Set([...Object.keys(dateWords().months), ...Object.keys(dateWords().weekdays)]))
// how far before and after a bare "May" its cue is looked for
const REACH = 24

/**
 * Refiner 2, on the matches before resolution: "May" is the month only where its neighbours
 * say so. A lower-case "may" is the modal verb ("talks may resume"); a capitalised one with a
 * day, a year, "last" or "early" is the month; alone, it needs a preposition of time ("in May",
 * "by May") or another month beside it ("April and May"), and then no person named May in the
 * text ("Theresa May", "Mrs May"), where a bare "May" is most likely her.
 */
export function readMay(candidates: readonly Candidate[], text: string, tokens: readonly Token[]): Refined<Candidate> {
  const kept: Candidate[] = []
  const dropped: Refined<Candidate>['dropped'] = []
  let person: string | null | undefined
  for (const c of candidates) {
    const month = c.groups.month
    let reason: string | null = null
    if (month && month.toLowerCase() === 'may') {
      if (/^\p{Ll}/u.test(month)) reason = 'the modal verb'
      // a day, a year, a relative word or a modifier is part of the match: the month; a bare "May"
      // inside such a match ("May 3", "last May") is left to the overlap refiner
      else if (c.kind === 'month' && !c.groups.mod && !inLongerMatch(c, candidates)) {
        const before = text.slice(Math.max(0, c.start - REACH), c.start)
        const after = text.slice(c.end, c.end + REACH)
        const months = otherMonths()
        if (!cueBefore().test(before) && !months.before.test(before) && !months.after.test(after)) {
          reason = 'alone: no preposition of time or other month beside it'
        } else {
          person ??= personNamedMay(text, tokens)
          if (person) reason = `the surname of "${person}", named in the text`
        }
      }
    }
    if (reason) dropped.push({ item: c, ruleId: 'not-may', reason: `"${text.slice(c.start, c.end)}" is ${reason}` })
    else kept.push(c)
  }
  return { kept, dropped }
}

/** Whether another match holds this one and reads its month too ("May 3" around "May"). */
const inLongerMatch = (c: Candidate, candidates: readonly Candidate[]): boolean =>
  candidates.some((o) => o !== c && o.kind !== 'month' && o.groups.month !== undefined && o.start <= c.start && c.end <= o.end)

/** The first "<Name> May" of the text ("Theresa May", "Mrs. May"): a capitalised proper noun right before it. */
function personNamedMay(text: string, tokens: readonly Token[]): string | null {
  for (const m of text.matchAll(/\bMay\b/gu)) {
    const i = firstTokenAt(tokens, m.index)
    const may = tokens[i]
    const prev = tokens[i - 1]
    if (!may || !prev || may.start !== m.index || prev.sentence !== may.sentence) continue
    const word = text.slice(prev.start, prev.end)
    const name = `${word} May`
    if (prev.pos !== 'PROPN' || !/^\p{Lu}/u.test(word) || /\S/u.test(text.slice(prev.end, may.start))) continue
    if (notAName().has(word.replace(/\.$/u, '').toLowerCase()) || cueBefore().test(`${word} `)) continue
    return name
  }
  return null
}
