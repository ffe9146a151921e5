import type { Element } from 'domhandler'
import { undoMojibake } from '../decode.js'
import { decodeField as decode, memoized } from '../text-utils.js'
import { textOf, type WalkedPage } from './01-walk.js'
import { BYLINE_CLASS, pickByline } from './metadata/byline.js'
import { jsonLd } from './metadata/json-ld.js'
import { pickDate } from './metadata/published.js'
import { siteNames } from './metadata/site-name.js'
import { headlineElements, pickTitle } from './metadata/title.js'

export { dateInUrl, parseDay } from './metadata/published.js'
export { type SiteNames, siteNames, stripSiteName } from './metadata/site-name.js'

/** Title, byline, date, language and address of a page. */
export interface PageMeta {
  readonly title: string | null
  readonly byline: string | null
  readonly published: string | null
  readonly lang: string | null
  readonly url: string | null
}

const bylineClass = memoized((names: string): boolean => BYLINE_CLASS.test(names))

/** Reads the page's metadata from JSON-LD, meta tags, <time>, bylines and the address. */
export function readMetadata(page: WalkedPage, givenUrl: string | null): PageMeta {
  const { elements } = page
  const meta = new Map<string, string>()
  let titleTag: string | null = null
  let canonical: string | null = null
  let lang: string | null = null
  const h1s: Element[] = []
  const times: Element[] = []
  const bylineEls: Element[] = []
  for (const el of elements) {
    const a = el.attribs
    switch (el.name) {
      case 'meta': {
        const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase()
        if (key && a.content?.trim() && !meta.has(key)) meta.set(key, decode(a.content))
        break
      }
      case 'title':
        titleTag ??= undoMojibake(textOf(el))
        break
      case 'link':
        if (a.rel === 'canonical' && a.href) canonical ??= a.href
        break
      case 'html':
        lang ??= a.lang ?? a['xml:lang'] ?? null
        break
      case 'h1':
        h1s.push(el)
        break
      case 'time':
        times.push(el)
        break
    }
    if (a.itemprop === 'datePublished' && !a.content) times.push(el)
    if (a.rel === 'author' || a.itemprop === 'author' || ((a.class || a.id) && bylineClass(`${a.class ?? ''} ${a.id ?? ''}`))) bylineEls.push(el)
  }
  const ld = jsonLd(elements)
  const url = givenUrl ?? canonical ?? meta.get('og:url') ?? null
  return {
    title: pickTitle(
      ld.headline ?? null,
      meta,
      headlineElements(h1s, url),
      titleTag,
      page.blocks,
      siteNames(meta.get('og:site_name') ?? meta.get('application-name'), url),
    ),
    byline: pickByline(ld.authors, meta, bylineEls),
    published: pickDate(page, ld, meta, times, url),
    lang: (lang ?? meta.get('content-language') ?? meta.get('og:locale') ?? meta.get('language') ?? '').slice(0, 2).toLowerCase() || null,
    url,
  }
}
