import { type ChildNode, type Element, isTag, isText } from 'domhandler'
import { parseDocument } from 'htmlparser2'

/** What the HTML passes take from a page. */
export interface HtmlArticle {
  readonly title: string | null
  readonly byline: string | null
  readonly published: string | null
  readonly lang: string | null
  readonly url: string | null
  readonly paragraphs: readonly string[]
}

// Never article text.
const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'nav',
  'footer',
  'aside',
  'form',
  'iframe',
  'svg',
  'button',
  'select',
  'figcaption',
  'template',
  'head',
])
// Class or id words of blocks that surround an article: share bars, teasers, cookie banners.
const DROP_CLASS =
  /(^|[\s_-])(share|sharing|social|comments?|related|recommend\w*|promo|newsletter|subscribe|cookie|consent|advert\w*|ads?|sidebar|footer|nav|navbar|menu|breadcrumbs?|caption|byline|tags|read-?more|teaser|popup|modal)($|[\s_-])/i
const BLOCK_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'li', 'blockquote', 'pre', 'dd'])
const MAX_DEPTH = 2000

const textOf = (node: ChildNode, depth = 0): string => {
  if (isText(node)) return node.data
  if (!isTag(node) || DROP_TAGS.has(node.name) || depth > MAX_DEPTH) return ''
  let s = ''
  for (const c of node.children) s += node.name === 'br' ? '\n' : textOf(c, depth + 1)
  return node.name === 'br' ? '\n' : s
}

const squeeze = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Collects elements in document order without recursion (pages can nest 100k deep). */
function elements(root: ChildNode[]): Element[] {
  const out: Element[] = []
  const stack: ChildNode[] = [...root].reverse()
  while (stack.length) {
    const node = stack.pop() as ChildNode
    if (!isTag(node)) continue
    out.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as ChildNode)
  }
  return out
}

const isDropped = (el: Element): boolean => {
  for (let cur: Element | null = el; cur; cur = cur.parent && isTag(cur.parent) ? cur.parent : null) {
    if (DROP_TAGS.has(cur.name)) return true
    const cls = `${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`
    if (cur.name !== 'body' && cur.name !== 'html' && DROP_CLASS.test(cls)) return true
  }
  return false
}

/** Reads title, byline, date, language and the main text blocks of a page. */
export function extractHtml(html: string, url: string | null): HtmlArticle {
  const dom = parseDocument(html, { decodeEntities: true })
  const all = elements(dom.children)
  const meta = new Map<string, string>()
  for (const el of all) {
    if (el.name !== 'meta') continue
    const key = (el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop ?? '').toLowerCase()
    if (key && el.attribs.content && !meta.has(key)) meta.set(key, el.attribs.content.trim())
  }
  const ld = jsonLd(all)
  const h1 = all.find((el) => el.name === 'h1')
  const titleTag = all.find((el) => el.name === 'title')
  const title = ld.headline ?? meta.get('og:title') ?? (h1 ? squeeze(textOf(h1)) : null) ?? (titleTag ? squeeze(textOf(titleTag)) : null)
  const timeEl = all.find((el) => el.name === 'time' && el.attribs.datetime)
  const published = isoDate(
    ld.datePublished ??
      meta.get('article:published_time') ??
      meta.get('date') ??
      meta.get('pubdate') ??
      meta.get('publishdate') ??
      meta.get('dc.date') ??
      meta.get('datepublished') ??
      timeEl?.attribs.datetime ??
      dateInUrl(url),
  )
  const htmlEl = all.find((el) => el.name === 'html')
  const canonical = all.find((el) => el.name === 'link' && el.attribs.rel === 'canonical')?.attribs.href
  return {
    title: title ? squeeze(title) : null,
    byline: ld.author ?? meta.get('author') ?? meta.get('article:author') ?? null,
    published,
    lang: (htmlEl?.attribs.lang ?? meta.get('og:locale') ?? '').slice(0, 2).toLowerCase() || null,
    url: url ?? meta.get('og:url') ?? canonical ?? null,
    paragraphs: mainBlocks(all),
  }
}

