import { fmtMonth } from '../calendar.js'
import { alt, type DateParser, dateWith, modOf, monthOf } from '../parser.js'

// Years said aloud in broadcast transcripts and decades: "nineteen ninety-six", "the nineties", "the 1990s".

// a year said aloud in a broadcast transcript: "nineteen ninety-six", "the year two thousand", "the nineties"
export const spokenYear: DateParser = {
  kind: 'spokenyear',
  patterns: ({ MONTH, TENS, ONES, f }) => [
    new RegExp(`\\b${MONTH},? nineteen[- ]${TENS}(?:[- ]${ONES})?\\b`, f),
    new RegExp(`\\b(?:nineteen[- ]${TENS}(?:[- ]${ONES})?|the year two thousand)\\b`, f),
  ],
  resolve(g, c) {
    const { words: w } = c
    const month = monthOf(g, c.words)
    const date = dateWith(modOf(g))
    if (!g.tens) return date('2000')
    const y = Number(`19${w.tens[g.tens.toLowerCase()] ?? 0}${g.ones ? (w.ones[g.ones.toLowerCase()] ?? 0) : 0}`)
    return date(month ? fmtMonth(y, month) : String(y))
  },
}

export const spokenDecade: DateParser = {
  kind: 'spokendecade',
  patterns: ({ f, w }) => [new RegExp(`\\bthe (?<dtens>${alt(Object.keys(w.tens).map((k) => k.slice(0, -1)))})ies\\b`, f)],
  resolve(g, c) {
    const { words: w } = c
    const date = dateWith(modOf(g))
    const t = g.dtens ? w.tens[`${g.dtens.toLowerCase()}y`] : undefined
    return t ? date(`19${t}`) : null
  },
}

export const decade: DateParser = {
  kind: 'decade',
  patterns: () => [/\b(?:the )?(?<dec>(?:1[89]|20)\d)0s\b/giu],
  resolve(g, _c) {
    const date = dateWith(modOf(g))
    return date(g.dec ?? 'XXX')
  },
}
