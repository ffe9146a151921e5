import { type ChildNode, Element, isTag, isText } from 'domhandler'
import { parseDocument } from 'htmlparser2'
import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'
import { undoMojibake } from '../decode.js'
import { memoized, squeeze } from '../text-utils.js'
import { boundDepth } from './depth-guard.js'

/** One run of text between block boundaries, with the innermost block element that holds it. */
export interface Block {
  readonly owner: Element
  /** Pre-order index of the owner: blocks inside an element have indices within its range. */
  readonly at: number
  readonly text: string
  /** Characters of the text that sit inside links. */
  readonly linkChars: number
  /** Characters of the text outside links set in italics ("<i>", "<em>"), counted as links are (each run trimmed). */
  readonly italicChars: number
  /** Whether a rule ("<hr>") stands between this block and the one before it. */
  readonly afterRule: boolean
  /** The heading level (1-6) when the owner is a heading, else 0. */
  readonly heading: number
  /** Characters of scripts written without spaces, each a word's worth of text (Han, kana, Hangul). */
  readonly wide: number
  /** Whether the text sits in a <figcaption> or loose in a <figure>: what a picture shows, kept only where captions carry the story. */
  readonly caption: boolean
}

/** Per-element facts gathered by the walk. */
export interface ElementInfo {
  /** Pre-order index of the element, and the last index inside it. */
  readonly pre: number
  last: number
  readonly kind: 'drop' | 'boilerplate' | 'content' | 'plain'
  /** Whether a boilerplate element holds this one: "<div class="footer-wrap"><div class="footer-bottom-text">". */
  readonly inBoilerplate: boolean
  /** Visible characters and characters inside links, summed over the element's blocks. */
  chars: number
  linkChars: number
  /** Characters of prose and of links and labels below the element, outside boilerplate. */
  good: number
  bad: number
  score: number
  /** Set by the thread pass: the element holds reader comments, told by their repeated structure. */
  thread: boolean
}

/** The page as the later passes see it. */
export interface WalkedPage {
  readonly elements: readonly Element[]
  readonly info: Map<Element, ElementInfo>
  readonly blocks: readonly Block[]
}

// Never visible article text.
const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'iframe',
  'svg',
  'math',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'template',
  'title',
  'canvas',
  'video',
  'audio',
  'object',
  'embed',
  'frameset',
  'frame',
  'dialog',
])
/** Page chrome that can be told by its tag alone. */
export const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'header', 'menu'])
// Tags that start a new run of text; everything else is inline.
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'form',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'tr',
  'ul',
  'html',
  'center',
  'footer',
  'nav',
  'aside',
])
const HEADING = /^h(?<level>[1-6])$/
// Inline tags that set their text in italics.
const ITALIC_TAGS = new Set(['i', 'em'])

const wordPattern = (file: string) =>
  lazy(() => {
    const entries = loadLexicon<EntryFile<{ pattern: string }>>(file).entries
    return new RegExp(`(?:^|[\\s_-])(?:${entries.map((e) => e.pattern).join('|')})(?=$|[\\s_-])`, 'i')
  })
const boilerplateWords = wordPattern('extract/boilerplate-classes.json')
const contentWords = wordPattern('extract/content-classes.json')
const popupWords = wordPattern('extract/popup-classes.json')
const popupClass = memoized((names: string): boolean => popupWords().test(names))

// 'style="display:none"', 'hidden', 'aria-hidden="true"' on a block: not shown to readers
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i

// React's streamed server rendering sends each part of the page that was not ready at first
// as '<div hidden id="S:0">', and a script moves it into view as soon as it arrives: on such
// pages (Next.js and the like) the whole article can sit in one. Hidden only until then.
const STREAMED_SEGMENT = /^S:\d+$/

// An id made of the words of a heading, the anchor a table of contents links to
// ("how-popular-are-these-practices"): the page's text, not its designer's name for a box.
const TEXT_SLUG = /^(?:h-|\d+-)?[a-z0-9]+(?:-[a-z0-9]+){3,}$/

