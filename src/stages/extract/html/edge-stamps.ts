import { type Block, parentOf } from './01-walk.js'
import { ITEM_TAGS } from './block-rules.js'

// A date line is short: "Dec 19, 2025", "Updated at 1:23 p.m.", "Posted by Ana at 16.12.2025 11:15".
const MAX_STAMP_CHARS = 60
// A block this long, or one that ends as a sentence over MIN_SENTENCE_CHARS, is the body's prose: the edge ends there.
const MIN_PROSE_CHARS = 100
// A time of day written with digits: "10:14", "9.30 Uhr" is left alone (a decimal reads the same).
const CLOCK = /(?:^|[^\d:])\d{1,2}:\d\d(?![\d:])/u
// A day, month and year written with digits: "12.03.2024", "3/12/24", "2024-03-12".
const NUMERIC_DATE = /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/u
// A year, and a day of the month beside it in any script's words: "Dec 19, 2025", "12 de maio de 2024".
const YEAR = /(?:^|\D)(?:19|20)\d\d(?!\d)/u
const DAY = /(?:^|\D)(?:0?[1-9]|[12]\d|3[01])(?!\d)/u

/** Whether the block sits in a quotation, up to three levels above it. */
function quoted(b: Block): boolean {
  let el: ReturnType<typeof parentOf> = b.owner
  for (let n = 0; el && n < 3; n++, el = parentOf(el)) if (el.name === 'blockquote') return true
  return false
}

/** Whether a short text carries a moment written with digits: a time, a full numeric date, or a year with a day beside it. */
export function isStamp(text: string): boolean {
  if (text.length > MAX_STAMP_CHARS) return false
  if (CLOCK.test(text) || NUMERIC_DATE.test(text)) return true
  if (!YEAR.test(text)) return false
  // the year's own digits do not count as the day: "2025" holds "20" and "25"
  return DAY.test(text.replace(/(?:19|20)\d\d(?!\d)/gu, ' '))
}

/**
 * Drops the date lines at the two edges of the body: the short blocks before its first
 * paragraph of prose and after its last one that carry a date or a time written with digits
 * ('<p>Dec 19, 2025</p>', '<div>Updated at 1:23 p.m.</div>'), the stamps a page sets over or
 * under its article without a class that says so. Told by the digits and the place alone, in
 * any language; a date inside the body, in a heading or in a list's items stays.
 */
export function dropEdgeStamps(blocks: readonly Block[], keep: boolean[]): void {
  const kept: number[] = []
  for (let n = 0; n < blocks.length; n++) if (keep[n]) kept.push(n)
  const prose = (b: Block): boolean => b.text.length >= MIN_PROSE_CHARS || (b.text.length > MAX_STAMP_CHARS && /[.!?。！？]$/u.test(b.text))
  const firstProse = kept.findIndex((n) => prose(blocks[n] as Block))
  if (firstProse < 0) return
  let lastProse = kept.length - 1
  while (!prose(blocks[kept[lastProse] as number] as Block)) lastProse--
  const edge = (k: number): boolean => k < firstProse || k > lastProse
  for (let k = 0; k < kept.length; k++) {
    if (!edge(k)) continue
    const n = kept[k] as number
    const b = blocks[n] as Block
    // a linked date is a permalink or a byline's; a quoted post signs off with its date: '— Ana (@ana) 19 November 2019'
    // an item of a list or a table (an events list, a timetable) holds dates as its content
    if (b.heading || b.linkChars > 0 || ITEM_TAGS.has(b.owner.name) || quoted(b)) continue
    if (isStamp(b.text)) keep[n] = false
  }
}
