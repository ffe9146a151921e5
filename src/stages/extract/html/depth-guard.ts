/**
 * Keeps a page's element nesting under a bound before it is parsed. The HTML parser keeps
 * its open elements in a list it grows from the front, so a page that opens 250,000 `<i>`
 * and never closes them takes minutes (quadratic); no real article nests more than a few
 * dozen deep. Past the bound an opening tag is dropped, its text kept: the text still reads
 * in order, only its markup below that depth is gone.
 */

/** How deep elements may nest; deeper opening tags are dropped. */
export const MAX_DEPTH = 512

// elements that never hold content (no closing tag): they open nothing
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
// elements whose content is raw text up to their closing tag: tags inside are not tags
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext', 'noscript', 'iframe', 'noembed', 'noframes'])
// a tag, a comment, a doctype or a processing instruction. A tag's attributes are read up to
// the next "<" or ">", so every character is scanned once whatever the page holds (stray "<",
// unclosed quotes); a ">" inside a quoted attribute ends the tag early here, which at worst
// miscounts one level: the bound is a guard, not a parser
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,64})[^<>]*>|<!--[\s\S]*?(?:-->|$)|<![^<>]*>|<\?[^<>]*>/g
const NAME = 2
const CLOSING = 1

/**
 * The page with opening tags past `maxDepth` levels removed, or the page itself when it never
 * nests that deep (the common case: one linear scan, no copy).
 *
 * @example
 *   boundDepth('<i>'.repeat(100_000) + 'text', 512) // 512 <i> tags, then "text"
 */
export function boundDepth(html: string, maxDepth = MAX_DEPTH): string {
  const open: string[] = []
  // how many of each name are open: a closing tag of a name not open is ignored in O(1)
  const openCount = new Map<string, number>()
  let dropped: [number, number][] | null = null
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[NAME]?.toLowerCase()
    if (!name) continue
    if (m[CLOSING]) {
      if (!openCount.get(name)) continue
      // close everything opened since the last element of that name (as a parser does)
      for (;;) {
        const top = open.pop() as string
        openCount.set(top, (openCount.get(top) ?? 1) - 1)
        if (top === name) break
      }
      continue
    }
    if (VOID.has(name) || m[0].endsWith('/>')) continue
    if (RAW.has(name)) {
      // skip to the element's end: what is inside is text
      const close = new RegExp(`</${name}`, 'gi')
      close.lastIndex = TAG.lastIndex
      const end = close.exec(html)
      TAG.lastIndex = end ? end.index : html.length
      open.push(name)
      openCount.set(name, (openCount.get(name) ?? 0) + 1)
      continue
    }
    if (open.length >= maxDepth) {
      dropped ??= []
      dropped.push([m.index, m.index + m[0].length])
      continue
    }
    open.push(name)
    openCount.set(name, (openCount.get(name) ?? 0) + 1)
  }
  if (!dropped) return html
  const parts: string[] = []
  let at = 0
  for (const [start, end] of dropped) {
    parts.push(html.slice(at, start))
    at = end
  }
  parts.push(html.slice(at))
  return parts.join('')
}