function kindOf(el: Element): ElementInfo['kind'] {
  const a = el.attribs
  if (DROP_TAGS.has(el.name) || (a.hidden !== undefined && !STREAMED_SEGMENT.test(a.id ?? '')) || (a.style && HIDDEN_STYLE.test(a.style))) return 'drop'
  // an inline box shown only on hover is no part of the sentence it sits in
  if (a.class && !BLOCK_TAGS.has(el.name) && popupClass(a.class)) return 'drop'
  // a caption's fate is the body pass's: its class ("wp-caption") says what it is, not whether it counts
  if (el.name === 'body' || el.name === 'html' || el.name === 'figure' || el.name === 'figcaption') return 'plain'
  if (a.itemprop === 'articleBody' || a.itemprop === 'text') return 'content'
  if (CHROME_TAGS.has(el.name)) return 'boilerplate'
  if (a.role === 'navigation' || a.role === 'complementary' || a.role === 'contentinfo' || a.role === 'banner') return 'boilerplate'
  const id = a.id !== undefined && !TEXT_SLUG.test(a.id) ? a.id : ''
  const vote = a.class === undefined && !id ? 0 : classVote(`${a.class ?? ''} ${id}`)
  if (vote < 0) return 'boilerplate'
  if (vote > 0) return 'content'
  return el.name === 'article' || el.name === 'main' ? 'content' : 'plain'
}

/**
 * How the class and id names of an element vote, content (above 0) or boilerplate (below):
 * "entry-content entry-content-read-more" is content, "article__content-well url-breadcrumb"
 * too, "share-bar" is boilerplate.
 */
const classVote = memoized((names: string): number => {
  let vote = 0
  for (const name of names.split(/\s+/)) {
    if (!name) continue
    // "cli-modal-body", "post-most-popular-list": a boilerplate word qualifies a content word
    vote += boilerplateWords().test(name) ? -1 : contentWords().test(name) ? 1 : 0
  }
  return vote
})

/**
 * Parses the page and walks it once, without recursion (pages can nest 100k deep):
 * every element gets an index range and a kind, and the visible text is cut into blocks.
 */
