import { alt, type DateParser, dateWith, MOD_VALUE, modOf } from '../parser.js'

// Seasons and years: "last summer", "in 2019", a bare "1996".

// "last summer", "in the autumn of 2024"; not "Assad's fall" or "the fall of Kabul"
export const season: DateParser = {
  kind: 'season',
  patterns: ({ REL, f, w }) => [
    new RegExp(
      `\\b(?:(?:${REL})|in(?: the)?|during(?: the)?|this|by) (?<season>${alt(Object.keys(w.seasons))})(?!-)(?:(?: of)? (?<y>\\d{4}))?\\b(?! of [^\\d])`,
      f,
    ),
  ],
  resolve(g, c) {
    const { anchor: a, words: w } = c
    const date = dateWith(modOf(g))
    const s = g.season ? w.seasons[g.season.toLowerCase()] : undefined
    if (!s) return null
    const rel = (g.rel ?? '').toLowerCase()
    const y = g.y ? Number(g.y) : a.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0)
    return date(`${y}-${s}`)
  },
}

export const yearAfterWord: DateParser = {
  kind: 'year',
  patterns: () => [/\b(?<pre>in|since|by|until|of|from|during|before|after|early|late|mid|through|throughout)[ -](?<y>(?:19|20)\d{2})\b(?![%]|[.,]\d)/giu],
  resolve(g, _c) {
    const date = dateWith(modOf(g))
    return date(g.y ?? '', g.pre && MOD_VALUE[g.pre.toLowerCase()] ? (MOD_VALUE[g.pre.toLowerCase()] ?? null) : null)
  },
}

// a bare year: "The plant opened 1996"; not "$1990", "1,990", "1990%"
export const bareYear: DateParser = {
  kind: 'bareyear',
  patterns: () => [/(?<![\d$.,/-])\b(?<y>(?:19|20)\d{2})\b(?![%/-]|[.,]\d| (?:percent|shares|people|tons|units))/gu],
  resolve(g, _c) {
    const date = dateWith(modOf(g))
    return date(g.y ?? '')
  },
}
