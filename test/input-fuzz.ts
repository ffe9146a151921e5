import { readFileSync } from 'node:fs'
import { createAnalyzer, isError } from '../src/analyze.js'
import { batchLines } from '../src/cli/input-schema.js'
import { isCalendarDate } from '../src/core/calendar-date.js'
import { seededRandom } from '../src/models/random.js'
import type { Output, OutputError } from '../src/output.js'
import { decodeBytes } from '../src/stages/extract/decode.js'

// The news text the mutation cases start from: the project's own example article.
const SEED_TEXT = readFileSync(new URL('../examples/syria-russia-support.txt', import.meta.url), 'utf8')
// A small line cap, so the oversize-line path is taken without megabytes of input.
export const FUZZ_LINE_CAP = 16 * 1024

type Next = () => number

const PIECES = [
  'Moscow',
  'condemned',
  'Israel',
  'on Thursday',
  'said',
  '“',
  '”',
  '"',
  "'",
  '‘',
  '’',
  '«',
  '»',
  '.',
  ',',
  ';',
  ':',
  '?',
  '!',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '-',
  '—',
  '…',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  ' ',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\u0000',
  '\u0007',
  '2025-07-31',
  '2025-13-45',
  '31/07/2025',
  'July 31, 2025',
  'Mr.',
  'U.S.',
  'e.g.',
  'Дамаск',
  'دمشق',
  '大马士革',
  '🙂',
  '&amp;',
  '<p>',
  '</div>',
  'http://example.org/x?y=1',
  '@user',
  '#tag',
  '1,000',
  '3.5%',
  'RUSGOV',
]

const pick = <T>(next: Next, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
const int = (next: Next, max: number): number => Math.floor(next() * max)

/** Random text of news words, punctuation, odd white space and control characters. */
export function randomText(next: Next): string {
  const parts: string[] = []
  const n = 1 + int(next, 300)
  for (let i = 0; i < n; i++) parts.push(next() < 0.05 ? String.fromCharCode(int(next, 0x10000)) : pick(next, PIECES))
  return parts.join(next() < 0.5 ? ' ' : '')
}

/** The seed article cut, spliced, duplicated and sprinkled with random pieces. */
export function mutateText(text: string, next: Next): string {
  let out = text
  const edits = 1 + int(next, 8)
  for (let i = 0; i < edits; i++) {
    const at = int(next, out.length + 1)
    const len = int(next, 400)
    const r = next()
    if (r < 0.25) out = out.slice(0, at) + out.slice(at + len)
    else if (r < 0.5) out = out.slice(0, at) + out.slice(Math.max(0, at - len), at) + out.slice(at)
    else if (r < 0.75) out = out.slice(0, at) + randomText(next) + out.slice(at)
    else out = out.slice(0, at) + pick(next, PIECES).repeat(1 + int(next, 50)) + out.slice(at)
  }
  return out
}

/** Huge and degenerate shapes: one endless word, no punctuation, only quotes, a CSV dump, deep brackets. */
export function degenerateText(next: Next): string {
  const size = 1 + int(next, 6000)
  const shapes: (() => string)[] = [
    () => 'x'.repeat(size),
    () => Array.from({ length: Math.ceil(size / 5) }, (_, i) => (i % 9 ? 'word' : 'Russia')).join(' '),
    () => '“'.repeat(Math.min(size, 1500)),
    () => '"'.repeat(Math.min(size, 1500)),
    () => Array.from({ length: Math.ceil(size / 20) }, (_, i) => `${i},Syria,Russia,2025-07-31`).join('\n'),
    () => `${'('.repeat(size)}Moscow${')'.repeat(size)}`,
    () => '\n'.repeat(size),
    () => '. '.repeat(size),
    () => 'Russia condemned Israel on Monday. '.repeat(1 + Math.floor(size / 200)),
    () => SEED_TEXT.toUpperCase(),
    () => SEED_TEXT.replace(/[.!?]/g, ''),
    () => SEED_TEXT.replace(/\s+/g, ''),
    () => '-'.repeat(size),
    () => Array.from({ length: Math.ceil(size / 3) }, () => pick(next, ['Дамаск', 'دمشق', '大马士革', '🙂'])).join(''),
  ]
  return pick(next, shapes)()
}

/** The bytes of a text file: UTF-8, sometimes with a BOM, as UTF-16 with or without one, or Latin-1, or corrupted. */
export function textBytes(text: string, next: Next): Buffer {
  const r = next()
  let bytes: Buffer
  if (r < 0.6) bytes = Buffer.from(text, 'utf8')
  else if (r < 0.7) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
  else if (r < 0.78) bytes = Buffer.from(text, 'utf16le')
  else if (r < 0.82) bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  else if (r < 0.9) bytes = Buffer.from(text, 'latin1')
  else bytes = Buffer.from(text, 'utf8')
  if (next() < 0.2) for (let i = 0, n = 1 + int(next, 20); i < n && bytes.length; i++) bytes[int(next, bytes.length)] = int(next, 256)
  return bytes
}

const PUBLISHED = [
  '2025-07-31',
  '2025-13-45',
  '2025-02-30',
  '2024-02-29',
  'today',
  '10 May 2015',
  'yesterday',
  '',
  '0000-00-00',
  '2025-07-31T10:00:00Z',
  '9999-12-31',
]

/** One JSONL line: a valid input with odd fields, a wrongly shaped one, or broken JSON. */
function jsonlLine(next: Next, n: number): string {
  const text = next() < 0.5 ? randomText(next) : mutateText(SEED_TEXT, next)
  const r = next()
  const id = pick(next, [`doc-${n}`, n, null, { nested: true }, '', '\u202e'])
  if (r < 0.5) {
    const input: Record<string, unknown> = { id, [next() < 0.8 ? 'text' : 'html']: text }
    if (next() < 0.5) input.published = pick(next, PUBLISHED)
    if (next() < 0.2) input.clean = next() < 0.5
    if (next() < 0.1) input.url = pick(next, ['http://example.org/a', 'not a url', 5])
    return JSON.stringify(input)
  }
  if (r < 0.6) return JSON.stringify(pick(next, [[], 'text', 42, null, { text: 5 }, { html: [] }, { id: 'x' }, { text: 'a', published: 7 }]))
  if (r < 0.75) {
    const line = JSON.stringify({ id, text })
    return line.slice(0, int(next, line.length))
  }
  if (r < 0.8) return `{"id": "long-${n}", "text": "${'a'.repeat(FUZZ_LINE_CAP + int(next, FUZZ_LINE_CAP))}"}`
  if (r < 0.9) return ''
  return randomText(next).replace(/\n/g, ' ')
}

/** A JSONL batch: lines joined with LF or CRLF, sometimes after a BOM, sometimes with corrupted bytes. */
export function jsonlBytes(next: Next): Buffer {
  const lines = Array.from({ length: 1 + int(next, 6) }, (_, i) => jsonlLine(next, i))
  let text = lines.join(next() < 0.8 ? '\n' : '\r\n') + (next() < 0.7 ? '\n' : '')
  if (next() < 0.2) text = `\ufeff${text}`
  const bytes = Buffer.from(text, 'utf8')
  if (next() < 0.1) for (let i = 0, n = 1 + int(next, 10); i < n && bytes.length; i++) bytes[int(next, bytes.length)] = int(next, 256)
  return bytes
}

/** One fuzz case: a text file's bytes or a JSONL batch's bytes, split into chunks as a stream delivers them. */
export interface InputCase {
  readonly kind: 'text' | 'jsonl'
  readonly bytes: Buffer
  readonly chunks: readonly Buffer[]
}

/** Case number i of a run: text files (random, mutated, degenerate) and JSONL batches, in turn. */
export function inputCase(seed: number, i: number): InputCase {
  const next = seededRandom(seed * 1_000_003 + i)
  const kind = i % 2 ? 'jsonl' : 'text'
  let bytes: Buffer
  if (kind === 'jsonl') bytes = jsonlBytes(next)
  else {
    const r = next()
    const text = r < 0.35 ? randomText(next) : r < 0.8 ? mutateText(SEED_TEXT, next) : degenerateText(next)
    bytes = textBytes(text, next)
  }
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length; ) {
    const len = 1 + int(next, 8192)
    chunks.push(bytes.subarray(at, at + len))
    at += len
  }
  return { kind, bytes, chunks }
}

