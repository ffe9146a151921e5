import { type Doc, need, withLayer } from '../../core/doc.js'
import { kept, messagesFrom, type Refined } from '../../core/messages.js'
import { firstSpanAt } from '../../core/spans.js'
import type { Message, Span } from '../../core/types.js'
import { lazy } from '../../lexicon/load.js'
import type { PipelineStage } from '../context.js'
import { parseYmd } from './calendar.js'
import type { Candidate, Found } from './candidate.js'
import { type DateParser, dateWords, fragments } from './parser.js'
import { dayMonthYear, isoDate, monthDayYear, monthYear } from './parsers/01-calendar-dates.js'
import { bareMonth, dayMonth, monthDay, monthOfRelativeYear, relativeMonth } from './parsers/02-months.js'
import { namedDay, relativeUnit, thePast, theWeekend, theYear, unitsAgo, unstatedStretch } from './parsers/03-relative.js'
import { clockTime, relativeWeekday } from './parsers/04-weekdays-clock.js'
import { decade, spokenDecade, spokenYear } from './parsers/05-spoken-decades.js'
import { lastQuarter, namedQuarter, reportingPeriod } from './parsers/06-quarters.js'
import { bareYear, season, yearAfterWord } from './parsers/07-years-seasons.js'
import { duration, everyNamed, everyUnit, reference } from './parsers/08-durations-sets.js'
import { dropNotTemporal } from './refiners/01-not-temporal.js'
import { readMay } from './refiners/02-may.js'
import { removeOverlaps } from './refiners/03-overlaps.js'
import { direction } from './tense.js'

/**
 * The parsers in the order they run. The order matters only where two find the same span
 * with the same length: the first one listed wins the overlap refiner's tie.
 */
const PARSERS: readonly DateParser[] = [
  isoDate,
  monthDayYear,
  dayMonthYear,
  monthDay, // before the bare month: "Saturday, April 25" keeps its day
  monthOfRelativeYear,
  relativeMonth,
  dayMonth,
  monthYear,
  unitsAgo,
  unstatedStretch,
  relativeUnit,
  relativeWeekday,
  bareMonth,
  clockTime,
  namedDay,
  spokenYear,
  spokenDecade,
  decade,
  namedQuarter,
  lastQuarter,
  reportingPeriod,
  theYear,
  theWeekend,
  season,
  yearAfterWord,
  bareYear,
  duration, // after the relative units: "the past two years" is read as its unit first
  thePast,
  everyUnit,
  everyNamed,
  reference,
]

// every parser's patterns, built once from the word lists
const patterns = lazy(() => {
  const f = fragments(dateWords())
  return PARSERS.flatMap((parser) => parser.patterns(f).map((re) => ({ parser, re })))
})

const report = messagesFrom('dates')

/**
 * The `dates` stage: temporal expressions with TIMEX3 type and value, anchored on the
 * article's publication date. Parsers propose (`parsers/`, each its patterns and its
 * resolution), refiners drop (`refiners/`, each drop a message with its reason); bare months
 * and weekdays resolve toward the past unless the words of their clause look ahead (`tense.ts`).
 *
 * @example
 *   createDatesStage()
 */
export function createDatesStage(): PipelineStage {
  return {
    name: 'dates',
    needs: ['article', 'sentences', 'tokens'],
    provides: ['dates'],
    run(doc: Doc, ctx): Doc {
      const article = need(doc, 'article', 'dates')
      const sentences = need(doc, 'sentences', 'dates')
      const tokens = need(doc, 'tokens', 'dates')
      const anchor = parseYmd(article.published ?? ctx.today)
      const text = doc.text
      const words = dateWords()
      const messages: Message[] = []
      const keep = <T extends Span>(r: Refined<T>): T[] => kept(r, messages, report, (item) => item)
      const byParser = new Map<Candidate, DateParser>()
      const candidates: Candidate[] = []
      for (const { parser, re } of patterns()) {
        re.lastIndex = 0
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const c: Candidate = { kind: parser.kind, start: m.index, end: m.index + m[0].length, groups: m.groups ?? {} }
          candidates.push(c)
          byParser.set(c, parser)
        }
      }
      const found: Found[] = []
      const aboutQuarters = quarterly(text, sentences)
      for (const c of keep(readMay(keep(dropNotTemporal(candidates, text, tokens)), text, tokens))) {
        const dir = direction(text, tokens, c.start, c.end)
        const r = byParser.get(c)?.resolve(c.groups, { anchor, dir, byQuarter: aboutQuarters(c.start), words })
        if (r) found.push({ kind: c.kind, start: c.start, end: c.end, ...r })
      }
      const dates = keep(removeOverlaps(found, text)).map((f) => ({
        start: f.start,
        end: f.end,
        type: f.type,
        value: f.value,
        mod: f.mod,
        text: text.slice(f.start, f.end),
      }))
      return withLayer(doc, 'dates', dates, { messages })
    },
  }
}

/**
 * Whether the report is about a quarter by an offset: "quarter" in the sentence or before it
 * ("third-quarter profit rose ... Sales were $1.2 billion, up from $1 billion a year earlier").
 * The first mention of "quarter" is found once; the sentence of an offset by binary search.
 */
function quarterly(text: string, sentences: readonly Span[]): (at: number) => boolean {
  const first = /\bquarter/i.exec(text)
  if (!first) return () => false
  const seen = first.index + first[0].length
  return (at) => {
    const k = firstSpanAt(sentences, at + 1) - 1
    const s = sentences[k]
    // the sentence that holds the offset, if any: its end bounds the words read
    const until = s && s.start <= at && at < s.end ? s.end : at
    return seen <= until
  }
}
