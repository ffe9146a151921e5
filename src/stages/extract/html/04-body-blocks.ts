import { type Element, isTag } from 'domhandler'
import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'
import { fold } from '../text-utils.js'
import { type Block, CHROME_TAGS, type ElementInfo, parentOf, type WalkedPage } from './01-walk.js'
import { type ContentRoot, dataTableCells, linkDensity } from './03-content-root.js'
import { besideVerdict, endsSentence, ITEM_TAGS, type Verdict } from './block-rules.js'
import { dropEdgeStamps } from './edge-stamps.js'
import { dropContentsTitles } from './toc-boxes.js'

// Containers whose text is mostly links are menus and teaser lists: "<ul><li><a>Top stories</a>...".
const MAX_CONTAINER_LINK_DENSITY = 0.5
const LIST_TAGS = new Set(['ul', 'ol', 'dl', 'table', 'div', 'section', 'nav', 'menu'])
// Up to this many levels are checked between a block and the content root.
const MAX_CLIMB = 200
// A block with more of its text in links than this is a link, not prose ("READ MORE: <a>...</a>").
const MAX_BLOCK_LINK_SHARE = 0.6
// A paragraph that is one link is kept when it reads as a sentence of this length or more.
const MIN_LINKED_SENTENCE = 40
// Dropped text under a heading that makes it an orphan: a teaser title, not a one-word link.
const MIN_DROPPED_CHARS = 25
// A block beside the root that starts as the body does, over this many characters, repeats it.
const REPEAT_CHARS = 40
// A heading right over the body this long at most is the title of its first section.
const MAX_SECTION_TITLE = 80
// How far above the content root its neighbours are looked for: the lead paragraph beside the body.
const REGION_LEVELS = 2
// Chrome between the root and a neighbour (a byline, a share bar) that the region may step over, in characters.
const MAX_GAP_CHARS = 160

/**
 * The text blocks of the article body: the blocks of the content root that read as text,
 * then the blocks beside it, inside the same region, that read as text too (a lead
 * paragraph, a recipe's ingredients, an introduction), outside boilerplate, comment
 * threads and forms; captions where they carry the story; headings judged like the
 * rest, and dropped where what they head was dropped.
 */
export function bodyBlocks(page: WalkedPage, root: ContentRoot): Block[] {
  const { info, blocks } = page
  if (!root.best) return []
  const r = info.get(root.best) as ElementInfo
  let top: Element = root.best
  for (let n = 0; n < REGION_LEVELS; n++) {
    const up = parentOf(top)
    if (!up || up.name === 'body' || up.name === 'html') break
    top = up
  }
  const region = info.get(top) as ElementInfo
  const dataCells = dataTableCells(blocks)
  const dataTables = new Set<Element>()
  for (const b of dataCells)
    for (let el: Element | null = b.owner; el && !dataTables.has(el); el = el.name === 'table' ? null : parentOf(el)) dataTables.add(el)
  const excluded = exclusion(page, root.best, top, dataTables)
  const keep: boolean[] = blocks.map(() => false)
  let first = -1
  let last = -1
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (b.at < r.pre || b.at > r.last) continue
    if (first < 0) first = n
    last = n
    keep[n] = !b.caption && (dataCells.has(b) || readsAsText(b, page)) && !excluded(b.owner)
  }
  if (first < 0) return []
  const inRegion = (b: Block): boolean => b.at >= region.pre && b.at <= region.last
  // a summary over the body that repeats its first lines adds nothing: "post-excerpt"
  const opening = fold(
    blocks
      .slice(first, last + 1)
      .filter((_, n) => keep[first + n])
      .slice(0, 3)
      .map((b) => b.text)
      .join(' '),
  )
  const summaries = pageSummaries(page)
  const repeats = (b: Block): boolean => opening.includes(fold(b.text).slice(0, REPEAT_CHARS)) || summaries.has(fold(b.text))
  // a heading beside the root stays only over a block kept beside it: "Ingredients" over its list
  const headings: number[] = []
  const widen = (from: number, step: 1 | -1): void => {
    let gap = 0
    for (let n = from; n >= 0 && n < blocks.length && inRegion(blocks[n] as Block); n += step) {
      const b = blocks[n] as Block
      const v: Verdict = b.caption || excluded(b.owner) || repeats(b) ? 'skip' : dataCells.has(b) ? 'keep' : besideVerdict(b, step === 1)
      if (v === 'stop') break
      if (v === 'keep') {
        keep[n] = true
        if (b.heading) headings.push(n)
        gap = 0
      } else {
        gap += b.text.length
        if (gap > MAX_GAP_CHARS) break
      }
    }
  }
  widen(first - 1, -1)
  widen(last + 1, 1)
  // the other sections of an article cut into boxes: '<div class="sect"><h2>..</h2><p>..</p></div>' beside the root's
  const sibling = contentSiblings(page, root.best, top)
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (!keep[n] && sibling(b.at)) keep[n] = !b.caption && readsAsText(b, page) && !excluded(b.owner) && !repeats(b)
  }
  for (let h = headings.length - 1; h >= 0; h--) {
    const n = headings[h] as number
    // over the body itself, only a section's title: "Preparation" over the steps, not a dek of 144 characters
    if (!keep[n + 1] || (n + 1 >= first && n + 1 <= last && (blocks[n] as Block).text.length > MAX_SECTION_TITLE)) keep[n] = false
  }
  keepInlineLinkLists(page, root.best, keep)
  keepCaptions(blocks, keep, excluded, inRegion)
  dropFormPrompts(page, root.best, keep)
  dropSlotLabels(page, keep)
  dropStoryCards(page, keep)
  dropOrphanHeadings(blocks, keep)
  dropEndNotes(blocks, keep)
  dropSignOff(page, keep)
  dropProfileBoxes(page, root.best, keep)
  dropTrailingLabels(blocks, keep)
  dropEdgeStamps(blocks, keep)
  dropContentsTitles(page, keep)
  return blocks.filter((_, n) => keep[n])
}

