/**
 * Keeps a page's element nesting under a bound before it is parsed. The HTML parser keeps
 * its open elements in a list it grows from the front, so a page that opens 250,000 `<i>`
 * and never closes them takes minutes (quadratic); no real article nests more than a few
 * dozen deep. Past the bound an opening tag is dropped, its text kept: the text still reads
 * in order, only its markup below that depth is gone. The count follows htmlparser2's own
 * rules (which tags close which, which are void, where "/>" closes), so a page the parser
 * reads shallow is never touched and a page it reads deep is always bounded.
 */

/** How deep elements may nest; deeper opening tags are dropped. */
export const MAX_DEPTH = 512

// elements that never hold content (no closing tag): they open nothing
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])
// elements whose content the tokenizer reads as text up to their closing tag ("<noscript>" is
// not one: "<noscript><i><i>..." is parsed as tags, so it must be counted)
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'])
// everything after "<plaintext>" is text
const PLAINTEXT = 'plaintext'
// an opening tag closes the open elements of these names while one is the innermost:
// "<li>a<li>b" and "<p>a<p>b" are siblings, not 2 levels ("<ul>" of 600 "<li>" without "</li>")
const closedBy = (() => {
  const table = new Map<string, ReadonlySet<string>>()
  const rule = (openers: string, closed: string): void => {
    const set = new Set(closed.split(' '))
    for (const name of openers.split(' ')) table.set(name, set)
  }
  rule('p address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul', 'p')
  rule('h1 h2 h3 h4 h5 h6', 'h1 h2 h3 h4 h5 h6 p')
  rule('select input output button datalist textarea', 'input option optgroup select button datalist textarea')
  rule('tr', 'tr th td')
  rule('th', 'th')
  rule('td', 'thead th td')
  rule('body', 'head link script')
  rule('a', 'a')
  rule('li', 'li')
  rule('option', 'option')
  rule('optgroup', 'optgroup option')
  rule('dd dt', 'dd dt')
  rule('rt rp', 'rt rp')
  rule('tbody tfoot', 'thead tbody')
  return table
})()
// SVG and MathML: there "<path/>" closes itself; in HTML "<div/>" opens a div like "<div>"
const FOREIGN = new Set(['svg', 'math'])
// elements inside SVG or MathML whose content is HTML again
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title'])
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
  // whether each open element is SVG or MathML content, where "/>" closes a tag
  const foreign: boolean[] = []
  // how many of each name are open: a closing tag of a name not open is ignored in O(1)
  const openCount = new Map<string, number>()
  const pop = (): string => {
    const top = open.pop() as string
    foreign.pop()
    openCount.set(top, (openCount.get(top) ?? 1) - 1)
    return top
  }
  let dropped: [number, number][] | null = null
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[NAME]?.toLowerCase()
    if (!name) continue
    if (m[CLOSING]) {
      if (!openCount.get(name)) continue
      // close everything opened since the last element of that name (as the parser does)
      let top = pop()
      while (top !== name) top = pop()
      continue
    }
    // a form inside a form is ignored by the parser
    if (name === 'form' && openCount.get('form')) continue
    const closes = closedBy.get(name)
    while (closes && open.length > 0 && closes.has(open[open.length - 1] as string)) pop()
    if (VOID.has(name)) continue
    const isForeign = FOREIGN.has(name) || (!INTEGRATION.has(name) && foreign[foreign.length - 1] === true)
    if (isForeign && m[0].endsWith('/>')) continue
    if (name === PLAINTEXT) break
    // a raw-text element is kept whatever the depth (its text must not be read as markup): it
    // holds no element, so it adds one level only until its closing tag
    const raw = RAW.has(name)
    if (open.length >= maxDepth && !raw) {
      dropped ??= []
      dropped.push([m.index, m.index + m[0].length])
      continue
    }
    open.push(name)
    foreign.push(isForeign)
    openCount.set(name, (openCount.get(name) ?? 0) + 1)
    if (raw) {
      // skip to the element's end: what is inside is text
      const close = new RegExp(`</${name}`, 'gi')
      close.lastIndex = TAG.lastIndex
      const end = close.exec(html)
      TAG.lastIndex = end ? end.index : html.length
    }
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
