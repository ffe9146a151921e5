import type { Element } from 'domhandler'
import { isTag } from 'domhandler'
import type { Block, ElementInfo, WalkedPage } from './01-walk.js'

// Siblings of one shape that make a thread: three comments or more.
const MIN_ITEMS = 3
// Share of the repeated siblings that must look like comments.
const MIN_COMMENT_SHARE = 0.6
// A short block with a digit in it is a date or a time: "12 March 2024 at 10:14", "3 h".
const MAX_STAMP_CHARS = 60
// A link this short is an action on the comment ("Reply", "Antworten", "Responder"), not a citation.
const MAX_ACTION_CHARS = 24
// A year, an hour or a day and month written with digits: "2024", "10:14", "12.03.", "3/12/24" (not a price, "74.99").
const STAMP = /(?:19|20)\d\d|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]/
// The header of a comment is among its first blocks.
const HEADER_BLOCKS = 3
// Items larger than this (in elements) are sections of a page, not comments.
const MAX_ITEM_ELEMENTS = 3000

// A name has this many letters at least.
const MIN_VOICE_CHARS = 2
// A live blog's entries come from few writers: the most frequent name signs this share of them at least.
const MIN_ONE_VOICE_SHARE = 0.6

/**
 * Whether a run of dated posts comes from one voice: most of them signed by the same name, as
 * a live blog's entries are by its reporter (a thread of reader comments has many names).
 * Told by the repetition, in any language; posts without a name never count as one voice.
 */
function oneVoice(voices: ReadonlyMap<string, number>, posts: number): boolean {
  let most = 0
  for (const n of voices.values()) most = Math.max(most, n)
  return posts >= MIN_ITEMS && most >= posts * MIN_ONE_VOICE_SHARE
}

/** The shape of an element as its siblings share it: tag and class names. */
const shapeOf = (el: Element): string => {
  const names = el.attribs.class
  if (!names) return el.name
  return `${el.name} ${(/\d/.test(names) ? names.replace(/\d+/g, '#') : names).trim()}`
}

/** What one repeated sibling holds, read from the elements and blocks inside it. */
interface ItemFacts {
  /** Who wrote it, as its header prints it without numbers: the author's name, folded. */
  voice: string
  heading: boolean
  stamp: boolean
  action: boolean
  prose: number
}

/**
 * Marks reader comments, told by their structure rather than their length or their words:
 * three siblings or more of one shape, each with a date or time among its first blocks,
 * an avatar or a short action link or button (reply, like), no heading, and some text
 * after its header. A live blog's entries carry headings or no actions, or are signed by one
 * name again and again; an article's paragraphs carry no dates; so both stay.
 */
export function markThreads(page: WalkedPage): void {
  const { elements, info, blocks } = page
  const byOwner = blocksByOwner(blocks)
  for (const el of elements) {
    const i = info.get(el)
    if (!i || i.kind === 'drop' || i.last - i.pre < MIN_ITEMS) continue
    let tags = 0
    for (const c of el.children) if (isTag(c)) tags++
    if (tags < MIN_ITEMS) continue
    const groups = new Map<string, Element[]>()
    for (const c of el.children) {
      if (!isTag(c)) continue
      const key = shapeOf(c)
      const g = groups.get(key)
      if (g) g.push(c)
      else groups.set(key, [c])
    }
    for (const items of groups.values()) {
      if (items.length < MIN_ITEMS) continue
      let comments = 0
      const voices = new Map<string, number>()
      for (const item of items) {
        const facts = factsOf(item, page, byOwner)
        if (facts && !facts.heading && facts.stamp && facts.action && facts.prose > 0) {
          comments++
          if (facts.voice.length >= MIN_VOICE_CHARS) voices.set(facts.voice, (voices.get(facts.voice) ?? 0) + 1)
        }
      }
      const least = Math.max(MIN_ITEMS, items.length * MIN_COMMENT_SHARE)
      // the comments are marked, not their parent: the article may share it
      if (comments >= least && !oneVoice(voices, comments)) for (const item of items) (info.get(item) as ElementInfo).thread = true
    }
  }
  // everything inside a thread is part of it: one long comment is never the article
  let until = -1
  for (let n = 0; n < elements.length; n++) {
    const i = info.get(elements[n] as Element) as ElementInfo
    if (n <= until) i.thread = true
    else if (i.thread) until = i.last
  }
}

/** The blocks in the pre-order of their owners (a parent's tail text is flushed after its children), for range look-ups. */
function blocksByOwner(blocks: readonly Block[]): { sorted: Block[]; first: (pre: number) => number; order: Map<Block, number> } {
  const sorted = [...blocks].sort((x, y) => x.at - y.at)
  const order = new Map(blocks.map((b, n) => [b, n]))
  const first = (pre: number): number => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((sorted[mid] as Block).at < pre) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return { sorted, first, order }
}

function factsOf(item: Element, page: WalkedPage, byOwner: ReturnType<typeof blocksByOwner>): ItemFacts | null {
  const { elements, info } = page
  const blocks = byOwner.sorted
  const r = info.get(item) as ElementInfo
  if (r.last - r.pre > MAX_ITEM_ELEMENTS) return null
  const facts: ItemFacts = { voice: '', heading: false, stamp: false, action: false, prose: 0 }
  let first: Block | null = null
  let firstOrder = Number.POSITIVE_INFINITY
  for (let n = r.pre; n <= r.last; n++) {
    const el = elements[n] as Element
    if (el.name === 'time') facts.stamp = true
    else if (el.name === 'img' || el.name === 'button') facts.action = true
    else if (/^h[1-6]$/.test(el.name)) facts.heading = true
  }
  // a comment opens with its header: the author's name and a date or a time
  let seen = 0
  for (let b = byOwner.first(r.pre); b < blocks.length && (blocks[b] as Block).at <= r.last; b++, seen++) {
    const block = blocks[b] as Block
    const stamp = seen < HEADER_BLOCKS && block.text.length <= MAX_STAMP_CHARS && STAMP.test(block.text)
    if (stamp) facts.stamp = true
    // the header is the item's first text as read (a tail "Reply" link sorts first by its owner, not as read)
    const order = byOwner.order.get(block) ?? 0
    if (order < firstOrder) [firstOrder, first] = [order, block]
    if (block.linkChars > 0 && block.linkChars <= MAX_ACTION_CHARS && block.linkChars === block.text.length) facts.action = true
    else if (!stamp && seen > 0) facts.prose += block.text.length - block.linkChars
  }
  // the author's name: the header line without its date ("Sam Lee · 09:05")
  if (first && first.text.length <= MAX_STAMP_CHARS) facts.voice = voiceOf(first.text)
  return facts
}

/** A header line without its numbers and marks, folded: "Sam Lee · 09:05" and "Sam Lee 10:15" are one voice. */
const voiceOf = (text: string): string =>
  text
    .replace(/[^\p{L}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

/**
 * Reads the page's threads as its content: where nothing outside them holds prose, the posts
 * are what the page is for (a forum thread, a question and its answers). Returns whether there
 * was a thread to read so.
 */
export function unmarkThreads(page: WalkedPage): boolean {
  let any = false
  for (const i of page.info.values()) {
    if (!i.thread) continue
    i.thread = false
    any = true
  }
  return any
}
