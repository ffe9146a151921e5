import { messagesFrom } from '../../core/messages.js'
import type { Message } from '../../core/types.js'
import { countries, countryByName } from '../../lexicon/countries.js'
import { type EntryFile, lazy, loadLexicon, lookupName, normalizeName } from '../../lexicon/load.js'

const report = messagesFrom('extract')

interface DebrisEntry {
  readonly pattern: string
  readonly kind: 'line' | 'teaser'
  readonly seen: string
}

interface SentenceStarts {
  readonly pronouns: readonly string[]
  readonly verbs: readonly string[]
}

/** What the plain-text passes make of a scraper's output. */
export interface CleanText {
  readonly title: string | null
  readonly paragraphs: readonly string[]
  readonly messages: readonly Message[]
}

const debris = lazy(() => {
  const entries = loadLexicon<EntryFile<DebrisEntry>>('extract/debris.json').entries
  return {
    lines: entries.filter((e) => e.kind === 'line').map((e) => new RegExp(e.pattern, 'iu')),
    teasers: entries.filter((e) => e.kind === 'teaser').map((e) => new RegExp(e.pattern, 'giu')),
  }
})

const starts = lazy(() => {
  const s = loadLexicon<SentenceStarts>('extract/sentence-starts.json')
  return { pronouns: new Set(s.pronouns), verbs: new Set(s.verbs) }
})

const message = (ruleId: string, reason: string): Message => report(ruleId, reason)

// A headline: one short line without a closing full stop.
const MAX_TITLE_CHARS = 200
const isHeadline = (line: string): boolean => line.length <= MAX_TITLE_CHARS && !/[.,;:]["”’]?$/.test(line) && /\p{L}/u.test(line)

/**
 * Cleans a scraper's plain-text output: title line, debris lines, teasers run into
 * paragraphs, a standfirst run into the first sentence, lost spaces between sentences.
 */
export function cleanText(raw: string): CleanText {
  const messages: Message[] = []
  const blocks = raw
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()))
  const lines: string[][] = []
  for (const block of blocks) {
    const kept = block.filter((l) => {
      if (!l) return false
      const junk = debris().lines.some((re) => re.test(l))
      if (junk) messages.push(message('debris-line', `removed debris line "${l.slice(0, 60)}"`))
      return !junk
    })
    if (kept.length) lines.push(kept)
  }
  let title: string | null = null
  const first = lines[0]
  if (first && first.length === 1 && lines.length > 1 && first[0] && isHeadline(first[0])) {
    title = first[0]
    lines.shift()
  }
  let paragraphs = lines.map((ls) => ls.join(' '))
  paragraphs = paragraphs.map((p) => cutTeasers(p, messages))
  paragraphs = paragraphs.flatMap((p, i) => (i === 0 ? splitStandfirst(p, messages) : [p]))
  paragraphs = paragraphs.map((p) => restoreSentenceSpaces(p, messages)).filter((p) => p.trim())
  return { title, paragraphs, messages }
}

/** Removes "Read more <headline>" teasers that a scraper ran into a paragraph. */
function cutTeasers(paragraph: string, messages: Message[]): string {
  let out = paragraph
  for (const re of debris().teasers) {
    re.lastIndex = 0
    let m: RegExpExecArray | null = re.exec(out)
    while (m) {
      const headlineStart = m.index + m[0].length
      const end = headlineEnd(out, headlineStart)
      if (end === null) {
        messages.push(message('teaser-unclear', `kept "${m[0].trim()}": no sentence start found after it`))
        m = re.exec(out)
        continue
      }
      messages.push(message('teaser', `removed teaser "${out.slice(m.index, end).trim().slice(0, 80)}"`))
      out = `${out.slice(0, m.index).trimEnd()} ${out.slice(end)}`.trim()
      re.lastIndex = m.index
      m = re.exec(out)
    }
  }
  return out
}

const MIN_HEADLINE_WORDS = 2
const MAX_HEADLINE_WORDS = 30

/**
 * Where a headline run into body text ends: before the first capitalised word that
 * starts a sentence ("... ceasefire He added", "... call Moscow has condemned").
 */
function headlineEnd(text: string, from: number): number | null {
  const words = [...text.slice(from).matchAll(/\S+/g)]
  const { pronouns, verbs } = starts()
  for (let i = 0; i < Math.min(words.length, MAX_HEADLINE_WORDS); i++) {
    const w = words[i]
    if (!w) break
    // a headline that ends with its own punctuation
    if (i >= MIN_HEADLINE_WORDS && /[.!?]["”’]?$/.test(w[0])) return from + (w.index ?? 0) + w[0].length
    if (i < MIN_HEADLINE_WORDS || !/^[A-Z]/.test(w[0])) continue
    const next = words[i + 1]?.[0] ?? ''
    if (pronouns.has(w[0]) || verbs.has(next)) return from + (w.index ?? 0)
  }
  return null
}

// A standfirst and a first sentence together make an implausibly long first sentence.
const RUN_ON_WORDS = 30

/**
 * Splits a standfirst that a scraper ran into the first sentence:
 * "... ouster of former President Bashar Assad Syria is seeking Russia's support ..."
 * — a name run directly followed by a new subject and its finite verb.
 */
function splitStandfirst(paragraph: string, messages: Message[]): string[] {
  const firstEnd = paragraph.search(/[.!?]["”’]?(\s|$)/)
  const sentence = firstEnd < 0 ? paragraph : paragraph.slice(0, firstEnd)
  const words = [...sentence.matchAll(/\S+/g)]
  if (words.length < RUN_ON_WORDS) return [paragraph]
  const { verbs } = starts()
  for (let i = 8; i < words.length - 1; i++) {
    const prev = words[i - 1]?.[0] ?? ''
    const w = words[i]?.[0] ?? ''
    const next = words[i + 1]?.[0] ?? ''
    // "Donald Trump is ..." is one name; "Bashar Assad Syria is ..." ends a name run with a country
    if (/^[A-Z][\p{L}'’-]*[\p{L}]$/u.test(prev) && verbs.has(next) && isCountryOrCapital(w)) {
      const at = words[i]?.index ?? 0
      messages.push(message('standfirst-run-on', `split the standfirst from the body before "${sentence.slice(at, at + 30)}"`))
      return [paragraph.slice(0, at).trim(), paragraph.slice(at).trim()]
    }
  }
  return [paragraph]
}

const capitals = lazy(() => new Set(countries().flatMap((c) => (c.capital ? [normalizeName(c.capital)] : []))))
const isCountryOrCapital = (word: string): boolean => lookupName(countryByName(), word) !== undefined || capitals().has(normalizeName(word))

/** "a visit to Moscow.The situation" -> "a visit to Moscow. The situation". */
function restoreSentenceSpaces(paragraph: string, messages: Message[]): string {
  let n = 0
  const out = paragraph.replace(/(?<end>[\p{Ll}\d%)\]][.!?]["”’]?)(?=[“"‘]?\p{Lu}\p{Ll})/gu, (m) => {
    n++
    return `${m} `
  })
  if (n) messages.push(message('missing-space', `restored ${n} missing space(s) between sentences`))
  return out
}