const analyzer = createAnalyzer({ today: '2025-07-31' })

// An output that is not an error must be well formed: spans inside the text, a calendar date.
function problemOf(out: Output | OutputError): string | null {
  if (isError(out)) return out.error.startsWith('internal error') ? `crash: ${out.error}` : null
  const a = out.article
  if (!a) return 'no article layer'
  if (a.published !== null && !isCalendarDate(a.published)) return `published "${a.published}" is not a calendar date`
  for (const e of out.events ?? []) {
    if (e.sentence.start < 0 || e.sentence.end > a.text.length || e.trigger.start < e.sentence.start || e.trigger.end > e.sentence.end)
      return `event span ${e.sentence.start}-${e.sentence.end} outside the text`
  }
  return null
}

/**
 * Runs one case as the CLI would (decoded bytes into the analyzer, or JSONL lines through
 * the capped line reader): every input must give an output or a clean `{id, error}`, one
 * per line. Returns the problem, or null.
 */
export async function checkInputCase(c: InputCase): Promise<string | null> {
  try {
    if (c.kind === 'text') {
      const decoded = decodeBytes(c.bytes)
      return problemOf(analyzer.analyze({ id: 'case', text: decoded.text }))
    }
    let lines = 0
    let answered = 0
    for await (const line of batchLines(c.chunks, FUZZ_LINE_CAP)) {
      if (line.blank) continue
      lines++
      const out = line.parsed.ok ? analyzer.analyze(line.parsed.input) : { id: line.parsed.id ?? `line:${lines}`, error: line.parsed.error }
      const problem = problemOf(out)
      if (problem) return `line ${line.n}: ${problem}`
      answered++
    }
    return answered === lines ? null : `${lines} lines but ${answered} answers`
  } catch (e) {
    return `threw ${(e as Error).stack ?? String(e)}`
  }
}
