import { fmtDay, fmtMonth } from '../calendar.js'
import { type DateParser, dateWith, modOf, monthOf } from '../parser.js'

// Full calendar dates: an ISO date, a month with day and year, a month with a year.

// a day, a month and a year in either order ("July 31, 2025", "31 July 2025")
const fullDay: DateParser['resolve'] = (g, c) => {
  const month = monthOf(g, c.words)
  return month ? dateWith(modOf(g))(fmtDay({ y: Number(g.y), m: month, d: Number(g.d) })) : null
}

export const isoDate: DateParser = {
  kind: 'iso',
  patterns: ({ f }) => [new RegExp('\\b(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})\\b', f)],
  resolve(g, _c) {
    const date = dateWith(modOf(g))
    return date(`${g.y}-${g.m}-${g.d}`)
  },
}

export const monthDayYear: DateParser = {
  kind: 'mdy',
  patterns: ({ MONTH, f }) => [new RegExp(`\\b${MONTH} (?<d>\\d{1,2})(?:st|nd|rd|th)?,? (?<y>\\d{4})\\b`, f)],
  resolve: fullDay,
}

export const dayMonthYear: DateParser = {
  kind: 'dmy',
  patterns: ({ MONTH, f }) => [new RegExp(`\\b(?<d>\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH},? (?<y>\\d{4})\\b`, f)],
  resolve: fullDay,
}

export const monthYear: DateParser = {
  kind: 'my',
  patterns: ({ MONTH, MOD, f }) => [new RegExp(`\\b${MOD}${MONTH},? (?<y>\\d{4})\\b`, f)],
  resolve(g, c) {
    const month = monthOf(g, c.words)
    const date = dateWith(modOf(g))
    return month ? date(fmtMonth(Number(g.y), month)) : null
  },
}
