import { readFileSync, statSync } from 'node:fs'
import { setTimeout as wait } from 'node:timers/promises'
import type { Input } from '../core/doc.js'
import { canonicalUrl } from './canonical-url.js'
import { decodeText } from './decode-text.js'
import { failDocument, knownDocument, type SourceContext, storeDocument } from './documents.js'
import { type ListedItem, parseList } from './feeds.js'
import { FetchError, type Fetcher } from './safe-fetch.js'
import { ingestWarc, looksLikeWarc } from './warc-source.js'

const PAGE_TYPES = ['text/html', 'application/xhtml+xml']
const LIST_TYPES = [
  ...PAGE_TYPES,
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/json',
  'application/feed+json',
  'text/x-opml',
  'text/plain',
]
// a sitemap index may name sitemaps that name sitemaps; deeper than this is a loop or a trap
const MAX_LIST_DEPTH = 3
const MAX_LISTS = 500
const MAX_FEEDS_FILE_BYTES = 16 * 1024 * 1024

/** What `ingest` can read besides files and JSONL: a URL, a WARC file, an OPML file, a feeds file, a local feed or sitemap. */
export function isSourceTarget(arg: string): boolean {
  if (/^https?:\/\//i.test(arg)) return true
  let st: ReturnType<typeof statSync>
  try {
    st = statSync(arg)
  } catch {
    return false
  }
  if (!st.isFile()) return false
  if (looksLikeWarc(arg) || /\.(opml|xml|feeds|rss|atom)$/i.test(arg)) return true
  // a feeds file: one URL a line, # comments (read only when small enough to be one)
  return st.size < 1024 * 1024 && isFeedsText(readFileSync(arg, 'utf8'))
}

function isFeedsText(text: string): boolean {
  const lines = feedLines(text)
  return lines.length > 0 && lines.every((l) => /^https?:\/\/\S+$/i.test(l))
}

function feedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'))
}

/** A source run: the context plus the one fetcher every network read goes through. */
export interface SourceRun extends SourceContext {
  readonly fetcher: Fetcher
}

/**
 * Reads every target once (URLs, feeds, sitemaps, OPML and feeds files, WARC files), each
 * document analysed and stored once; a target that fails gets a one-line reason and the run
 * goes on. With `everyMs`, reads them again after each pause until the signal is aborted.
 */
export async function ingestSourceTargets(run: SourceRun, targets: readonly string[], everyMs?: number): Promise<void> {
  for (;;) {
    for (const target of targets) {
      if (run.signal?.aborted) return
      try {
        await ingestTarget(run, target, 0, { lists: 0 })
      } catch (e) {
        run.stats.failedSources++
        run.progress?.clear()
        run.warn(`${target}: ${reason(e, target)}`)
      }
    }
    if (!everyMs || run.signal?.aborted) return
    run.progress?.clear()
    try {
      await wait(everyMs, undefined, run.signal ? { signal: run.signal } : {})
    } catch {
      return // aborted while waiting
    }
  }
}

function reason(e: unknown, where?: string): string {
  // a fetch error names its URL; the line already starts with it
  if (e instanceof FetchError) return where && e.message.startsWith(`${where}: `) ? e.message.slice(where.length + 2) : e.message
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ENOENT') return 'no such file'
  return err.message ?? String(e)
}