// Tags of the lists whose items may all be links and still be the article's: '<ul><li><a>Tool A</a></li>...'.
const LINK_LIST_TAGS = new Set(['ul', 'ol', 'dl'])
// Text of the body (characters outside links) after a list of links that sits among its paragraphs.
const MIN_TEXT_AFTER_LIST = 150
// How far above an item's text its list is looked for.
const MAX_LIST_LEVELS = 3

/**
 * Keeps the lists of links that the body itself lays out, told by their place: a list that sits
 * among the body's own paragraphs (in the container that holds most of the kept text, with kept
 * text before and after it in that container), as "the tools we tested: <ul><li><a>...</a>"
 * introduces. A list of links at the top or the end of the body, or in a box of its own, is still
 * a menu or a row of teasers and stays out; so does any list under a boilerplate class.
 */
function keepInlineLinkLists(page: WalkedPage, best: Element, keep: boolean[]): void {
  const { blocks, info } = page
  const kept: number[] = []
  for (let n = 0; n < blocks.length; n++) if (keep[n]) kept.push(n)
  if (kept.length < 2) return
  const body = mainContainer(blocks, kept)
  if (!body) return
  const bodyInfo = info.get(body) as ElementInfo
  const bestInfo = info.get(best) as ElementInfo
  if (bodyInfo.pre < bestInfo.pre || bodyInfo.last > bestInfo.last) return
  // the first and last kept block of the body's own container
  // ... where the body's text goes on for a paragraph or more after it: a note under a list of
  // teasers ("Originally published on ...") is no such paragraph
  let firstAt = Number.POSITIVE_INFINITY
  let lastAt = -1
  let after = 0
  for (let k = kept.length - 1; k >= 0; k--) {
    const b = blocks[kept[k] as number] as Block
    if (parentOf(b.owner) !== body) continue
    firstAt = Math.min(firstAt, b.at)
    if (after < MIN_TEXT_AFTER_LIST) {
      after += b.text.length - b.linkChars
      lastAt = b.at
    }
  }
  const verdict = new Map<Element, boolean>()
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (keep[n] || b.heading || b.caption || b.at <= firstAt || b.at >= lastAt) continue
    let el: Element | null = b.owner
    let list: Element | null = null
    let clean = true
    for (let level = 0; el && el !== body && level <= MAX_LIST_LEVELS; level++, el = parentOf(el)) {
      const i = info.get(el) as ElementInfo
      if (i.kind === 'boilerplate' || i.kind === 'drop' || i.thread || el.name === 'form') clean = false
      if (LINK_LIST_TAGS.has(el.name) && parentOf(el) === body) list = el
    }
    if (!list || !clean) continue
    let ok = verdict.get(list)
    if (ok === undefined) {
      const li = info.get(list) as ElementInfo
      ok = li.kind !== 'boilerplate' && !li.inBoilerplate && !li.thread
      verdict.set(list, ok)
    }
    if (ok) keep[n] = true
  }
}

