import { isCalendarDate } from '../../core/calendar-date.js'
import { type Doc, withLayer } from '../../core/doc.js'
import { messagesFrom } from '../../core/messages.js'
import { UnusableInputError } from '../../core/pipeline.js'
import type { Article, Message, Span } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { extractHtml } from './html-article.js'
import { cleanText } from './text-article.js'

const report = messagesFrom('extract')

/** Options of the extract stage. */
export interface ExtractOptions {
  /** Largest text or HTML accepted, in UTF-16 code units (default 5,000,000). */
  readonly maxChars?: number
}

const PARAGRAPH_BREAK = '\n\n'

/**
 * The `extract` stage: input text or HTML -> the clean article (title, byline, date,
 * language, body text and paragraph spans). With `clean: false` the text is kept as is.
 *
 * @example
 *   createExtractStage({ maxChars: 1_000_000 })
 */
export function createExtractStage(options: ExtractOptions = {}): PipelineStage {
  const maxChars = options.maxChars ?? 5_000_000
  return {
    name: 'extract',
    needs: [],
    provides: ['article'],
    run(doc: Doc, ctx): Doc {
      const { input } = doc
      const raw = input.text ?? input.html
      if (typeof raw !== 'string') throw new UnusableInputError('the input has neither "text" nor "html"')
      if (raw.length > maxChars) {
        throw new UnusableInputError(`the input is ${(raw.length / 1e6).toFixed(1)} million characters; the limit is ${(maxChars / 1e6).toFixed(1)} million`)
      }
      if (!raw.trim()) throw new UnusableInputError('the input is empty')
      if (looksBinary(raw)) throw new UnusableInputError('the input is not text (control characters found): binary data?')
      const published = readPublished(input.published, ctx.today)
      let article: Article
      let messages: readonly Message[] = []
      const dateMessages: Message[] =
        input.published !== undefined && !published
          ? [
              ISO_DAY.test(input.published.trim())
                ? report('invalid-published', `the publication date "${input.published}" is not a calendar date; the article has none`)
                : report('unread-published', `cannot read the publication date "${input.published}"; the article has none`),
            ]
          : []
      if (input.text !== undefined && input.clean === false) {
        article = { title: null, text: raw, published, byline: null, lang: 'en', url: input.url ?? null, paragraphs: paragraphSpans(raw) }
      } else if (input.text !== undefined) {
        const clean = cleanText(raw)
        const text = clean.paragraphs.join(PARAGRAPH_BREAK)
        if (!text.trim()) throw new UnusableInputError('no article text left after removing debris')
        article = { title: clean.title, text, published, byline: null, lang: 'en', url: input.url ?? null, paragraphs: paragraphSpans(text) }
        messages = clean.messages
      } else {
        const page = extractHtml(raw, input.url ?? null)
        const text = page.paragraphs.join(PARAGRAPH_BREAK)
        article = {
          title: page.title,
          text,
          published: page.published ?? published,
          byline: page.byline,
          lang: page.lang ?? 'en',
          url: page.url,
          paragraphs: paragraphSpans(text),
        }
        if (!text) messages = [report('no-body', 'no article body found on the page', null, 'error')]
      }
      return withLayer(doc, 'article', article, { text: article.text, messages: [...dateMessages, ...messages] })
    },
  }
}

/** Spans of the blocks separated by blank lines. */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = []
  const re = /\S(?:[^\n]|\n(?![ \t]*\n))*/g
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push({ start: m.index, end: m.index + m[0].trimEnd().length })
  return spans
}

// Text has few C0 control characters besides tab and line breaks; binary data has many.
function looksBinary(s: string): boolean {
  const sample = s.slice(0, 8192)
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c === 0) return true
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++
  }
  return control > sample.length * 0.05
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/

/**
 * The publication date as YYYY-MM-DD: ISO calendar dates as given, "today" as the run's day, and
 * written dates Date.parse reads ("10 May 2015", "1 july 2021"); null otherwise.
 */
export function readPublished(s: string | undefined, today: string): string | null {
  const value = s?.trim()
  if (!value) return null
  // "2025-13-45" and "2025-02-30" are no days: Date would roll them over into another month
  if (ISO_DAY.test(value)) return isCalendarDate(value.slice(0, 10)) ? value.slice(0, 10) : null
  if (/^today$/i.test(value)) return today
  // written dates only: a bare number or a word would parse as some odd year
  if (!/\p{L}/u.test(value) || !/\d{4}/.test(value)) return null
  const t = new Date(value)
  if (Number.isNaN(t.getTime())) return null
  // Date reads "10 May 2015" as local midnight: take the local calendar day
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`
}