async function ingestTarget(run: SourceRun, target: string, depth: number, budget: { lists: number }): Promise<void> {
  if (/^https?:\/\//i.test(target)) return ingestUrl(run, target, depth, budget)
  if (looksLikeWarc(target)) return ingestWarc(run, target)
  if (statSync(target).size > MAX_FEEDS_FILE_BYTES) throw new Error(`over ${MAX_FEEDS_FILE_BYTES} bytes: not read as a list`)
  const text = decodeText(readFileSync(target), null)
  if (isFeedsText(text)) {
    for (const url of feedLines(text)) await guarded(run, url, () => ingestUrl(run, url, depth + 1, budget))
    return
  }
  const list = parseList(text, null)
  if (list.kind === 'html' || list.kind === 'unknown') throw new Error('not a feed, OPML file, sitemap, feeds file or WARC file')
  await ingestList(run, target, list.items, list.lists, depth, budget)
}

/** What a local list file (a feeds file, an OPML file, a feed or sitemap saved to disk) names: URLs to read, and documents it carries whole. */
export interface LocalList {
  readonly urls: readonly string[]
  readonly documents: readonly Input[]
}

/**
 * Reads a local feeds file, OPML file, feed or sitemap without fetching anything: the feeds,
 * sitemaps and pages it names, and the items that carry their content but no link. For
 * `ingest … --queue`, where the workers do the fetching.
 */
export function readLocalList(path: string): LocalList {
  if (statSync(path).size > MAX_FEEDS_FILE_BYTES) throw new Error(`over ${MAX_FEEDS_FILE_BYTES} bytes: not read as a list`)
  const text = decodeText(readFileSync(path), null)
  if (isFeedsText(text)) return { urls: feedLines(text), documents: [] }
  const list = parseList(text, null)
  if (list.kind === 'html' || list.kind === 'unknown') throw new Error('not a feed, OPML file, sitemap, feeds file or WARC file')
  const urls: string[] = []
  const documents: Input[] = []
  for (const item of list.items) {
    if (item.url) urls.push(item.url)
    else if (item.html) documents.push({ html: item.html, ...(item.published && { published: item.published }) })
  }
  return { urls: [...urls, ...list.lists], documents }
}

/** Runs one nested list (a feed of an OPML file, a sitemap of an index) so its failure is reported and the others go on. */
async function guarded(run: SourceRun, url: string, task: () => Promise<void>): Promise<void> {
  try {
    await task()
  } catch (e) {
    run.stats.failedSources++
    run.progress?.clear()
    run.warn(`${url}: ${reason(e, url)}`)
  }
}

async function ingestList(
  run: SourceRun,
  source: string,
  items: readonly ListedItem[],
  lists: readonly string[],
  depth: number,
  budget: { lists: number },
): Promise<void> {
  for (const item of items) {
    if (run.signal?.aborted) return
    await ingestItem(run, source, item)
    run.progress?.update(run.stats, null)
  }
  for (const url of lists) {
    if (run.signal?.aborted) return
    if (depth >= MAX_LIST_DEPTH || ++budget.lists > MAX_LISTS) {
      run.warn(`${source}: ${url} not read (more than ${MAX_LIST_DEPTH} levels or ${MAX_LISTS} lists)`)
      continue
    }
    await guarded(run, url, () => ingestUrl(run, url, depth + 1, budget))
  }
}

/** A URL given by the user or named by a list: a page is ingested; a feed, sitemap or OPML file is read with a conditional GET. */
async function ingestUrl(run: SourceRun, url: string, depth: number, budget: { lists: number }): Promise<void> {
  const canon = canonicalUrl(url)
  if (!canon) throw new Error('not an http(s) URL')
  const known = await run.ledger.findUrl(canon)
  if (known) return knownDocument(run, url, url, known)
  const key = `list:${canon}`
  const state = await run.ledger.getSourceState(key)
  const res = await run.fetcher.fetch(url, { accept: LIST_TYPES, etag: state?.etag ?? null, lastModified: state?.lastModified ?? null })
  if (res.notModified) return
  const text = decodeText(res.body, res.charset)
  const list = parseList(text, res.url)
  if (list.kind === 'unknown' && !PAGE_TYPES.includes(res.contentType))
    throw new Error(`not a page, feed, sitemap or OPML file (${res.contentType || 'no content type'})`)
  if (list.kind === 'html' || list.kind === 'unknown') return storeDocument(run, url, { html: text, url: res.url })
  await ingestList(run, url, list.items, list.lists, depth, budget)
  // validators are saved once the list is read through, so an interrupted read is read again
  if (!run.signal?.aborted && (res.etag || res.lastModified))
    await run.ledger.putSourceState(key, { etag: res.etag, lastModified: res.lastModified, offset: null })
}

async function ingestItem(run: SourceRun, source: string, item: ListedItem): Promise<void> {
  const published = item.published ? { published: item.published } : {}
  if (!item.url) {
    if (item.html) return storeDocument(run, source, { html: item.html, ...published })
    return failDocument(run, source, null, 'an item with neither a link nor content')
  }
  const canon = canonicalUrl(item.url)
  const known = canon ? await run.ledger.findUrl(canon) : null
  if (known) return knownDocument(run, source, item.url, known)
  try {
    const page = await run.fetcher.fetch(item.url, { accept: PAGE_TYPES })
    await storeDocument(run, source, { html: decodeText(page.body, page.charset), url: page.url, ...published })
  } catch (e) {
    // a feed that carries the whole article still gives it when the page cannot be fetched
    if (item.html && item.html.length > 1000 && e instanceof FetchError && e.kind !== 'refused') {
      return storeDocument(run, source, { html: item.html, url: item.url, ...published })
    }
    failDocument(run, source, item.url, reason(e, item.url))
  }
}
