import { type ChildNode, type Element, isCDATA, isTag, isText } from 'domhandler'
import { parseDocument } from 'htmlparser2'

/** An XML document's root element, parsed leniently (feeds in the wild are often not well-formed). */
export function xmlRoot(text: string): Element | null {
  const doc = parseDocument(text, { xmlMode: true, decodeEntities: true })
  return (doc.children.find((n) => isTag(n)) as Element | undefined) ?? null
}

/** A tag's name without its namespace prefix, in lower case (`content:encoded` -> `encoded`). */
export function localName(el: Element): string {
  const name = el.name.toLowerCase()
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** The element children of a node. */
export function childElements(el: Element): Element[] {
  return el.children.filter((n): n is Element => isTag(n))
}

/** The first child element with the given full (prefixed) or local name, or null. */
export function child(el: Element, ...names: string[]): Element | null {
  for (const name of names) {
    const hit = childElements(el).find((c) => c.name.toLowerCase() === name || (!name.includes(':') && localName(c) === name))
    if (hit) return hit
  }
  return null
}

/** Every descendant element with the given local name, in document order. */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = []
  const stack: ChildNode[] = [...el.children].reverse()
  while (stack.length) {
    const n = stack.pop() as ChildNode
    if (!isTag(n)) continue
    if (localName(n) === name) out.push(n)
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as ChildNode)
  }
  return out
}

/** The text inside an element (CDATA included), trimmed; '' for null. */
export function textOf(el: Element | null): string {
  if (!el) return ''
  let out = ''
  const stack: ChildNode[] = [...el.children].reverse()
  while (stack.length) {
    const n = stack.pop() as ChildNode
    if (isText(n)) out += n.data
    else if (isCDATA(n) || isTag(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as ChildNode)
  }
  return out.trim()
}

/** A date as YYYY-MM-DD from ISO 8601 or RFC 822 text, or null. */
export function isoDay(text: string): string | null {
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim())
  if (iso?.[1]) return iso[1]
  const t = Date.parse(text)
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10)
}
