import { type Doc, need, withLayer } from '../../core/doc.js'
import { firstTokenAt } from '../../core/tokens.js'
import type { DateMention, Span, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import type { PipelineStage } from '../context.js'
import { addDays, addMonths, fmtDay, fmtMonth, isoWeek, parseYmd, weekday, type Ymd } from './calendar.js'

interface DateWords {
  months: Record<string, number>
  weekdays: Record<string, number>
  numbers: Record<string, number | 'X'>
  tens: Record<string, number>
  ones: Record<string, number>
  units: Record<string, string>
  seasons: Record<string, string>
  refs: Record<string, string>
}

const words = lazy(() => loadLexicon<DateWords>('dates/words.json'))
const pastForms = lazy(() => new Set(loadLexicon<EntryFile<string>>('dates/past-forms.json').entries))
// the future markers as one pattern over a clause's lower-case words joined by single spaces
const futureMarkers = lazy(() => {
  const phrases = loadLexicon<EntryFile<string>>('dates/future-markers.json').entries
  return new RegExp(`(?:^| )(?:${alt(phrases.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))})(?= |$)`, 'u')
})
const alt = (keys: string[]): string => keys.sort((a, b) => b.length - a.length).join('|')

type Direction = -1 | 0 | 1
interface Found {
  start: number
  end: number
  type: DateMention['type']
  value: string
  mod: string | null
}

/** The patterns, built once from the word lists; each has named groups its resolver reads. */
const patterns = lazy(() => {
  const w = words()
  const MONTH = `(?<month>${alt(Object.keys(w.months))})\\.?`
  const WDAY = `(?<wday>${alt(Object.keys(w.weekdays))})`
  const NUM = `(?<num>\\d+|${alt(Object.keys(w.numbers))})`
  const UNIT = `(?<unit>${alt(Object.keys(w.units))})s?`
  const MOD = '(?:(?<mod>early|late|mid|the (?:beginning|start|end|middle) of)[- ]?)?'
  const REL = '(?<rel>last|this|next|past|previous|coming|current)'
  const f = 'giu'
  const TENS = `(?<tens>${alt(Object.keys(w.tens))})`
  const ONES = `(?<ones>${alt(Object.keys(w.ones))})`
  return [
    { kind: 'iso', re: new RegExp('\\b(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})\\b', f) },
    { kind: 'mdy', re: new RegExp(`\\b${MONTH} (?<d>\\d{1,2})(?:st|nd|rd|th)?,? (?<y>\\d{4})\\b`, f) },
    { kind: 'dmy', re: new RegExp(`\\b(?<d>\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH},? (?<y>\\d{4})\\b`, f) },
    // "Saturday, April 25": the weekday belongs to the date
    { kind: 'md', re: new RegExp(`\\b(?:${WDAY},? )?${MONTH} (?<d>\\d{1,2})(?:st|nd|rd|th)?\\b(?!,? \\d{4})(?!\\d)`, f) },
    // "January this year", "June last year"
    { kind: 'monthrel', re: new RegExp(`\\b${MONTH} (?:of )?(?<rel>this|last|next) year\\b`, f) },
    // "last February", "this September", "next March"
    { kind: 'relmonth', re: new RegExp(`\\b(?<rel>last|this|next) ${MONTH}\\b`, f) },
    { kind: 'dm', re: new RegExp(`\\b(?<d>\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH}\\b`, f) },
    { kind: 'my', re: new RegExp(`\\b${MOD}${MONTH},? (?<y>\\d{4})\\b`, f) },
    // "three years ago", "a year earlier"
    { kind: 'ago', re: new RegExp(`\\b${NUM}[ -]${UNIT} (?:ago|earlier)\\b`, f) },
    // "in recent years", "the coming weeks": a stretch of unstated length (TimeBank marks these PXY, PXW, ...)
    { kind: 'relplural', re: /\b(?:coming|past|recent|previous) (?<unit>day|week|month|quarter|year|decade)s\b/giu },
    // "for years", "within weeks": the plural alone is a stretch of unstated length
    { kind: 'relplural', re: /(?<=\b(?:for|over|within|in) )(?<unit>day|week|month|year|decade)s\b(?! (?:of|ago|earlier|later|before|after)\b)/giu },
    { kind: 'rel', re: new RegExp(`\\b${MOD}(?:(?:earlier|later) )?${REL} ${UNIT}\\b`, f) },
    {
      kind: 'relwday',
      re: new RegExp(`\\b(?:(?<rel>last|this|next|coming) )?${WDAY}(?: (?<part>morning|afternoon|evening|night))?\\b(?=(?<poss>['’]s\\b)|)`, f),
    },
    { kind: 'month', re: new RegExp(`\\b${MOD}${MONTH}\\b`, f) },
    // "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon Thursday", "10:35 a.m."
    {
      kind: 'clock',
      re: new RegExp(
        `\\b(?:(?<h>\\d{1,2})(?::(?<mi>\\d{2}))? ?(?<ap>[ap])\\.m\\b\\.?|(?<noon>noon|midnight))(?: (?:EST|EDT|CST|CDT|PST|PDT|GMT|local time))?(?:,? (?:on )?(?:${WDAY}|${MONTH} (?<d>\\d{1,2})\\b))?`,
        f,
      ),
    },
    { kind: 'day', re: /\b(?<day>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b/giu },
    // a year said aloud in a broadcast transcript: "nineteen ninety-six", "the year two thousand", "the nineties"
    { kind: 'spokenyear', re: new RegExp(`\\b${MONTH},? nineteen[- ]${TENS}(?:[- ]${ONES})?\\b`, f) },
    { kind: 'spokenyear', re: new RegExp(`\\b(?:nineteen[- ]${TENS}(?:[- ]${ONES})?|the year two thousand)\\b`, f) },
    { kind: 'spokendecade', re: new RegExp(`\\bthe (?<dtens>${alt(Object.keys(w.tens).map((k) => k.slice(0, -1)))})ies\\b`, f) },
    { kind: 'decade', re: /\b(?:the )?(?<dec>(?:1[89]|20)\d)0s\b/giu },
    // "the third quarter", "third-quarter profit", "the 1988 second quarter"
    // "next year's first quarter", "this year's third quarter": the year named before the quarter
    {
      kind: 'quarter',
      re: /\b(?:the )?(?:(?<yq>(?:19|20)\d{2}) |(?<rq>this|last|next) year['’]s )?(?<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of (?<y>\d{4}))?\b/giu,
    },
    // "the quarter", "the latest quarter" in an earnings report: the quarter just closed
    { kind: 'lastquarter', re: /\b(?:the|this) (?:(?<ago>year-earlier|year-ago) |(?:latest|most recent|recent|past|just-ended) )?quarter\b/giu },
    // "the year-earlier period", "the latest period", "year-ago profit": the reporting period of the sentence
    { kind: 'period', re: /\b(?:(?:the )?(?<ago>year-earlier|year-ago)(?: period)?|the (?:latest|most recent) period)\b/giu },
    // "profit for the year", "the full year": the article's year; not "the year-earlier period", "the year's end"
    { kind: 'theyear', re: /\bthe (?:full |fiscal |calendar )?year\b(?![-'’]| (?:19|20)\d\d\b| two thousand\b)/giu },
    // "over the weekend": the last one before the article
    { kind: 'weekend', re: /\bthe weekend\b/giu },
    // "last summer", "in the autumn of 2024"; not "Assad's fall" or "the fall of Kabul"
    {
      kind: 'season',
      re: new RegExp(
        `\\b(?:(?:${REL})|in(?: the)?|during(?: the)?|this|by) (?<season>${alt(Object.keys(w.seasons))})(?!-)(?:(?: of)? (?<y>\\d{4}))?\\b(?! of [^\\d])`,
        f,
      ),
    },
    {
      kind: 'year',
      re: /\b(?<pre>in|since|by|until|of|from|during|before|after|early|late|mid|through|throughout)[ -](?<y>(?:19|20)\d{2})\b(?![%]|[.,]\d)/giu,
    },
    // a bare year: "The plant opened 1996"; not "$1990", "1,990", "1990%"
    { kind: 'bareyear', re: /(?<![\d$.,/-])\b(?<y>(?:19|20)\d{2})\b(?![%/-]|[.,]\d| (?:percent|shares|people|tons|units))/gu },
    // "two days", "a 10-year-long war"; an age ("6-year-old") is not a temporal expression
    // "2 1/2 years", "a minute and a half": the half is written in the next smaller unit
    { kind: 'duration', re: new RegExp(`\\b${NUM}(?<half> 1/2| ½| and a half)?[ -]${UNIT}(?<half2> and a half)?(?:[ -]long)?\\b(?![ -]old)`, f) },
    // "mistakes of the past": PAST_REF; not "the past two years" or "the past decade", read as their units
    {
      kind: 'thepast',
      re: /\bthe past\b(?!,? (?:[\w-]+ ){0,2}(?:year|month|week|day|decade|quarter|hour|minute|centur|session|period|season)|-)/giu,
    },
    { kind: 'set', re: /\b(?<set>(?:every|each) (?:day|week|month|quarter|year)|daily|weekly|monthly|yearly)\b/giu },
    // "each Thursday", "every July": the weekday or month of every week or year
    { kind: 'setnamed', re: new RegExp(`\\b(?:every|each) (?:${WDAY}|${MONTH})\\b`, f) },
    { kind: 'ref', re: new RegExp(`\\b(?<ref>${alt(Object.keys(w.refs))})\\b`, f) },
  ]
})

const MOD_VALUE: Record<string, string> = {
  early: 'START',
  late: 'END',
  mid: 'MID',
  'the beginning of': 'START',
  'the start of': 'START',
  'the end of': 'END',
  'the middle of': 'MID',
}
// half of a unit in the next smaller one: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
const HALF: Record<string, string> = { Y: '6M', M: '15D', D: 'T12H', TH: '30M', TM: '30S' }
const QUARTER: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 }
// words that end a clause: the tense of one clause says nothing of the next
const CLAUSE_BREAK = /^(?:[,;:()"“”]|``|''|--|—|–)$/u
// how many words of its clause before (and after) a bare month or weekday are read for its tense
const TENSE_WINDOW = 12
// a participle after these is not a past tense: "to be completed by Dec. 15", "will be published in early November"
const NOT_PAST_BEFORE = new Set(['to', 'be', 'been', 'being', 'will', 'would'])

/**
 * The `dates` stage: temporal expressions with TIMEX3 type and value, anchored on the
 * article's publication date; bare months and weekdays resolve toward the past unless
 * the words of their clause (read with their part-of-speech tags) look ahead.
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
      const found: Found[] = []
      const text = doc.text
      for (const { kind, re } of patterns()) {
        re.lastIndex = 0
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const g = m.groups ?? {}
          if (!isTemporal(kind, m, text, tokens)) continue
          const dir = direction(text, tokens, m.index, m.index + m[0].length)
          const r = resolve(kind, g, anchor, dir, quarterly(text, sentences, m.index))
          if (r) found.push({ start: m.index, end: m.index + m[0].length, ...r })
        }
      }
      return withLayer(
        doc,
        'dates',
        removeOverlaps(found).map((f) => ({ ...f, text: text.slice(f.start, f.end) })),
      )
    },
  }
}

/**
 * The tense of the clause around an expression, read from its words: 1 ahead, -1 back, 0 when
 * nothing says ("payable Dec. 15" in a dividend notice): then the nearest one wins. The words
 * before it are read first, nearest first; a clause that starts with the expression is read
 * after it ("In January, American Medical brought in ...").
 */
function direction(text: string, tokens: readonly Token[], start: number, end: number): Direction {
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
 * Whether a match is a temporal expression at all, by its neighbours: not a fraction ("about
 * three-quarters of its food"), a rate ("700 seats a week", "$1.76 a year") or a first name ("Jan Kavan").
 */
function isTemporal(kind: string, m: RegExpExecArray, text: string, tokens: readonly Token[]): boolean {
  const g = m.groups ?? {}
  const end = m.index + m[0].length
  const after = text.slice(end, end + 40)
  const prev = tokens[firstTokenAt(tokens, m.index) - 1]
  const unit = (g.unit ?? '').toLowerCase()
  if (kind === 'duration' && unit === 'quarter' && /^ of\b/u.test(after) && /^(?:a|one|two|three)$/iu.test(g.num ?? '')) return false
  if (kind === 'duration' && /^an?$/iu.test(g.num ?? '') && prev && (prev.pos === 'NOUN' || prev.pos === 'NUM' || prev.pos === 'SYM')) return false
  // "Jan" without its full stop and with no day or year after it is a name
  if (kind === 'month' && g.month && /^[A-Z][a-z]{2}$/u.test(g.month) && !/^(may)$/iu.test(g.month) && !after.startsWith('.')) return false
  return true
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

/**
 * Whether the report is about a quarter by this point: "quarter" in the sentence or before it
 * ("third-quarter profit rose ... Sales were $1.2 billion, up from $1 billion a year earlier").
 */
function quarterly(text: string, sentences: readonly Span[], at: number): boolean {
  const s = sentences.find((x) => x.start <= at && at < x.end)
  return /\bquarter/i.test(text.slice(0, s ? s.end : at))
}

/** Keeps the longest expression where several overlap ("July 31, 2025" over "July 31"). */
function removeOverlaps(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Found[] = []
  for (const f of sorted) if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f)
  return kept.sort((a, b) => a.start - b.start)
}

const num = (s: string | undefined): number | 'X' | null => {
  if (!s) return null
  if (/^\d+$/.test(s)) return Number(s)
  return words().numbers[s.toLowerCase()] ?? null
}

function resolve(kind: string, g: Record<string, string | undefined>, a: Ymd, dir: Direction, byQuarter = false): Omit<Found, 'start' | 'end'> | null {
  const w = words()
  const month = g.month ? w.months[g.month.toLowerCase()] : undefined
  const mod = g.mod ? (MOD_VALUE[g.mod.toLowerCase()] ?? null) : null
  const date = (value: string, m: string | null = mod): Omit<Found, 'start' | 'end'> => ({ type: 'DATE', value, mod: m })
  switch (kind) {
    case 'iso':
      return date(`${g.y}-${g.m}-${g.d}`)
    case 'mdy':
    case 'dmy':
      return month ? date(fmtDay({ y: Number(g.y), m: month, d: Number(g.d) })) : null
    case 'md':
    case 'dm': {
      if (!month || Number(g.d) > 31) return null
      return date(fmtDay({ y: nearestYear(a, month, dir), m: month, d: Number(g.d) }))
    }
    case 'my':
      return month ? date(fmtMonth(Number(g.y), month)) : null
    case 'month': {
      // month names are capitalised; "May" alone is too often the verb ("May I ...") to trust
      if (!month || !g.month || /^\p{Ll}/u.test(g.month) || (g.month === 'May' && !g.mod)) return null
      return date(fmtMonth(nearestYear(a, month, dir), month))
    }
    case 'ago': {
      const n = num(g.num)
      const unit = g.unit ? w.units[g.unit.toLowerCase()] : undefined
      if (n === null || n === 'X' || !unit) return date('PAST_REF')
      if (unit === 'D') return date(fmtDay(addDays(a, -n)))
      if (unit === 'W') return date(isoWeek(addDays(a, -7 * n)))
      if (unit === 'M') {
        const t = addMonths(a.y, a.m, -n)
        return date(fmtMonth(t.y, t.m))
      }
      // "net income rose 12% from a year ago": in a sentence about a quarter, the same quarter a year before
      if (unit === 'Y' && n === 1 && byQuarter) return resolve('lastquarter', { ago: 'year-ago' }, a, dir)
      if (unit === 'Y') return date(String(a.y - n))
      return date('PAST_REF')
    }
    case 'rel': {
      const unit = g.unit ? w.units[g.unit.toLowerCase()] : undefined
      const rel = (g.rel ?? '').toLowerCase()
      const k = rel === 'last' || rel === 'previous' || rel === 'past' ? -1 : rel === 'next' || rel === 'coming' ? 1 : 0
      if (!unit) return null
      if (unit === 'Y') return date(String(a.y + k))
      if (unit === 'M') {
        const t = addMonths(a.y, a.m, k)
        return date(fmtMonth(t.y, t.m))
      }
      if (unit === 'W') return date(isoWeek(addDays(a, 7 * k)))
      if (unit === 'D') return date(fmtDay(addDays(a, k)))
      if (unit === 'Q') {
        const q = Math.floor((a.m - 1) / 3) + k
        const y = a.y + Math.floor(q / 4)
        return date(`${y}-Q${(((q % 4) + 4) % 4) + 1}`)
      }
      if (unit === 'WE') return date(`${isoWeek(addDays(a, 7 * k))}-WE`)
      if (unit === 'DE') return date(String(Math.floor(a.y / 10) + k))
      return null
    }
    case 'relplural': {
      const unit = g.unit ? w.units[g.unit.toLowerCase()] : undefined
      return unit ? { type: 'DURATION', value: `PX${unit}`, mod: null } : null
    }
    case 'relwday': {
      const wd = g.wday ? w.weekdays[g.wday.toLowerCase()] : undefined
      if (!wd || (g.wday && /^\p{Ll}/u.test(g.wday))) return null
      const rel = (g.rel ?? '').toLowerCase()
      // a bare weekday in a news report is most often the one just past: "said on Friday"
      // "get around Wednesday's ruling", "Saturday night's debate": a weekday that owns an event names one that
      // has happened, whatever the tense of the clause around it
      const d = rel === 'next' || rel === 'coming' ? 1 : rel === 'last' || g.poss ? -1 : dir === 0 ? -1 : dir
      const today = weekday(a)
      let delta = wd - today
      if (d < 0 && delta > 0) delta -= 7
      if (d > 0 && delta < 0) delta += 7
      if (rel === 'next' && delta === 0) delta = 7
      if (rel === 'last' && delta === 0) delta = -7
      const day = fmtDay(addDays(a, delta))
      // "Friday night", "Tuesday morning": TimeBank annotators most often give the day alone, so the part of it is not added
      return date(day)
    }
    case 'clock': {
      // noon and midnight alone are too often figurative ("high noon comes today") to stand without a day
      if (g.noon && !g.wday && !g.month) return null
      const hour = g.noon ? (g.noon.toLowerCase() === 'noon' ? 12 : 24) : (Number(g.h) % 12) + (g.ap?.toLowerCase() === 'p' ? 12 : 0)
      if (hour > 24 || Number(g.mi ?? 0) > 59) return null
      const day = g.wday
        ? resolve('relwday', { wday: g.wday }, a, dir)?.value
        : g.month && month
          ? fmtDay({ y: nearestYear(a, month, dir), m: month, d: Number(g.d) })
          : fmtDay(a)
      return day ? { type: 'TIME', value: `${day}T${String(hour).padStart(2, '0')}:${g.mi ?? '00'}`, mod: null } : null
    }
    case 'day': {
      const d = (g.day ?? '').toLowerCase()
      if (d === 'today') return date(fmtDay(a))
      if (d === 'yesterday') return date(fmtDay(addDays(a, -1)))
      if (d === 'tomorrow') return date(fmtDay(addDays(a, 1)))
      if (d === 'tonight') return { type: 'TIME', value: `${fmtDay(a)}TNI`, mod: null }
      const part = d.endsWith('morning') ? 'MO' : d.endsWith('afternoon') ? 'AF' : 'EV'
      return { type: 'TIME', value: `${fmtDay(a)}T${part}`, mod: null }
    }
    case 'spokenyear': {
      if (!g.tens) return date('2000')
      const y = Number(`19${w.tens[g.tens.toLowerCase()] ?? 0}${g.ones ? (w.ones[g.ones.toLowerCase()] ?? 0) : 0}`)
      return date(month ? fmtMonth(y, month) : String(y))
    }
    case 'spokendecade': {
      const t = g.dtens ? w.tens[`${g.dtens.toLowerCase()}y`] : undefined
      return t ? date(`19${t}`) : null
    }
    case 'decade':
      return date(g.dec ?? 'XXX')
    case 'quarter': {
      const q = QUARTER[(g.q ?? '').toLowerCase()]
      if (!q) return null
      const explicit = g.y ?? g.yq
      // a quarter not yet begun is last year's in a report ("the fourth quarter" in January)
      const current = Math.floor((a.m - 1) / 3) + 1
      const shift: Record<string, number> = { last: -1, this: 0, next: 1 }
      const named = g.rq ? a.y + (shift[g.rq.toLowerCase()] ?? 0) : undefined
      return date(`${explicit ?? named ?? (q > current ? a.y - 1 : a.y)}-Q${q}`)
    }
    case 'lastquarter': {
      const k = a.y * 4 + Math.floor((a.m - 1) / 3) - 1 - (g.ago ? 4 : 0)
      return date(`${Math.floor(k / 4)}-Q${(k % 4) + 1}`)
    }
    case 'period':
      if (byQuarter) return resolve('lastquarter', g, a, dir)
      return g.ago ? date(String(a.y - 1)) : null
    case 'thepast':
      return date('PAST_REF', null)
    case 'theyear':
      return date(String(a.y))
    case 'weekend':
      return date(`${isoWeek(addDays(a, weekday(a) >= 6 ? 0 : -7))}-WE`)
    case 'monthrel':
    case 'relmonth': {
      if (!month) return null
      const rel = (g.rel ?? '').toLowerCase()
      if (kind === 'monthrel') return date(fmtMonth(a.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0), month))
      // "last February" is last year's; "this September" this year's; "next March" the coming one
      if (rel === 'last') return date(fmtMonth(month < a.m ? a.y : a.y - 1, month))
      if (rel === 'next') return date(fmtMonth(month > a.m ? a.y : a.y + 1, month))
      return date(fmtMonth(a.y, month))
    }
    case 'bareyear':
      return date(g.y ?? '')
    case 'season': {
      const s = g.season ? w.seasons[g.season.toLowerCase()] : undefined
      if (!s) return null
      const rel = (g.rel ?? '').toLowerCase()
      const y = g.y ? Number(g.y) : a.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0)
      return date(`${y}-${s}`)
    }
    case 'year':
      return date(g.y ?? '', g.pre && MOD_VALUE[g.pre.toLowerCase()] ? (MOD_VALUE[g.pre.toLowerCase()] ?? null) : null)
    case 'duration': {
      const n = num(g.num)
      const unit = g.unit ? w.units[g.unit.toLowerCase()] : undefined
      if (n === null || !unit || unit === 'WE') return null
      const timeUnit = g.unit && /^(hour|minute|second)/i.test(g.unit)
      const half = (g.half || g.half2) && n !== 'X' ? HALF[timeUnit ? `T${unit}` : unit] : undefined
      if (half) return { type: 'DURATION', value: `P${timeUnit ? 'T' : ''}${n}${unit}${half}`, mod: null }
      // decades and centuries are written in years: "two decades" -> P20Y
      if ((unit === 'DE' || unit === 'CE') && n !== 'X') return { type: 'DURATION', value: `P${n * (unit === 'DE' ? 10 : 100)}Y`, mod: null }
      return { type: 'DURATION', value: `P${timeUnit ? 'T' : ''}${n}${unit}`, mod: null }
    }
    case 'set': {
      const s = (g.set ?? '').toLowerCase()
      const unit = s.includes('day') || s === 'daily' ? 'D' : s.includes('week') ? 'W' : s.includes('month') ? 'M' : s.includes('quarter') ? 'Q' : 'Y'
      return { type: 'SET', value: `P1${unit}`, mod: null }
    }
    case 'setnamed': {
      const wd = g.wday ? w.weekdays[g.wday.toLowerCase()] : undefined
      if (wd) return { type: 'SET', value: `XXXX-WXX-${wd}`, mod: null }
      return month ? { type: 'SET', value: `XXXX-${String(month).padStart(2, '0')}`, mod: null } : null
    }
    case 'ref': {
      const ref = g.ref ? w.refs[g.ref.toLowerCase()] : undefined
      return ref ? date(ref, null) : null
    }
    default:
      return null
  }
}

/** The year of a month named without one: this year's, or the last/next one by tense. */
function nearestYear(a: Ymd, month: number, dir: Direction): number {
  if (dir < 0 && month > a.m) return a.y - 1
  if (dir > 0 && month < a.m) return a.y + 1
  if (dir === 0 && month - a.m > 6) return a.y - 1
  if (dir === 0 && a.m - month > 6) return a.y + 1
  return a.y
}
