import { createHash } from 'node:crypto'

/** The content id of an article: a hash of its text with white space folded, so re-scrapes match. */
export function articleId(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32)
}
