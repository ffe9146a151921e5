import { Parser } from 'htmlparser2'
import { type EntryFile, loadLexicon } from '../lexicon/load.js'

let tracking: { exact: Set<string>; prefixes: string[] } | null = null

function trackingParameters(): { exact: Set<string>; prefixes: string[] } {
  if (!tracking) {
    const entries = loadLexicon<EntryFile<string>>('sources/tracking-parameters.json').entries
    tracking = { exact: new Set(entries.filter((e) => !e.endsWith('*'))), prefixes: entries.filter((e) => e.endsWith('*')).map((e) => e.slice(0, -1)) }
  }
  return tracking
}

/**
 * The form a URL is stored under: scheme and host in lower case, default port, fragment and
 * tracking parameters (utm_*, fbclid, …) dropped, the remaining parameters sorted; null when it
 * is not an http(s) URL.
 *
 * @example
 *   canonicalUrl('HTTPS://Example.org:443/a?utm_source=x&b=2&a=1#top') // 'https://example.org/a?a=1&b=2'
 */
export function canonicalUrl(href: string, base?: string): string | null {
  let url: URL
  try {
    url = new URL(href.trim(), base)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.hash = ''
  url.username = ''
  url.password = ''
  const { exact, prefixes } = trackingParameters()
  const kept = [...url.searchParams].filter(([k]) => {
    const name = k.toLowerCase()
    return !exact.has(name) && !prefixes.some((p) => name.startsWith(p))
  })
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  url.search = kept.length ? new URLSearchParams(kept).toString() : ''
  return url.href
}

/** The page's `<link rel="canonical">`, canonicalised against the page's URL, or null. */
export function declaredCanonical(html: string, pageUrl: string): string | null {
  let found: string | null = null
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (found !== null || name !== 'link' || !attrs.href) return
        if ((attrs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) found = attrs.href
      },
      onclosetag(name) {
        if (name === 'head') parser.pause()
      },
    },
    { decodeEntities: true },
  )
  // the canonical link sits in the head: only the head is parsed (a page without </head> up to 256 kB)
  const head = html.slice(0, 256 * 1024)
  const end = head.search(/<\/head\s*>/i)
  parser.end(end < 0 ? head : head.slice(0, end + 7))
  return found === null ? null : canonicalUrl(found, pageUrl)
}
