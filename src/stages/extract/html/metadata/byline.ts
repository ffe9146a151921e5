import type { Element } from 'domhandler'
import { squeeze } from '../../text-utils.js'
import { textOf } from '../01-walk.js'

// Meta names that carry the author, most trusted first.
const AUTHOR_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl', 'twitter:creator']
/** Class or id words of an element that holds the byline. */
export const BYLINE_CLASS = /(?:^|[\s_-])(?:by-?line|author(?:-?name)?|byline__name|writer|contributor)(?:$|[\s_-])/i
const BY_PREFIX = /^(?:by|von|par|por|di|door|av)\s+/i
// "Jane Roe", "Jane Roe and John Doe": short, no sentence punctuation
const looksLikeName = (s: string): boolean => s.length >= 3 && s.length <= 80 && !/https?:|www\.|[|@{}<>]|\d{3}/.test(s) && /\p{Lu}/u.test(s)

/** The byline: JSON-LD authors, then author meta tags, then the first byline element that reads as a name. */
export function pickByline(ldAuthors: string[], meta: Map<string, string>, bylineEls: Element[]): string | null {
  if (ldAuthors.length) return [...new Set(ldAuthors)].join(', ')
  for (const key of AUTHOR_KEYS) {
    const v = meta.get(key)
    if (v && looksLikeName(v) && !(key === 'twitter:creator' && v.startsWith('@'))) return v
  }
  for (const el of bylineEls.slice(0, 20)) {
    const t = squeeze(textOf(el, 300).replace(BY_PREFIX, ''))
    if (looksLikeName(t) && t.split(' ').length <= 8) return t
  }
  return null
}
