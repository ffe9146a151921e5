import { type Element, isText } from 'domhandler'
import { decodeField as decode } from '../../text-utils.js'

/** What the page's JSON-LD says of the article. */
export interface LdFields {
  headline?: string
  datePublished?: string
  dateModified?: string
  authors: string[]
}

const ARTICLE_TYPES = /article|posting|report|blog|news/i

/** Headline, date and authors from the page's JSON-LD (NewsArticle and friends), articles first. */
export function jsonLd(elements: readonly Element[]): LdFields {
  const articles: Record<string, unknown>[] = []
  const others: Record<string, unknown>[] = []
  for (const el of elements) {
    if (el.name !== 'script' || !/ld\+json/i.test(el.attribs.type ?? '')) continue
    let data: unknown
    try {
      data = JSON.parse(el.children.map((c) => (isText(c) ? c.data : '')).join(''))
    } catch {
      continue
    }
    const stack: unknown[] = [data]
    for (let guard = 0; stack.length && guard < 10_000; guard++) {
      const item = stack.pop()
      if (Array.isArray(item)) {
        for (const x of item) stack.push(x) // not push(...item): a JSON-LD array of 200k items overflows the stack
        continue
      }
      if (!item || typeof item !== 'object') continue
      const o = item as Record<string, unknown>
      if (Array.isArray(o['@graph'])) for (const x of o['@graph'] as unknown[]) stack.push(x)
      if (o.mainEntity && typeof o.mainEntity === 'object') stack.push(o.mainEntity)
      const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ')
      ;(ARTICLE_TYPES.test(type) ? articles : others).push(o)
    }
  }
  const out: LdFields = { authors: [] }
  for (const o of [...articles, ...others]) {
    if (typeof o.headline === 'string' && o.headline.trim()) out.headline ??= decode(o.headline)
    if (typeof o.dateModified === 'string') out.dateModified ??= o.dateModified
    if (typeof o.datePublished === 'string') out.datePublished ??= o.datePublished
    else if (typeof o.dateCreated === 'string' && articles.includes(o)) out.datePublished ??= o.dateCreated
    if (!out.authors.length && articles.includes(o)) {
      for (const a of ([] as unknown[]).concat(o.author ?? o.creator ?? [])) {
        const name = typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : null
        if (typeof name === 'string' && name.trim() && !/^https?:/.test(name)) out.authors.push(decode(name))
      }
    }
  }
  return out
}
