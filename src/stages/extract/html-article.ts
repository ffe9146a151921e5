import { walkPage } from './html/01-walk.js'
import { markThreads, unmarkThreads } from './html/02-threads.js'
import { findContentRoot } from './html/03-content-root.js'
import { bodyBlocks } from './html/04-body-blocks.js'
import { readMetadata } from './html/05-metadata.js'
import { cleanBlocks } from './html/06-clean-blocks.js'
import { dropAuthorBox } from './html/author-box.js'

/** What the HTML passes take from a page. */
export interface HtmlArticle {
  readonly title: string | null
  readonly byline: string | null
  readonly published: string | null
  readonly lang: string | null
  readonly url: string | null
  readonly paragraphs: readonly string[]
}

/**
 * Reads title, byline, date, language and the main text of a page, in passes:
 * walk the DOM into text blocks, mark comment threads, find the content root, keep its body blocks,
 * read the metadata, drop the author's box under the body and the headline and byline the body repeats.
 */
export function extractHtml(html: string, url: string | null): HtmlArticle {
  const page = walkPage(html)
  markThreads(page)
  let root = findContentRoot(page)
  // a page that is all posts (a forum thread) has them for its content
  if (!root.best && unmarkThreads(page)) root = findContentRoot(page)
  const meta = readMetadata(page, url)
  const blocks = cleanBlocks(dropAuthorBox(page, root.best, bodyBlocks(page, root), meta.byline), meta.title, meta.byline)
  return { ...meta, paragraphs: blocks.map((b) => b.text) }
}
