// Reading the PETRARCH / Phoenix dictionary formats (docs: dictionaries.rst of the
// Phoenix set): actor records with dated code restrictions, and the agents file of role
// nouns. Used by scripts/convert-phoenix.ts only; nothing here runs in the engine.

/** One code restriction of an actor record: the code and the period it applies in. */
export interface PhoenixCode {
  readonly code: string
  /** ISO day, or null: from the beginning. */
  readonly from: string | null
  /** ISO day, or null: open-ended (the converter ends it at the dictionary's date). */
  readonly to: string | null
  /** No period given: the record's default code. */
  readonly undated: boolean
}

/** An actor record: its primary phrase, its synonyms and its codes, with the line it starts on. */
export interface PhoenixRecord {
  readonly names: readonly string[]
  readonly codes: readonly PhoenixCode[]
  readonly comment: string
  readonly line: number
}

/** YYMMDD or YYYYMMDD -> YYYY-MM-DD; two-digit years up to 25 are 20YY. Null when not a calendar day. */
export function phoenixDay(raw: string): string | null {
  let y: number
  let rest: string
  if (/^\d{6}$/.test(raw)) {
    const yy = Number(raw.slice(0, 2))
    y = yy <= 25 ? 2000 + yy : 1900 + yy
    rest = raw.slice(2)
  } else if (/^\d{8}$/.test(raw)) {
    y = Number(raw.slice(0, 4))
    rest = raw.slice(4)
  } else return null
  const m = Number(rest.slice(0, 2))
  // "000" days and months appear in the files: read them as the first of the period
  const d = Math.max(1, Number(rest.slice(2, 4)))
  const month = Math.max(1, m)
  if (month > 12 || d > 31) return null
  return `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Parses one "[CODE restriction]" body; null when the code or dates cannot be read. */
export function parseCode(body: string): PhoenixCode | null {
  const parts = body.trim().split(/\s+/)
  const code = (parts[0] ?? '').toUpperCase()
  if (!code) return null
  const when = parts.slice(1).join('')
  if (!when) return { code, from: null, to: null, undated: true }
  if (when.startsWith('<')) {
    const to = phoenixDay(when.slice(1))
    return to ? { code, from: null, to, undated: false } : null
  }
  if (when.startsWith('>')) {
    const from = phoenixDay(when.slice(1))
    return from ? { code, from, to: null, undated: false } : null
  }
  const range = /^(\d+)-(\d+)$/.exec(when)
  if (!range) return null
  const from = phoenixDay(range[1] as string)
  const to = phoenixDay(range[2] as string)
  return from && to ? { code, from, to, undated: false } : null
}

/** Reads an actor dictionary into records; codes that cannot be read are counted, not kept. */
export function parseActors(text: string): { records: PhoenixRecord[]; unreadable: number } {
  const records: PhoenixRecord[] = []
  let unreadable = 0
  let current: { names: string[]; codes: PhoenixCode[]; comment: string; line: number } | null = null
  const lines = text.split(/\r?\n/)
  let blank = true
  lines.forEach((raw, i) => {
    const hash = raw.indexOf('#')
    const body = hash >= 0 ? raw.slice(0, hash) : raw
    const comment = hash >= 0 ? raw.slice(hash + 1).trim() : ''
    if (!body.trim()) {
      blank = true
      return
    }
    const follows = !blank
    blank = false
    const codes: PhoenixCode[] = []
    for (const m of body.matchAll(/\[([^\]]*)\]/g)) {
      const c = parseCode(m[1] as string)
      if (c) codes.push(c)
      else unreadable++
    }
    const phrase = body.replace(/\[[^\]]*\]/g, '').trim()
    if (/^\s/.test(body) && !phrase) {
      current?.codes.push(...codes)
      return
    }
    if (phrase.startsWith('+')) {
      if (!current) return
      current.names.push(phrase.slice(1).trim())
      current.codes.push(...codes)
      return
    }
    // "BORIS_YELTSIN_" and the next lines, each without "+", then the codes: a name line right
    // after a name line that has no code yet is one more name of the same record
    if (current && follows && !current.codes.length && !/^\s/.test(body)) {
      current.names.push(phrase)
      current.codes.push(...codes)
      return
    }
    if (current) records.push(current)
    current = { names: [phrase], codes, comment, line: i + 1 }
  })
  if (current) records.push(current)
  return { records, unreadable }
}

/** A role noun of the agents file, expanded: one entry per spelling. */
export interface PhoenixAgent {
  readonly term: string
  readonly plural: string | null
  readonly code: string
  readonly line: number
}

/** Regular plural as the agents file forms it: +S, Y -> IES, SS -> ES. */
export function regularPlural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`
  if (/(ss|sh|ch|x)$/i.test(word)) return `${word}es`
  return `${word}s`
}

/** Reads the agents file: substitution sets expanded, plurals formed, codes without the "~". */
export function parseAgents(text: string): PhoenixAgent[] {
  const sets = new Map<string, string[]>()
  const out: PhoenixAgent[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const body = (raw.split('#')[0] ?? '').trim()
    if (!body) return
    const set = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(body)
    if (set) {
      sets.set(
        set[1] as string,
        (set[2] as string).split(',').map((s) => s.trim().toLowerCase()),
      )
      return
    }
    const code = /\[([^\]]*)[\]}]/.exec(body)
    if (!code) return
    const chain = (code[1] as string).replace(/~/g, '').trim().toUpperCase()
    let phrase = body.slice(0, code.index).trim()
    let plural: string | null | undefined
    const irregular = /\{([^}]*)\}/.exec(phrase)
    if (irregular) {
      plural = irregular[1]?.trim() ? (irregular[1] as string).trim().toLowerCase().replace(/_/g, ' ') : null
      phrase = phrase.replace(/\{[^}]*\}/, '').trim()
    }
    // a trailing "_": no plural is formed
    const noPlural = /_$/.test(phrase)
    const term = phrase.toLowerCase().replace(/_+/g, ' ').replace(/\s+/g, ' ').trim()
    const marker = /![A-Z]+!/.exec(phrase)
    if (marker) {
      // "CONGRESS!PERSON!": every member of the set, no further plural
      for (const sub of sets.get(marker[0]) ?? []) {
        const t = term.replace(marker[0].toLowerCase(), sub).replace(/\s+/g, ' ').trim()
        out.push({ term: t, plural: null, code: chain, line: i + 1 })
      }
      return
    }
    const last = term.split(' ').pop() ?? ''
    const autoPlural = plural === undefined ? term.slice(0, term.length - last.length) + regularPlural(last) : plural
    out.push({ term, plural: noPlural ? null : autoPlural, code: chain, line: i + 1 })
  })
  return out
}