// A box beside the root holds this much prose at least (letters outside links) to be a section of the article.
const MIN_SIBLING_PROSE = 100
// ... and its prose outweighs its links and labels this many times over.
const MIN_SIBLING_RATIO = 3
// ... and this share of its text at most sits in links.
const MAX_SIBLING_LINK_DENSITY = 0.25

/**
 * Whether a block sits in a box beside the content root, inside its region, that has the shape
 * of the box that holds the root at that level (same tag, same class) and scores as content on
 * its own: prose, few links and labels, no boilerplate class, no comment thread. An article cut
 * into sections of one shape ('<div class="sect1">' each with a heading and paragraphs) is found
 * whole this way where the root is its longest section; an author's box, a disclaimer or a
 * reviews widget beside it has a shape of its own. Told by the boxes, not by the words in them.
 */
function contentSiblings(page: WalkedPage, best: Element, top: Element): (at: number) => boolean {
  const { info } = page
  const ranges: [number, number][] = []
  for (let el: Element | null = best; el && el !== top; el = parentOf(el)) {
    const up = parentOf(el)
    if (!up) break
    const shape = shapeOf(el)
    if (!shape) continue
    for (const c of up.children) {
      if (c === el || !isTag(c) || shapeOf(c) !== shape) continue
      const ci = info.get(c)
      if (!ci || ci.kind === 'boilerplate' || ci.kind === 'drop' || ci.inBoilerplate || ci.thread || CHROME_TAGS.has(c.name)) continue
      if (ci.good < MIN_SIBLING_PROSE || ci.good < ci.bad * MIN_SIBLING_RATIO || linkDensity(ci) > MAX_SIBLING_LINK_DENSITY) continue
      // a section opens with its title: '<div class="sect"><h2>' (a footer's boxes of the grid's class do not)
      if (!opensWithHeading(ci, page.blocks)) continue
      ranges.push([ci.pre, ci.last])
    }
  }
  return (at: number): boolean => ranges.some(([pre, last]) => at >= pre && at <= last)
}

/** Whether the first block of text inside an element is a heading. */
function opensWithHeading(i: ElementInfo, blocks: readonly Block[]): boolean {
  let lo = 0
  let hi = blocks.length
  // blocks are in document order and owners' indices rise with it, save a parent's tail text after its children
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((blocks[mid] as Block).at < i.pre) lo = mid + 1
    else hi = mid
  }
  for (let n = lo; n < blocks.length && n < lo + 4; n++) {
    const b = blocks[n] as Block
    if (b.at >= i.pre && b.at <= i.last) return b.heading > 0
  }
  return false
}

/** A box's shape as its siblings share it: tag and class names, digits folded ("sect-2"); null for a box without a class. */
function shapeOf(el: Element): string | null {
  const names = el.attribs.class?.trim()
  return names ? `${el.name} ${names.replace(/\d+/g, '#')}` : null
}

// The notes after an article ("X and Y contributed to this report", "This story first appeared
// in ...") are short, and set apart from it by a rule: "___", "* * *".
const MAX_NOTE_CHARS = 400
const MAX_NOTES = 3
// A body this long at least (kept blocks) has notes to lose.
const MIN_BLOCKS_WITH_NOTES = 4
// A note under a drawn rule ('<hr>') in a box of its own may be longer: a company's profile under its press release.
const MAX_RULED_NOTE_CHARS = 1200
// A rule: a block without a letter or a digit.
const RULE = /^[^\p{L}\p{N}]+$/u

/**
 * Drops the notes at the end of the body, told by how they are set, never by their words: a rule
 * and the few short blocks after it. (Notes in italics are no such sign: the benchmarks' articles
 * keep their italic disclaimers and copyright lines.)
 */
function dropEndNotes(blocks: readonly Block[], keep: boolean[]): void {
  const kept: number[] = []
  for (let n = 0; n < blocks.length; n++) if (keep[n]) kept.push(n)
  if (kept.length < MIN_BLOCKS_WITH_NOTES) return
  const isNote = (b: Block): boolean => !b.heading && b.text.length <= MAX_NOTE_CHARS
  // "___" then "... contributed to this report": the rule and what follows it go
  for (let k = kept.length - 1; k >= Math.max(1, kept.length - 1 - MAX_NOTES); k--) {
    const b = blocks[kept[k] as number] as Block
    if (RULE.test(b.text)) {
      for (const n of kept.splice(k)) keep[n] = false
      break
    }
    if (!isNote(b)) break
  }
  // '<div><hr><p>About the company ...</p></div>' after the body: a drawn rule and a box of
  // its own set the notes apart (a rule between the body's own paragraphs does not)
  const body = mainContainer(blocks, kept)
  for (let k = kept.length - 1; k >= Math.max(1, kept.length - 1 - MAX_NOTES); k--) {
    const b = blocks[kept[k] as number] as Block
    if (b.heading || b.text.length > MAX_RULED_NOTE_CHARS) break
    if (b.afterRule && parentOf(b.owner) !== body) {
      for (const n of kept.splice(k)) keep[n] = false
      break
    }
  }
}