/** The text blocks of the element whose paragraphs hold the most text. */
function mainBlocks(all: Element[]): string[] {
  const blocks = all.filter((el) => BLOCK_TAGS.has(el.name) && !isDropped(el))
  const score = new Map<Element, number>()
  for (const b of blocks) {
    if (b.name !== 'p') continue
    const len = squeeze(textOf(b)).length
    if (len < 25) continue
    const parent = b.parent && isTag(b.parent) ? b.parent : null
    if (parent) score.set(parent, (score.get(parent) ?? 0) + len)
    const grand = parent?.parent && isTag(parent.parent) ? parent.parent : null
    if (grand) score.set(grand, (score.get(grand) ?? 0) + len / 2)
  }
  let best: Element | null = null
  let bestScore = 0
  for (const [el, s] of score) if (s > bestScore) [best, bestScore] = [el, s]
  const inside = (el: Element): boolean => {
    for (let cur: Element | null = el; cur; cur = cur.parent && isTag(cur.parent) ? cur.parent : null) if (cur === best) return true
    return false
  }
  // a block inside another kept block is already in its text
  const chosen = blocks.filter((b) => !best || inside(b))
  const set = new Set(chosen)
  const nested = (el: Element): boolean => {
    for (let cur = el.parent; cur && isTag(cur); cur = cur.parent) if (set.has(cur)) return true
    return false
  }
  const paragraphs = chosen
    .filter((b) => !nested(b))
    .map((b) => squeeze(textOf(b)))
    .filter((t) => t.length > 0)
  if (paragraphs.length || !all.length) return paragraphs
  // no paragraph markup: the body's text, split at line breaks
  const body = all.find((el) => el.name === 'body') ?? all[0]
  return body
    ? textOf(body)
        .split(/\n\s*\n|\n/)
        .map(squeeze)
        .filter((t) => t.length > 0)
    : []
}

interface LdFields {
  headline?: string
  datePublished?: string
  author?: string
}

/** Headline, date and author from the page's JSON-LD (NewsArticle and friends). */
function jsonLd(all: Element[]): LdFields {
  const out: LdFields = {}
  for (const el of all) {
    if (el.name !== 'script' || el.attribs.type !== 'application/ld+json') continue
    let data: unknown
    try {
      data = JSON.parse(el.children.map((c) => (isText(c) ? c.data : '')).join(''))
    } catch {
      continue
    }
    const stack: unknown[] = [data]
    while (stack.length) {
      const item = stack.pop()
      if (Array.isArray(item)) {
        stack.push(...item)
        continue
      }
      if (!item || typeof item !== 'object') continue
      const o = item as Record<string, unknown>
      if (Array.isArray(o['@graph'])) stack.push(...(o['@graph'] as unknown[]))
      if (typeof o.headline === 'string') out.headline ??= o.headline
      if (typeof o.datePublished === 'string') out.datePublished ??= o.datePublished
      const author = Array.isArray(o.author) ? o.author[0] : o.author
      if (typeof author === 'string') out.author ??= author
      else if (author && typeof author === 'object' && typeof (author as Record<string, unknown>).name === 'string')
        out.author ??= (author as { name: string }).name
    }
  }
  return out
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null
  const m = /(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/.exec(value)
  if (m?.groups) return `${m.groups.y}-${m.groups.m}-${m.groups.d}`
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10)
}

function dateInUrl(url: string | null): string | null {
  const m = url ? /\/(?<y>(19|20)\d{2})\/(?<m>\d{1,2})\/(?<d>\d{1,2})\//.exec(url) : null
  if (!m?.groups) return null
  return `${m.groups.y}-${m.groups.m?.padStart(2, '0')}-${m.groups.d?.padStart(2, '0')}`
}
