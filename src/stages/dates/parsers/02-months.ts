import { fmtDay, fmtMonth } from '../calendar.js'
import { type DateParser, dateWith, modOf, monthOf, nearestYear } from '../parser.js'

// Months without a year: with a day, with a relative year, or alone (the year from the tense of the clause).

// a day of a month without a year ("April 25", "25 April"): the year from the tense of the clause
const dayOfNearestYear: DateParser['resolve'] = (g, c) => {
  const month = monthOf(g, c.words)
  if (!month || Number(g.d) > 31) return null
  return dateWith(modOf(g))(fmtDay({ y: nearestYear(c.anchor, month, c.dir), m: month, d: Number(g.d) }))
}

// "Saturday, April 25": the weekday belongs to the date
export const monthDay: DateParser = {
  kind: 'md',
  patterns: ({ MONTH, WDAY, f }) => [new RegExp(`\\b(?:${WDAY},? )?${MONTH} (?<d>\\d{1,2})(?:st|nd|rd|th)?\\b(?!,? \\d{4})(?!\\d)`, f)],
  resolve: dayOfNearestYear,
}

// "January this year", "June last year"
export const monthOfRelativeYear: DateParser = {
  kind: 'monthrel',
  patterns: ({ MONTH, f }) => [new RegExp(`\\b${MONTH} (?:of )?(?<rel>this|last|next) year\\b`, f)],
  resolve(g, c) {
    const { anchor: a } = c
    const month = monthOf(g, c.words)
    const date = dateWith(modOf(g))
    if (!month) return null
    const rel = (g.rel ?? '').toLowerCase()
    return date(fmtMonth(a.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0), month))
  },
}

// "last February", "this September", "next March"
export const relativeMonth: DateParser = {
  kind: 'relmonth',
  patterns: ({ MONTH, f }) => [new RegExp(`\\b(?<rel>last|this|next) ${MONTH}\\b`, f)],
  resolve(g, c) {
    const { anchor: a } = c
    const month = monthOf(g, c.words)
    const date = dateWith(modOf(g))
    if (!month) return null
    const rel = (g.rel ?? '').toLowerCase()
    // "last February" is last year's; "this September" this year's; "next March" the coming one
    if (rel === 'last') return date(fmtMonth(month < a.m ? a.y : a.y - 1, month))
    if (rel === 'next') return date(fmtMonth(month > a.m ? a.y : a.y + 1, month))
    return date(fmtMonth(a.y, month))
  },
}

export const dayMonth: DateParser = {
  kind: 'dm',
  patterns: ({ MONTH, f }) => [new RegExp(`\\b(?<d>\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH}\\b`, f)],
  resolve: dayOfNearestYear,
}

export const bareMonth: DateParser = {
  kind: 'month',
  patterns: ({ MONTH, MOD, f }) => [new RegExp(`\\b${MOD}${MONTH}\\b`, f)],
  resolve(g, c) {
    const { anchor: a, dir } = c
    const month = monthOf(g, c.words)
    const date = dateWith(modOf(g))
    // month names are capitalised; whether a bare "May" is the month is the refiner's to say (refiners/02-may.ts)
    if (!month || !g.month || /^\p{Ll}/u.test(g.month)) return null
    return date(fmtMonth(nearestYear(a, month, dir), month))
  },
}