// Italics set a sign-off apart when they hold this share of its text outside links at least.
const MIN_ITALIC_SHARE = 0.8
const socialHosts = lazy(() => new Set(loadLexicon<EntryFile<{ host: string }>>('extract/social-hosts.json').entries.map((e) => e.host)))
// A link to one post, video or photo on a network is a citation: '/status/123', '/p/Cx1', '/watch?v='.
const ONE_POST = /\/(?:status|statuses|p|reel|posts?|watch|video|photos?)(?:[/?]|$)/i

// A link that shares the page on a network is an action, no profile: '/intent/tweet', '/sharer/sharer.php', '/shareArticle'.
const SHARE_ACTION = /^\/(?:intent|sharer?|shareArticle|share-offsite)(?:[/.?]|$)/i

/** Whether a link's target is a profile page on a social network: 'https://twitter.com/nytopinion'. */
function isProfileLink(href: string): boolean {
  const m = /^(?:https?:)?\/\/(?:www\.|m\.|mobile\.)?([^/?#:]+)(.*)$/i.exec(href.trim())
  if (!m) return false
  return socialHosts().has((m[1] as string).toLowerCase()) && !ONE_POST.test(m[2] as string) && !SHARE_ACTION.test(m[2] as string)
}

/**
 * Drops the sign-off under an article: a run of short notes at its end, set in italics, one
 * of which points readers to the outlet's or the author's profiles on social networks
 * ('<p><i>Follow the desk on </i><a href="https://www.instagram.com/...">Instagram</a></p>').
 * Told by the typesetting and where the links go, never by the words; an italic credit or
 * a "first published in" line without such links stays.
 */
function dropSignOff(page: WalkedPage, keep: boolean[]): void {
  const { blocks, info, elements } = page
  const run: number[] = []
  let social = false
  for (let n = blocks.length - 1; n >= 0 && run.length < MAX_NOTES; n--) {
    if (!keep[n]) continue
    const b = blocks[n] as Block
    // the walk counts runs of text without the spaces around them, so spaces are left out here too
    const plain = b.text.replace(/\s+/g, '').length - b.linkChars
    const italic = b.italicChars > 0 && b.italicChars >= plain * MIN_ITALIC_SHARE
    if (b.heading || b.text.length > MAX_NOTE_CHARS || !italic) break
    run.push(n)
    const own = info.get(b.owner) as ElementInfo
    for (let e = own.pre; e <= own.last && !social; e++) {
      const a = elements[e] as Element
      social = a.name === 'a' && !!a.attribs.href && isProfileLink(a.attribs.href)
    }
  }
  if (social && run.length < blocks.filter((_, n) => keep[n]).length) for (const n of run) keep[n] = false
}

// An author's box under the article: a picture, a name, a few lines about them and their profiles.
const MAX_PROFILE_BOX_CHARS = 600
// How far above a block the author's box is looked for.
const MAX_PROFILE_LEVELS = 3

/**
 * Drops the boxes at the end of the body that present a person: a small box of its own (never
 * the body's container) that links to a profile on a social network ('<div><img><p>Ana Ruiz
 * covers science ...</p><a href="https://twitter.com/...">'). A paragraph of the body that cites
 * a post or a profile sits in the body's container and stays.
 */
function dropProfileBoxes(page: WalkedPage, best: Element, keep: boolean[]): void {
  const { blocks, info, elements } = page
  const kept: number[] = []
  for (let n = 0; n < blocks.length; n++) if (keep[n]) kept.push(n)
  if (kept.length < 2) return
  const body = mainContainer(blocks, kept)
  const bestInfo = info.get(best) as ElementInfo
  let k = kept.length - 1
  while (k > 0) {
    const b = blocks[kept[k] as number] as Block
    let found: ElementInfo | null = null
    let box = parentOf(b.owner)
    for (let level = 0; box && box !== body && level < MAX_PROFILE_LEVELS; level++, box = parentOf(box)) {
      const i = info.get(box) as ElementInfo
      if ((i.pre <= bestInfo.pre && i.last >= bestInfo.last) || i.chars > MAX_PROFILE_BOX_CHARS || i.last - i.pre > MAX_BOX_ELEMENTS) break
      let social = false
      for (let e = i.pre + 1; e <= i.last && !social; e++) {
        const a = elements[e] as Element
        social = a.name === 'a' && !!a.attribs.href && isProfileLink(a.attribs.href)
      }
      if (social) found = i
    }
    if (!found) break
    // the whole box goes, and the search goes on before it (two authors, two boxes)
    const { pre, last } = found
    const inBox = (at: number): boolean => at >= pre && at <= last
    while (k > 0 && inBox((blocks[kept[k] as number] as Block).at)) keep[kept[k--] as number] = false
  }
}

/** The element that holds most of the kept text as its children's: where the body's paragraphs sit. */
function mainContainer(blocks: readonly Block[], kept: readonly number[]): Element | null {
  const chars = new Map<Element | null, number>()
  let best: Element | null = null
  let most = 0
  for (const n of kept) {
    const b = blocks[n] as Block
    const up = parentOf(b.owner)
    const sum = (chars.get(up) ?? 0) + b.text.length
    chars.set(up, sum)
    if (sum > most) [best, most] = [up, sum]
  }
  return best
}

/** Whether a block inside the root reads as the article's text, headings by the same rule as paragraphs. */
function readsAsText(b: Block, page: WalkedPage): boolean {
  if (b.heading === 1) return false
  // a heading that is a link stays only over kept text: the orphan pass decides
  if (b.heading) return true
  if (b.linkChars <= b.text.length * MAX_BLOCK_LINK_SHARE) return true
  // "<p><a href=...>The full report is on the ministry's site.</a></p>": a sentence that is one link
  if (b.heading || b.owner.name !== 'p' || b.text.length < MIN_LINKED_SENTENCE || !endsSentence(b.text)) return false
  const { pre, last } = page.info.get(b.owner) as ElementInfo
  let links = 0
  for (let n = pre; n <= last; n++) if ((page.elements[n] as Element).name === 'a') links++
  return links === 1
}

/**
 * Captions stay where they carry the story: a slideshow whose captions hold more text
 * than the paragraphs around them. Elsewhere they describe a picture and go.
 */
function keepCaptions(blocks: readonly Block[], keep: boolean[], excluded: (el: Element) => boolean, inRegion: (b: Block) => boolean): void {
  let captions = 0
  let prose = 0
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (!inRegion(b)) continue
    if (b.caption && !excluded(b.owner)) captions += b.text.length - b.linkChars
    else if (keep[n]) prose += b.text.length - b.linkChars
  }
  if (captions <= prose) return
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (inRegion(b) && b.caption && !excluded(b.owner) && b.linkChars <= b.text.length * MAX_BLOCK_LINK_SHARE) keep[n] = true
  }
}

