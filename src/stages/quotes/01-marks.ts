import type { Span } from '../../core/types.js'

/** A pair of quotation marks: the span with the marks and the content between them. */
export interface Mark extends Span {
  readonly content: Span
}

const OPENERS = '“«„'
const CLOSERS = '”»'
const STRAIGHT = '"'

// a quote that is never closed in its paragraph still counts when it holds this many characters
const MIN_UNCLOSED = 20

/**
 * Pairs of quotation marks, curly, straight or mixed: a quote may run over paragraphs
 * (each new paragraph reopens it), may nest an inner quote, and may be opened by a
 * mis-typed closing mark at the start of a paragraph.
 */
export function quoteMarks(text: string): Mark[] {
  const out: Mark[] = []
  let open = -1
  let depth = 0
  const emit = (start: number, end: number, contentEnd: number): void => {
    if (contentEnd > start + 1) out.push({ start, end, content: { start: start + 1, end: contentEnd } })
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (ch === '\n') {
      if (open < 0) continue
      // "...the people in Syria.\n\n“And, of course, ..." — a quote that runs on reopens the next paragraph
      const next = /\S/.exec(text.slice(i))
      if (next && (OPENERS + CLOSERS + STRAIGHT).includes(next[0])) continue
      if (i - open >= MIN_UNCLOSED) emit(open, i, trimEnd(text, i))
      open = -1
      depth = 0
      continue
    }
    const atParagraphStart = i === 0 || /\n\s*$/.test(text.slice(Math.max(0, i - 4), i))
    if (OPENERS.includes(ch) || (CLOSERS.includes(ch) && open < 0 && atParagraphStart && /\w/.test(text[i + 1] ?? ''))) {
      // ”Mr. Trump embodies ...” — a closing mark typed where the opening one belongs
      if (open < 0) {
        open = i
        depth = 1
      } else if (!atParagraphStart) depth++
      continue
    }
    if (CLOSERS.includes(ch) || ch === STRAIGHT) {
      if (open < 0) {
        if (ch === STRAIGHT) {
          open = i
          depth = 1
        }
        continue
      }
      if (ch === STRAIGHT && atParagraphStart) continue
      depth--
      if (depth <= 0) {
        emit(open, i + 1, i)
        open = -1
        depth = 0
      }
    }
  }
  if (open >= 0 && text.length - open >= MIN_UNCLOSED) emit(open, text.length, trimEnd(text, text.length))
  return out
}

function trimEnd(text: string, end: number): number {
  let e = end
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--
  return e
}
