import { addDays, fmtDay, weekday } from '../calendar.js'
import { type DateParser, dateWith, modOf, monthOf, nearestYear } from '../parser.js'

// Weekdays and clock times: "on Friday", "next Tuesday", "10 p.m. Wednesday".

export const relativeWeekday: DateParser = {
  kind: 'relwday',
  patterns: ({ WDAY, f }) => [
    new RegExp(`\\b(?:(?<rel>last|this|next|coming) )?${WDAY}(?: (?<part>morning|afternoon|evening|night))?\\b(?=(?<poss>['’]s\\b)|)`, f),
  ],
  resolve(g, c) {
    const { anchor: a, dir, words: w } = c
    const date = dateWith(modOf(g))
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
  },
}

// "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon Thursday", "10:35 a.m."
export const clockTime: DateParser = {
  kind: 'clock',
  patterns: ({ MONTH, WDAY, ZONE, f }) => [
    new RegExp(
      `\\b(?:(?<h>\\d{1,2})(?::(?<mi>\\d{2}))? ?(?<ap>[ap])\\.m\\b\\.?|(?<noon>noon|midnight))(?: (?:${ZONE}))?(?:,? (?:on )?(?:${WDAY}|${MONTH} (?<d>\\d{1,2})\\b))?`,
      f,
    ),
  ],
  resolve(g, c) {
    const { anchor: a, dir } = c
    const month = monthOf(g, c.words)
    // noon and midnight alone are too often figurative ("high noon comes today") to stand without a day
    if (g.noon && !g.wday && !g.month) return null
    const hour = g.noon ? (g.noon.toLowerCase() === 'noon' ? 12 : 24) : (Number(g.h) % 12) + (g.ap?.toLowerCase() === 'p' ? 12 : 0)
    if (hour > 24 || Number(g.mi ?? 0) > 59) return null
    const day = g.wday
      ? relativeWeekday.resolve({ wday: g.wday }, c)?.value
      : g.month && month
        ? fmtDay({ y: nearestYear(a, month, dir), m: month, d: Number(g.d) })
        : fmtDay(a)
    return day ? { type: 'TIME', value: `${day}T${String(hour).padStart(2, '0')}:${g.mi ?? '00'}`, mod: null } : null
  },
}