/**
 * A heading labels its section, up to the next heading of its rank or higher: where nothing
 * of that section was kept (a "you may also like" over a list of links, a form's title), the
 * heading goes with it.
 */
function dropOrphanHeadings(blocks: readonly Block[], keep: boolean[]): void {
  // seen[level]: whether a kept text block follows, inside the section a heading of that level would open
  // dropped[level]: whether text of that section was dropped; a heading over pictures alone stays
  const seen = [false, false, false, false, false, false, false]
  const dropped = [false, false, false, false, false, false, false]
  // whether the block right after is a heading that was dropped: a teaser's title
  let teaserNext = false
  for (let n = blocks.length - 1; n >= 0; n--) {
    const b = blocks[n] as Block
    if (!b.heading) {
      if (keep[n]) seen.fill(true)
      else if (b.text.length >= MIN_DROPPED_CHARS) dropped.fill(true)
      teaserNext = false
      continue
    }
    // "<h3>More on this</h3><ul><li><h3><a>...</a></h3></li>...": a heading right over teasers' titles heads them
    if (keep[n] && !seen[b.heading] && (teaserNext || dropped[b.heading] || b.linkChars > b.text.length * MAX_BLOCK_LINK_SHARE)) keep[n] = false
    // a story's title that is a link counts whatever its length: "<h4>More:</h4><ul><li><h4><a>Short title</a></h4>"
    teaserNext = !keep[n] && (b.text.length >= MIN_DROPPED_CHARS || b.linkChars >= b.text.length)
    for (let level = b.heading; level < seen.length; level++) seen[level] = dropped[level] = false
  }
}