export function walkPage(html: string): WalkedPage {
  const dom = parseDocument(boundDepth(html), { decodeEntities: true })
  // "<p>One</p><p>Two</p>" with no <html> or <body>: give the top-level elements one parent
  // so that the article can be found whole
  if (dom.children.filter(isTag).length > 1) {
    const body = new Element('body', {}, dom.children)
    for (const c of dom.children) c.parent = body
    dom.children = [body]
    body.parent = dom
  }
  const elements: Element[] = []
  const info = new Map<Element, ElementInfo>()
  const blocks: Block[] = []
  // the open block elements, innermost last; text is owned by the innermost one
  const openBlocks: Element[] = []
  let parts: string[] = []
  let partsLink = 0
  let partsItalic = 0
  let linkDepth = 0
  let italicDepth = 0
  let ruleSeen = false
  let dropDepth = 0
  let preDepth = 0
  let captionDepth = 0
  const flush = () => {
    const owner = openBlocks[openBlocks.length - 1]
    if (parts.length && owner) {
      const raw = parts.join('')
      // "Investorâ\u0080\u0099s": UTF-8 that the site's own software read as Latin-1
      const text = undoMojibake(preDepth ? raw.replace(/^\s*\n|\s+$/g, '') : squeeze(raw))
      if (text) {
        const level = HEADING.exec(owner.name)?.groups?.level
        blocks.push({
          owner,
          at: info.get(owner)?.pre ?? 0,
          text,
          linkChars: Math.min(partsLink, text.length),
          italicChars: Math.min(partsItalic, text.length),
          afterRule: ruleSeen,
          heading: level ? Number(level) : 0,
          wide: countWide(text),
          // '<figure><img><span>Image copyright</span> <span>Agency</span></figure>': a figure's own loose text is its credit
          caption: captionDepth > 0 || owner.name === 'figure',
        })
        ruleSeen = false
      }
    }
    parts = []
    partsLink = 0
    partsItalic = 0
  }
  // stack entries: a node to enter, or an element to leave
  const stack: (ChildNode | { leave: Element })[] = [...dom.children].reverse()
  while (stack.length) {
    const item = stack.pop() as ChildNode | { leave: Element }
    if ('leave' in item) {
      const el = item.leave
      const elInfo = info.get(el)
      if (elInfo) elInfo.last = elements.length - 1
      if (elInfo?.kind === 'drop') dropDepth--
      else if (!dropDepth) {
        if (el.name === 'a') linkDepth--
        if (ITALIC_TAGS.has(el.name)) italicDepth--
        if (el.name === 'pre') preDepth--
        if (openBlocks[openBlocks.length - 1] === el) {
          flush()
          openBlocks.pop()
        }
        if (el.name === 'figcaption') captionDepth--
      }
      continue
    }
    if (isText(item)) {
      if (!dropDepth && openBlocks.length) {
        parts.push(item.data)
        if (linkDepth) partsLink += item.data.trim().length
        if (italicDepth && !linkDepth) partsItalic += item.data.trim().length
      }
      continue
    }
    if (!isTag(item)) continue
    const kind = kindOf(item)
    const up = parentOf(item)
    const upInfo = up ? info.get(up) : undefined
    const inBoilerplate = upInfo ? upInfo.inBoilerplate || upInfo.kind === 'boilerplate' : false
    info.set(item, { pre: elements.length, last: elements.length, kind, inBoilerplate, chars: 0, linkChars: 0, good: 0, bad: 0, score: 0, thread: false })
    elements.push(item)
    if (kind === 'drop') dropDepth++
    else if (!dropDepth) {
      if (item.name === 'br') {
        // "<br><br>" between paragraphs of a <div>: a paragraph break
        flush()
        continue
      }
      if (item.name === 'img' || item.name === 'wbr') continue
      if (item.name === 'a') linkDepth++
      if (ITALIC_TAGS.has(item.name)) italicDepth++
      if (item.name === 'pre') preDepth++
      if (item.name === 'figcaption') captionDepth++
      if (BLOCK_TAGS.has(item.name)) {
        flush()
        // '<hr>': the text after it is set apart from the text before it
        if (item.name === 'hr') ruleSeen = true
        openBlocks.push(item)
      } else if (!openBlocks.length) {
        // text outside any block ("no <body>" pages): the first element owns it
        openBlocks.push(item)
        stack.push({ leave: item })
        for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as ChildNode)
        continue
      }
    }
    stack.push({ leave: item })
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as ChildNode)
  }
  flush()
  return { elements, info, blocks }
}

// Scripts written without spaces between words: one of their characters carries about what a
// short word does in a script with spaces (Han, Hiragana, Katakana, Hangul).
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const countWide = (text: string): number => text.match(WIDE)?.length ?? 0
// What a character of those scripts weighs against a letter of an alphabet: a Chinese word is
// one or two characters where an English one is five letters and a space.
const WIDE_WEIGHT = 3

/**
 * How much prose a block holds outside its links, in letters of an alphabet: the same measure
 * for a paragraph in English, in Chinese or in Japanese, so that no length threshold reads a
 * sentence of twenty Han characters as a label.
 */
export function proseWeight(b: Block): number {
  const plain = b.text.length - b.linkChars
  if (!b.wide || plain <= 0) return plain
  return plain + (WIDE_WEIGHT - 1) * b.wide * (plain / b.text.length)
}

/** The element's parent element, or null at the top. */
export const parentOf = (el: Element): Element | null => (el.parent && isTag(el.parent) ? el.parent : null)

/** Whitespace-squeezed text of an element and its descendants, without recursion. */
export function textOf(root: Element, limit = 10_000): string {
  let s = ''
  const stack: ChildNode[] = [root]
  while (stack.length && s.length < limit) {
    const node = stack.pop() as ChildNode
    if (isText(node)) s += node.data
    else if (isTag(node)) {
      if (node.name === 'script' || node.name === 'style') continue
      if (node.name === 'br') s += ' '
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as ChildNode)
    }
  }
  return squeeze(s)
}
