import { type DateParser, dateWith, modOf, QUARTER } from '../parser.js'

// Quarters and reporting periods of earnings reports: "the third quarter", "the year-earlier period".

// "the third quarter", "third-quarter profit", "the 1988 second quarter"
// "next year's first quarter", "this year's third quarter": the year named before the quarter
export const namedQuarter: DateParser = {
  kind: 'quarter',
  patterns: () => [
    /\b(?:the )?(?:(?<yq>(?:19|20)\d{2}) |(?<rq>this|last|next) year['’]s )?(?<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of (?<y>\d{4}))?\b/giu,
  ],
  resolve(g, c) {
    const { anchor: a } = c
    const date = dateWith(modOf(g))
    const q = QUARTER[(g.q ?? '').toLowerCase()]
    if (!q) return null
    const explicit = g.y ?? g.yq
    // a quarter not yet begun is last year's in a report ("the fourth quarter" in January)
    const current = Math.floor((a.m - 1) / 3) + 1
    const shift: Record<string, number> = { last: -1, this: 0, next: 1 }
    const named = g.rq ? a.y + (shift[g.rq.toLowerCase()] ?? 0) : undefined
    return date(`${explicit ?? named ?? (q > current ? a.y - 1 : a.y)}-Q${q}`)
  },
}

// "the quarter", "the latest quarter" in an earnings report: the quarter just closed
export const lastQuarter: DateParser = {
  kind: 'lastquarter',
  patterns: () => [/\b(?:the|this) (?:(?<ago>year-earlier|year-ago) |(?:latest|most recent|recent|past|just-ended) )?quarter\b/giu],
  resolve(g, c) {
    const { anchor: a } = c
    const date = dateWith(modOf(g))
    const k = a.y * 4 + Math.floor((a.m - 1) / 3) - 1 - (g.ago ? 4 : 0)
    return date(`${Math.floor(k / 4)}-Q${(k % 4) + 1}`)
  },
}

// "the year-earlier period", "the latest period", "year-ago profit": the reporting period of the sentence
export const reportingPeriod: DateParser = {
  kind: 'period',
  patterns: () => [/\b(?:(?:the )?(?<ago>year-earlier|year-ago)(?: period)?|the (?:latest|most recent) period)\b/giu],
  resolve(g, c) {
    const { anchor: a, byQuarter } = c
    const date = dateWith(modOf(g))
    if (byQuarter) return lastQuarter.resolve(g, c)
    return g.ago ? date(String(a.y - 1)) : null
  },
}