/**
 * Whether an element sits in what is never the article: boilerplate, a comment thread, a
 * form, a list that is mostly links (a data table is none). The climb stops at `top`; an element that holds the
 * content root is never excluded ("<div class="post">").
 */
function exclusion(page: WalkedPage, best: Element, top: Element, dataTables: ReadonlySet<Element>): (owner: Element) => boolean {
  const { info } = page
  const bestInfo = info.get(best) as ElementInfo
  const holdsBest = (i: ElementInfo): boolean => i.pre <= bestInfo.pre && i.last >= bestInfo.last
  const verdict = new Map<Element, boolean>()
  return (owner: Element): boolean => {
    const path: Element[] = []
    let out = false
    // the quotation the climb came through: a post quoted from a social network sits in one
    let quote: ElementInfo | null = null
    let el: Element | null = owner
    for (let n = 0; el && n < MAX_CLIMB; n++, el = parentOf(el)) {
      const known = verdict.get(el)
      if (known !== undefined) {
        out = known
        break
      }
      path.push(el)
      const i = info.get(el)
      if (!i) break
      if (i.thread) {
        out = true
        break
      }
      if (el === top) break
      if (holdsBest(i)) continue
      if (el.name === 'blockquote') quote = i
      if (quote && i.kind === 'boilerplate' && isEmbed(el, i, quote)) continue
      if (i.kind === 'boilerplate' || i.kind === 'drop' || el.name === 'form') {
        out = true
        break
      }
      // a data table whose names are links is data, not a menu: '<td><a>Anna Berg</a></td><td>2:31:04</td>'
      if (el !== owner && LIST_TAGS.has(el.name) && !dataTables.has(el) && linkDensity(i) > MAX_CONTAINER_LINK_DENSITY) {
        out = true
        break
      }
    }
    for (const p of path) verdict.set(p, out)
    return out
  }
}

// Share of a wrapper's text that its quotation holds when the wrapper is an embedded post.
const MIN_EMBED_SHARE = 0.8

/**
 * Whether a wrapper named like a share bar (class words only, never page chrome such as
 * <aside>) holds a quoted post: '<div class="social-media-embed"><blockquote class="tweet">'
 * quotes what the article discusses, while a share bar holds no quotation.
 */
function isEmbed(el: Element, i: ElementInfo, quote: ElementInfo): boolean {
  if (CHROME_TAGS.has(el.name) || el.attribs.role !== undefined) return false
  return quote.chars >= i.chars * MIN_EMBED_SHARE
}

// A card or a slot's box holds this many elements at most (a bound on the work, whatever the page).
const MAX_BOX_ELEMENTS = 200
// A story card is small: a title, a summary of a few sentences, a name and a date.
const MAX_CARD_CHARS = 1000
// How far above its title a card's thumbnail link is looked for.
const MAX_CARD_LEVELS = 4

/** The target of the link that is, or holds, or sits in the element. */
function hrefAround(el: Element, page: WalkedPage): string | null {
  let up: Element | null = el
  for (let n = 0; up && n < 3; n++, up = parentOf(up)) if (up.name === 'a' && up.attribs.href) return up.attribs.href
  const { pre, last } = page.info.get(el) as ElementInfo
  for (let n = pre + 1; n <= last; n++) {
    const a = page.elements[n] as Element
    if (a.name === 'a' && a.attribs.href) return a.attribs.href
  }
  return null
}

/** Whether a link leads to a place on the page it is on ('#part-2'): a section's own anchor, never another story. */
function isInPage(href: string): boolean {
  return href.trimStart().startsWith('#')
}

/**
 * Drops the cards that point to other stories after the article ("next", "previous", "more
 * on this"), told by their shape and place, not their words: a heading that is a link, a
 * second link to the same page (the thumbnail) in a small box around it, and nothing of the
 * body after it. A list of products or courses in the middle of a guide has the same shape
 * and stays: the guide's text goes on after it.
 */
