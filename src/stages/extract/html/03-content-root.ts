import { type Element, isTag } from 'domhandler'
import { type Block, type ElementInfo, parentOf, proseWeight, type WalkedPage } from './01-walk.js'

/** The element whose blocks make the article body. */
export interface ContentRoot {
  readonly best: Element | null
  readonly kept: readonly Element[]
}

// A block shorter than this (without its links) is a label, not a paragraph.
const MIN_PARAGRAPH_CHARS = 25
// What a character of link text or of a short label costs against a character of prose.
const LINK_COST = 1
const LABEL_COST = 0.5
// Class words like "article-body" tip the balance between near-equal candidates.
const KIND_WEIGHT = { content: 1.1, plain: 1, boilerplate: 0.5, drop: 0 } as const
// Prose (characters) that a root inside boilerplate needs to be taken for the article.
const MIN_BOILERPLATE_ARTICLE = 200
// What a character of a caption weighs against one of a paragraph when the article is looked for.
const CAPTION_WEIGHT = 0.5
// A child with this share of its parent's prose is where the article is.
const TIGHT_SHARE = 0.8
// ... and this share, when it also holds the page's headline.
const HEADLINE_SHARE = 0.5

/** Characters of prose in a block, and characters that are links or labels. */
function blockValue(block: Block, dataCells: ReadonlySet<Block>): { good: number; bad: number } {
  const plain = proseWeight(block)
  if (block.heading) return { good: 0, bad: block.linkChars * LINK_COST }
  // a short cell of a data table is data, not a label: "1", "Anna Berg", "2:31:04"
  if (dataCells.has(block)) return { good: 0, bad: 0 }
  if (plain >= MIN_PARAGRAPH_CHARS) return { good: plain, bad: block.linkChars * LINK_COST }
  return { good: 0, bad: block.linkChars * LINK_COST + plain * LABEL_COST }
}

/**
 * Finds the element that holds the article: the one whose prose outweighs the links
 * and labels around it by the most. Sums are exact over the whole tree (one pass from
 * the leaves up), so an article split over several containers is found whole:
 * NYT pages put every few paragraphs in their own "StoryBodyCompanionColumn".
 * Blocks under boilerplate (share bars, comments) count neither way.
 */
export function findContentRoot(page: WalkedPage): ContentRoot {
  const { info, blocks, elements } = page
  const dataCells = dataTableCells(blocks)
  // the sums start from nothing: the search may run again once the page is read another way
  for (const i of info.values()) i.good = i.bad = i.chars = i.linkChars = i.score = 0
  for (const block of blocks) {
    const i = info.get(block.owner)
    if (!i) continue
    const v = blockValue(block, dataCells)
    // a caption counts at a discount: it finds a slideshow whose captions are its text, and
    // never outweighs an article's paragraphs (whether it is kept is the body pass's choice)
    if (block.caption) {
      i.good += v.good * CAPTION_WEIGHT
      continue
    }
    i.good += v.good
    i.bad += v.bad
    i.chars += block.text.length
    i.linkChars += block.linkChars
  }
  let best: Element | null = null
  let bestScore = 0
  // elements are in pre-order: walking backwards visits children before parents
  for (let n = elements.length - 1; n >= 0; n--) {
    const el = elements[n] as Element
    const i = info.get(el)
    if (!i || i.kind === 'drop') continue
    // reader comments are never the article, however long the thread
    i.score = i.thread ? 0 : (i.good - i.bad) * KIND_WEIGHT[i.kind] * (i.inBoilerplate ? KIND_WEIGHT.boilerplate : 1)
    if (i.score > bestScore) [best, bestScore] = [el, i.score]
    const parent = parentOf(el)
    const p = parent ? info.get(parent) : undefined
    if (!p) continue
    p.chars += i.chars
    p.linkChars += i.linkChars
    if (i.kind === 'boilerplate' || i.thread) continue
    p.good += i.good
    p.bad += i.bad
  }
  // "<main>" = article + "Most popular" teasers with summaries: the child that holds
  // nearly all the prose is the article
  // the page's one headline: the column that holds it and most of the prose is the article's,
  // the column beside it (a newsletter box, "trending" summaries) is not
  const h1s = blocks.filter((b) => b.heading === 1)
  const headline = h1s.length === 1 ? (info.get((h1s[0] as Block).owner) as ElementInfo) : null
  for (let n = 0; best && n < 50; n++) {
    const outer = info.get(best) as ElementInfo
    let inner: Element | null = null
    for (const c of best.children) {
      const ci = isTag(c) ? info.get(c) : undefined
      if (!ci || ci.kind === 'boilerplate' || ci.thread) continue
      const holdsHeadline = !!headline && headline.pre >= ci.pre && headline.pre <= ci.last
      if (ci.good >= outer.good * (holdsHeadline ? HEADLINE_SHARE : TIGHT_SHARE)) inner = c as Element
    }
    if (!inner) break
    best = inner
  }
  // a page whose only prose sits in boilerplate is an article there only when there is much of it:
  // a cookie wall's one sentence is not one, an article in a mis-classed wrapper is
  const top = best ? (info.get(best) as ElementInfo) : null
  if (top && (top.kind === 'boilerplate' || top.inBoilerplate) && top.good < MIN_BOILERPLATE_ARTICLE) best = null
  return { best, kept: best ? [best] : [] }
}

/**
 * The cells of data tables: tables of this many cells or more where most cells are no link (a
 * results table whose names link to the players' pages, a timetable). A table that lays out a
 * page, or lists links, has a link in most of its cells.
 */
export function dataTableCells(blocks: readonly Block[]): Set<Block> {
  const cells = new Map<Element, Block[]>()
  const linked = new Map<Element, number>()
  for (const b of blocks) {
    if (b.owner.name !== 'td' && b.owner.name !== 'th') continue
    let table: Element | null = b.owner
    for (let n = 0; table && table.name !== 'table' && n < 4; n++) table = parentOf(table)
    if (table?.name !== 'table') continue
    const list = cells.get(table) ?? []
    list.push(b)
    cells.set(table, list)
    if (b.linkChars) linked.set(table, (linked.get(table) ?? 0) + 1)
  }
  const out = new Set<Block>()
  for (const [table, list] of cells) {
    if (list.length < MIN_DATA_CELLS || (linked.get(table) ?? 0) > list.length * MAX_LINKED_CELL_SHARE) continue
    for (const b of list) out.add(b)
  }
  return out
}
const MIN_DATA_CELLS = 6
// Share of a data table's cells that may be links: the names in a results table, not every cell.
const MAX_LINKED_CELL_SHARE = 0.5

/** Share of an element's text that sits inside links. */
export const linkDensity = (i: { chars: number; linkChars: number }): number => (i.chars ? i.linkChars / i.chars : 0)
