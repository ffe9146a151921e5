import { alt, type DateParser, dateWith, HALF, modOf, monthOf, num } from '../parser.js'

// Durations, sets and references: "two days", "every week", "now".

// "two days", "a 10-year-long war"; an age ("6-year-old") is not a temporal expression
// "2 1/2 years", "a minute and a half": the half is written in the next smaller unit
export const duration: DateParser = {
  kind: 'duration',
  patterns: ({ NUM, UNIT, f }) => [new RegExp(`\\b${NUM}(?<half> 1/2| ½| and a half)?[ -]${UNIT}(?<half2> and a half)?(?:[ -]long)?\\b(?![ -]old)`, f)],
  resolve(g, c) {
    const { words: w } = c
    const n = num(g.num)
    const unit = g.unit ? w.units[g.unit.toLowerCase()] : undefined
    if (n === null || !unit || unit === 'WE') return null
    const timeUnit = g.unit && /^(hour|minute|second)/i.test(g.unit)
    const half = (g.half || g.half2) && n !== 'X' ? HALF[timeUnit ? `T${unit}` : unit] : undefined
    if (half) return { type: 'DURATION', value: `P${timeUnit ? 'T' : ''}${n}${unit}${half}`, mod: null }
    // decades and centuries are written in years: "two decades" -> P20Y
    if ((unit === 'DE' || unit === 'CE') && n !== 'X') return { type: 'DURATION', value: `P${n * (unit === 'DE' ? 10 : 100)}Y`, mod: null }
    return { type: 'DURATION', value: `P${timeUnit ? 'T' : ''}${n}${unit}`, mod: null }
  },
}

export const everyUnit: DateParser = {
  kind: 'set',
  patterns: () => [/\b(?<set>(?:every|each) (?:day|week|month|quarter|year)|daily|weekly|monthly|yearly)\b/giu],
  resolve(g, _c) {
    const s = (g.set ?? '').toLowerCase()
    const unit = s.includes('day') || s === 'daily' ? 'D' : s.includes('week') ? 'W' : s.includes('month') ? 'M' : s.includes('quarter') ? 'Q' : 'Y'
    return { type: 'SET', value: `P1${unit}`, mod: null }
  },
}

// "each Thursday", "every July": the weekday or month of every week or year
export const everyNamed: DateParser = {
  kind: 'setnamed',
  patterns: ({ MONTH, WDAY, f }) => [new RegExp(`\\b(?:every|each) (?:${WDAY}|${MONTH})\\b`, f)],
  resolve(g, c) {
    const { words: w } = c
    const month = monthOf(g, c.words)
    const wd = g.wday ? w.weekdays[g.wday.toLowerCase()] : undefined
    if (wd) return { type: 'SET', value: `XXXX-WXX-${wd}`, mod: null }
    return month ? { type: 'SET', value: `XXXX-${String(month).padStart(2, '0')}`, mod: null } : null
  },
}

export const reference: DateParser = {
  kind: 'ref',
  patterns: ({ f, w }) => [new RegExp(`\\b(?<ref>${alt(Object.keys(w.refs))})\\b`, f)],
  resolve(g, c) {
    const { words: w } = c
    const date = dateWith(modOf(g))
    const ref = g.ref ? w.refs[g.ref.toLowerCase()] : undefined
    return ref ? date(ref, null) : null
  },
}