function dropStoryCards(page: WalkedPage, keep: boolean[]): void {
  const { blocks, info, elements } = page
  const cards: ElementInfo[] = []
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (!keep[n] || !b.heading || b.linkChars < b.text.length) continue
    const href = hrefAround(b.owner, page)
    if (!href || isInPage(href)) continue
    const own = info.get(b.owner) as ElementInfo
    let box: Element | null = parentOf(b.owner)
    for (let level = 0; box && level < MAX_CARD_LEVELS; level++, box = parentOf(box)) {
      const i = info.get(box) as ElementInfo
      if (i.chars > MAX_CARD_CHARS || i.last - i.pre > MAX_BOX_ELEMENTS) break
      let twin = false
      for (let e = i.pre; e <= i.last && !twin; e++) {
        const a = elements[e] as Element
        // the title's own link wraps the heading or sits inside it
        twin = a.name === 'a' && a.attribs.href === href && !(e >= own.pre && e <= own.last) && !isAncestor(a, b.owner)
      }
      // or one of a row of boxes alike, each titled by a link: '<div class="item"><h3><a>...</a></h3><p>...</p></div>' three times
      if (twin || isCardInRow(box, page)) {
        cards.push(i)
        break
      }
    }
  }
  if (!cards.length) return
  const inCard = (b: Block): boolean => cards.some((c) => b.at >= c.pre && b.at <= c.last)
  // from the end of the body back to its last block that is no card; a body that is all cards
  // (a page of sections, each titled by a link to its own page) is no article followed by teasers
  const trailing: number[] = []
  let body = false
  for (let n = blocks.length - 1; n >= 0 && !body; n--) {
    if (!keep[n]) continue
    if (inCard(blocks[n] as Block)) trailing.push(n)
    else body = true
  }
  if (body) for (const n of trailing) keep[n] = false
}

// A row of story cards has this many boxes alike at least.
const MIN_CARDS_IN_ROW = 3

/**
 * Whether a heading that is all link, to another page, sits in the element: a card's title.
 * A heading linked to its own anchor ('<h2><a href="#part-2">') titles a section of the page.
 */
function hasLinkedTitle(el: Element, page: WalkedPage): boolean {
  const { pre, last } = page.info.get(el) as ElementInfo
  for (let e = pre; e <= last; e++) {
    const h = page.elements[e] as Element
    if (!/^h[1-6]$/.test(h.name)) continue
    const hi = page.info.get(h) as ElementInfo
    if (hi.chars === 0 || hi.linkChars < hi.chars) continue
    const href = hrefAround(h, page)
    if (href !== null && !isInPage(href)) return true
  }
  return false
}

/**
 * Whether the box is one of a row of boxes alike (same tag, same class) under one parent, each
 * with a title that is a link to another page: a list of other stories, without a thumbnail to tell each card.
 */
function isCardInRow(box: Element, page: WalkedPage): boolean {
  const parent = parentOf(box)
  if (!parent) return false
  let alike = 0
  for (const c of parent.children) {
    if (!isTag(c) || c.name !== box.name || c.attribs.class !== box.attribs.class) continue
    const ci = page.info.get(c) as ElementInfo
    if (ci.chars > MAX_CARD_CHARS || ci.last - ci.pre > MAX_BOX_ELEMENTS || !hasLinkedTitle(c, page)) continue
    if (++alike >= MIN_CARDS_IN_ROW) return true
  }
  return false
}

/** Whether `a` holds `el`. */
function isAncestor(a: Element, el: Element): boolean {
  for (let up = parentOf(el); up; up = parentOf(up)) if (up === a) return true
  return false
}

// A label over a slot that a script fills (an advertisement, a player) is this short at most.
const MAX_SLOT_LABEL = 30
// Elements whose content a script puts there when the page is shown.
const SLOT_TAGS = new Set(['script', 'iframe', 'ins'])
// How far above the label the slot's box is looked for.
const MAX_SLOT_LEVELS = 2

// What shows something without text: a box holding one of these is no empty slot.
const MEDIA_TAGS = new Set(['img', 'picture', 'svg', 'video', 'audio', 'canvas', 'iframe', 'object', 'embed'])

/**
 * Whether an element is a placeholder that a script fills once the page is shown: a <div>
 * with an id and no text, no picture, no child that is more than another empty box
 * ('<div id="ad-slot-3" data-sizes="[[300, 250]]"></div>'). A spacer or a clearing <div> has no id.
 */
function isPlaceholder(el: Element, page: WalkedPage): boolean {
  if (el.name !== 'div' || !el.attribs.id) return false
  const i = page.info.get(el) as ElementInfo
  if (i.chars > 0) return false
  for (let e = i.pre + 1; e <= i.last; e++) if (MEDIA_TAGS.has((page.elements[e] as Element).name)) return false
  return true
}

/**
 * Drops the label of a box that a script fills: '<div><span>Advert</span><br><script>...</script></div>'.
 * Told by the box, whatever the label's language: a little text and a script in it, no more.
 */
