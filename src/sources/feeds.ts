import type { Element } from 'domhandler'
import { child, childElements, descendants, isoDay, localName, textOf, xmlRoot } from './xml.js'

/** One entry of a feed or a sitemap: where the article is, and what the list says about it. */
export interface ListedItem {
  readonly url: string | null
  readonly title: string | null
  readonly published: string | null
  /** The article's HTML when the feed carries it (used when there is no link to fetch). */
  readonly html: string | null
}

/** What a document read from a source is. */
export type ListKind = 'rss' | 'atom' | 'jsonfeed' | 'opml' | 'sitemap' | 'sitemapindex' | 'html' | 'unknown'

/** A parsed list: feed items, sitemap URLs, or the feed and sitemap URLs of an OPML file or sitemap index. */
export interface ParsedList {
  readonly kind: ListKind
  readonly items: readonly ListedItem[]
  /** Further lists to read: the feeds of an OPML file, the sitemaps of an index. */
  readonly lists: readonly string[]
}

/** Reads a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed), an OPML file or a sitemap; anything else is `html` or `unknown` with no items. */
export function parseList(text: string, baseUrl: string | null): ParsedList {
  const start = text.trimStart()
  if (start.startsWith('{')) return parseJsonFeed(start, baseUrl)
  if (!start.startsWith('<')) return { kind: 'unknown', items: [], lists: [] }
  if (/^(?:<!--[\s\S]*?-->\s*)*<!doctype html|^(?:<!--[\s\S]*?-->\s*)*<html/i.test(start)) return { kind: 'html', items: [], lists: [] }
  const root = xmlRoot(start)
  if (!root) return { kind: 'unknown', items: [], lists: [] }
  const base = root.attribs['xml:base'] ? resolve(root.attribs['xml:base'], baseUrl) : baseUrl
  switch (localName(root)) {
    case 'rss':
    case 'rdf':
      return { kind: 'rss', items: descendants(root, 'item').map((i) => rssItem(i, base)), lists: [] }
    case 'feed':
      return { kind: 'atom', items: descendants(root, 'entry').map((e) => atomEntry(e, base)), lists: [] }
    case 'opml':
      return { kind: 'opml', items: [], lists: descendants(root, 'outline').flatMap((o) => urlList(o.attribs.xmlUrl ?? o.attribs.xmlurl, base)) }
    case 'urlset':
      return { kind: 'sitemap', items: descendants(root, 'url').map((u) => sitemapUrl(u, base)), lists: [] }
    case 'sitemapindex':
      return { kind: 'sitemapindex', items: [], lists: descendants(root, 'sitemap').flatMap((s) => urlList(textOf(child(s, 'loc')), base)) }
    case 'html':
      return { kind: 'html', items: [], lists: [] }
    default:
      return { kind: 'unknown', items: [], lists: [] }
  }
}

function resolve(href: string | undefined, base: string | null): string | null {
  if (!href?.trim()) return null
  try {
    const url = new URL(href.trim(), base ?? undefined)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

function urlList(href: string | undefined, base: string | null): string[] {
  const url = resolve(href, base)
  return url ? [url] : []
}

function rssItem(item: Element, base: string | null): ListedItem {
  const guid = child(item, 'guid')
  const permalink = guid && guid.attribs.isPermaLink !== 'false' ? textOf(guid) : ''
  const link = textOf(child(item, 'link')) || item.attribs['rdf:about'] || permalink
  const html = textOf(child(item, 'content:encoded')) || textOf(child(item, 'description'))
  return {
    url: resolve(link, base),
    title: textOf(child(item, 'title')) || null,
    published: isoDay(textOf(child(item, 'pubdate', 'dc:date'))),
    html: html || null,
  }
}

function atomEntry(entry: Element, base: string | null): ListedItem {
  const links = childElements(entry).filter((c) => localName(c) === 'link')
  const alternate = links.find((l) => (l.attribs.rel ?? 'alternate') === 'alternate') ?? null
  const entryBase = entry.attribs['xml:base'] ? resolve(entry.attribs['xml:base'], base) : base
  const html = textOf(child(entry, 'content')) || textOf(child(entry, 'summary'))
  return {
    url: resolve(alternate?.attribs.href, entryBase),
    title: textOf(child(entry, 'title')) || null,
    published: isoDay(textOf(child(entry, 'published')) || textOf(child(entry, 'updated'))),
    html: html || null,
  }
}

function sitemapUrl(u: Element, base: string | null): ListedItem {
  const news = child(u, 'news:news') ?? child(u, 'news')
  return {
    url: resolve(textOf(child(u, 'loc')), base),
    title: textOf(child(news ?? u, 'news:title', 'title')) || null,
    published: isoDay(textOf(news ? child(news, 'news:publication_date', 'publication_date') : null) || textOf(child(u, 'lastmod'))),
    html: null,
  }
}

function parseJsonFeed(text: string, base: string | null): ParsedList {
  let feed: unknown
  try {
    feed = JSON.parse(text)
  } catch {
    return { kind: 'unknown', items: [], lists: [] }
  }
  const f = feed as { version?: unknown; items?: unknown }
  if (typeof f.version !== 'string' || !f.version.includes('jsonfeed.org') || !Array.isArray(f.items)) return { kind: 'unknown', items: [], lists: [] }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null)
  const items = (f.items as Record<string, unknown>[]).map((i) => ({
    url: resolve(str(i.url) ?? str(i.external_url) ?? undefined, base),
    title: str(i.title),
    published: isoDay(str(i.date_published) ?? str(i.date_modified) ?? ''),
    html: str(i.content_html) ?? (str(i.content_text) ? `<p>${escapeHtml(str(i.content_text) as string)}</p>` : null),
  }))
  return { kind: 'jsonfeed', items, lists: [] }
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n\s*\n/g, '</p><p>')
}
