import { addDays, addMonths, fmtDay, fmtMonth, isoWeek, weekday } from '../calendar.js'
import { type DateParser, dateWith, modOf, num } from '../parser.js'
import { lastQuarter } from './06-quarters.js'

// Dates relative to the article: "three years ago", "last week", "yesterday", "the weekend", "the past".

// "three years ago", "a year earlier"
export const unitsAgo: DateParser = {
  kind: 'ago',
  patterns: ({ NUM, UNIT, f }) => [new RegExp(`\\b${NUM}[ -]${UNIT} (?:ago|earlier)\\b`, f)],
  resolve(g, c) {
    const { anchor: a, byQuarter, words: w } = c
    const date = dateWith(modOf(g))
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
    if (unit === 'Y' && n === 1 && byQuarter) return lastQuarter.resolve({ ago: 'year-ago' }, c)
    if (unit === 'Y') return date(String(a.y - n))
    return date('PAST_REF')
  },
}

// "in recent years", "the coming weeks": a stretch of unstated length (TimeBank marks these PXY, PXW, ...)
// "for years", "within weeks": the plural alone is a stretch of unstated length
export const unstatedStretch: DateParser = {
  kind: 'relplural',
  patterns: () => [
    /\b(?:coming|past|recent|previous) (?<unit>day|week|month|quarter|year|decade)s\b/giu,
    /(?<=\b(?:for|over|within|in) )(?<unit>day|week|month|year|decade)s\b(?! (?:of|ago|earlier|later|before|after)\b)/giu,
  ],
  resolve(g, c) {
    const { words: w } = c
    const unit = g.unit ? w.units[g.unit.toLowerCase()] : undefined
    return unit ? { type: 'DURATION', value: `PX${unit}`, mod: null } : null
  },
}

export const relativeUnit: DateParser = {
  kind: 'rel',
  patterns: ({ UNIT, MOD, REL, f }) => [new RegExp(`\\b${MOD}(?:(?:earlier|later) )?${REL} ${UNIT}\\b`, f)],
  resolve(g, c) {
    const { anchor: a, words: w } = c
    const date = dateWith(modOf(g))
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
  },
}

export const namedDay: DateParser = {
  kind: 'day',
  patterns: () => [/\b(?<day>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b/giu],
  resolve(g, c) {
    const { anchor: a } = c
    const date = dateWith(modOf(g))
    const d = (g.day ?? '').toLowerCase()
    if (d === 'today') return date(fmtDay(a))
    if (d === 'yesterday') return date(fmtDay(addDays(a, -1)))
    if (d === 'tomorrow') return date(fmtDay(addDays(a, 1)))
    if (d === 'tonight') return { type: 'TIME', value: `${fmtDay(a)}TNI`, mod: null }
    const part = d.endsWith('morning') ? 'MO' : d.endsWith('afternoon') ? 'AF' : 'EV'
    return { type: 'TIME', value: `${fmtDay(a)}T${part}`, mod: null }
  },
}

// "over the weekend": the last one before the article
export const theWeekend: DateParser = {
  kind: 'weekend',
  patterns: () => [/\bthe weekend\b/giu],
  resolve(g, c) {
    const { anchor: a } = c
    const date = dateWith(modOf(g))
    return date(`${isoWeek(addDays(a, weekday(a) >= 6 ? 0 : -7))}-WE`)
  },
}

// "mistakes of the past": PAST_REF; not "the past two years" or "the past decade", read as their units
export const thePast: DateParser = {
  kind: 'thepast',
  patterns: () => [/\bthe past\b(?!,? (?:[\w-]+ ){0,2}(?:year|month|week|day|decade|quarter|hour|minute|centur|session|period|season)|-)/giu],
  resolve(g, _c) {
    const date = dateWith(modOf(g))
    return date('PAST_REF', null)
  },
}

// "profit for the year", "the full year": the article's year; not "the year-earlier period", "the year's end"
export const theYear: DateParser = {
  kind: 'theyear',
  patterns: () => [/\bthe (?:full |fiscal |calendar )?year\b(?![-'’]| (?:19|20)\d\d\b| two thousand\b)/giu],
  resolve(g, c) {
    const { anchor: a } = c
    const date = dateWith(modOf(g))
    return date(String(a.y))
  },
}