function dropSlotLabels(page: WalkedPage, keep: boolean[]): void {
  const { blocks, info, elements } = page
  for (let n = 0; n < blocks.length; n++) {
    const b = blocks[n] as Block
    if (!keep[n] || b.text.length > MAX_SLOT_LABEL || endsSentence(b.text)) continue
    let box: Element | null = b.owner
    for (let level = 0; box && level < MAX_SLOT_LEVELS; level++, box = parentOf(box)) {
      const i = info.get(box) as ElementInfo
      if (i.chars > MAX_SLOT_LABEL || i.last - i.pre > MAX_BOX_ELEMENTS) break
      let slot = false
      for (let e = i.pre + 1; e <= i.last && !slot; e++) {
        const el = elements[e] as Element
        // a heading or an item with an empty anchor box in it ('<h2>Notes<div id="sec-2"></div></h2>') is no label
        slot = SLOT_TAGS.has(el.name) || (!b.heading && !ITEM_TAGS.has(b.owner.name) && isPlaceholder(el, page))
      }
      if (slot) {
        keep[n] = false
        break
      }
    }
  }
}

// A box around a form with this much text at most is the form's prompt: a title and a line or two.
const MAX_FORM_BOX_CHARS = 400
// How far above a block the box around a form is looked for.
const MAX_FORM_LEVELS = 3
// What a reader fills in: a box holding one of these is a form, whether or not a <form> wraps it.
const FIELD_TAGS = new Set(['form', 'input', 'textarea'])
// Boxes to tick are no form: a checklist or a recipe's ingredients set one before each item.
const TICK_TYPES = new Set(['checkbox', 'radio'])
const isField = (el: Element): boolean => FIELD_TAGS.has(el.name) && !(el.name === 'input' && TICK_TYPES.has((el.attribs.type ?? '').toLowerCase()))

/**
 * Drops the prompt of a form: the title and the line beside a sign-up or a search field in a
 * small box of their own ('<div><h3>Get the brief</h3><p>Sign up ...</p><form>...</form></div>').
 * The form itself was left out; its prompt is told by the box it shares with it, in any language.
 */
function dropFormPrompts(page: WalkedPage, best: Element, keep: boolean[]): void {
  const { blocks, info, elements } = page
  const verdict = new Map<Element, boolean>()
  for (let n = 0; n < blocks.length; n++) {
    if (!keep[n]) continue
    let box = parentOf((blocks[n] as Block).owner)
    for (let level = 0; box && box !== best && level < MAX_FORM_LEVELS; level++, box = parentOf(box)) {
      const i = info.get(box) as ElementInfo
      if (i.chars > MAX_FORM_BOX_CHARS || i.last - i.pre > MAX_BOX_ELEMENTS) break
      let form = verdict.get(box)
      if (form === undefined) {
        form = false
        for (let e = i.pre + 1; e <= i.last && !form; e++) form = isField(elements[e] as Element)
        verdict.set(box, form)
      }
      if (form) {
        keep[n] = false
        break
      }
    }
  }
}

/**
 * Drops what ends the body without being part of it: a heading with only short labels
 * under it ('<h3>Have your say</h3><p><span>12</span> replies</p>' over a comment box that a script fills).
 */
function dropTrailingLabels(blocks: readonly Block[], keep: boolean[]): void {
  // the labels seen since the last heading, from the end
  const dropped: number[] = []
  for (let n = blocks.length - 1; n >= 0; n--) {
    if (!keep[n]) continue
    const b = blocks[n] as Block
    if (b.heading) {
      // a heading alone at the end may head a picture, a table of contents or a closing line
      if (!dropped.length) break
      dropped.push(n)
      for (const d of dropped) keep[d] = false
      dropped.length = 0
      continue
    }
    // the last items of a list are short by nature: "- lyocell", "Patagonia"
    if (ITEM_TAGS.has(b.owner.name) || b.text.length >= MIN_DROPPED_CHARS || endsSentence(b.text)) break
    dropped.push(n)
  }
}

// Meta tags that carry the page's summary.
const SUMMARY_KEYS = new Set(['description', 'og:description', 'twitter:description'])

/**
 * The page's summary as its meta tags give it: a block beside the body that says the same is
 * the summary shown over the article (a press release's "quote" box), not a lead paragraph.
 */
function pageSummaries(page: WalkedPage): Set<string> {
  const out = new Set<string>()
  for (const el of page.elements) {
    if (el.name !== 'meta') continue
    const key = (el.attribs.property ?? el.attribs.name ?? '').toLowerCase()
    if (SUMMARY_KEYS.has(key) && el.attribs.content) out.add(fold(el.attribs.content))
  }
  return out
}
