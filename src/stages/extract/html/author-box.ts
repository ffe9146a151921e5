import type { Element } from 'domhandler'
import { type Block, type ElementInfo, parentOf, type WalkedPage } from './01-walk.js'
import { ITEM_TAGS } from './block-rules.js'

// An author's box holds a name, a title and a few lines about them: this much text at most.
const MAX_AUTHOR_BOX_CHARS = 1500
// The box is among the last blocks of the body: this many at most.
const MAX_TAIL_BLOCKS = 5
// How far above the note its box is looked for.
const MAX_BOX_LEVELS = 6
// What may stand over the note in its box: a name, a title ("Contributing writer").
const MAX_LABEL_CHARS = 60
// The first name of the byline: a word of three letters or more ("Ana" in "Ana Ruiz, Staff Writer").
const FIRST_NAME = /^\p{L}[\p{L}\p{M}'’-]{2,}/u

/**
 * Drops the box about the author under the article, or over it: a few blocks at an end of the body, in a box of
 * their own that the body's prose does not share, that open with the name the byline gives
 * ('<div class="bio"><p>Ana Ruiz covers science for ...</p></div>' under a page signed "Ana
 * Ruiz"). Told by where the box stands and by the page's own metadata, in any language; a last
 * paragraph of the body that names the author shares its box with the body's prose and stays.
 */
export function dropAuthorBox(page: WalkedPage, root: Element | null, blocks: readonly Block[], byline: string | null): Block[] {
  const name = byline ? FIRST_NAME.exec(byline.trim())?.[0] : undefined
  if (!name || !root || blocks.length < 2) return [...blocks]
  const rootInfo = page.info.get(root) as ElementInfo
  const holdsRoot = (i: ElementInfo): boolean => i.pre <= rootInfo.pre && i.last >= rootInfo.last
  // the last blocks first, then the first ones: a note on the author over the body ("Ana covers science ...")
  const tail = Array.from({ length: Math.min(MAX_TAIL_BLOCKS, blocks.length - 1) }, (_, j) => blocks.length - 1 - j)
  const head = Array.from({ length: Math.min(MAX_TAIL_BLOCKS, blocks.length - 1) }, (_, j) => j)
  for (const k of [...tail, ...head]) {
    const b = blocks[k] as Block
    // an item of a list is the body's own: "Why we are the experts" over a list about the author
    if (!startsWithName(b.text, name) || ITEM_TAGS.has(b.owner.name)) continue
    // the widest box around the note that stays small and apart from the body
    let box: ElementInfo | null = null
    let el: Element | null = parentOf(b.owner)
    for (let level = 0; el && level < MAX_BOX_LEVELS; level++, el = parentOf(el)) {
      const i = page.info.get(el) as ElementInfo
      if (holdsRoot(i) || i.chars > MAX_AUTHOR_BOX_CHARS) break
      // one of a row of boxes alike is a question of a FAQ or a card, never the author's box
      if (inRow(el)) {
        box = null
        break
      }
      box = i
    }
    if (!box) continue
    const { pre, last } = box
    // the note opens the box, under a name or a title at most ('<p>Staff writer</p>'): a box that holds prose before it is the body's
    if (blocks.some((x, j) => j < k && x.at >= pre && x.at <= last && x.text.length > MAX_LABEL_CHARS)) continue
    const kept = blocks.filter((x) => x.at < pre || x.at > last)
    // the box ends the body or opens it: nothing of the body's own text stands on its far side
    const inBox = (x: Block): boolean => x.at >= pre && x.at <= last
    if (kept.length && (blocks.slice(k + 1).every(inBox) || blocks.slice(0, k).every(inBox))) return kept
  }
  return [...blocks]
}

/** Whether the box is one of a row of boxes alike under one parent (same tag, same class): a question of a FAQ, a card. */
function inRow(el: Element): boolean {
  const parent = parentOf(el)
  if (!parent) return false
  let alike = 0
  for (const c of parent.children)
    if (c !== el && c.type === 'tag' && (c as Element).name === el.name && (c as Element).attribs.class === el.attribs.class) alike++
  return alike > 0
}

/** Whether the text opens with the name, as a word: "Ana Ruiz is ..." for "Ana", not "Anatomy of ...". */
function startsWithName(text: string, name: string): boolean {
  if (!text.startsWith(name)) return false
  const next = text.charAt(name.length)
  return next === '' || !/[\p{L}\p{N}]/u.test(next)
}
