import type { Element } from 'domhandler'
import { type Block, type ElementInfo, parentOf, type WalkedPage } from './01-walk.js'

// A table of contents lists three sections at least.
const MIN_ENTRIES = 3
// Its own text beside the links is a title at most: "Contents", "On this page", "Índice".
const MAX_TITLE_CHARS = 60
// How far above a block its table of contents is looked for.
const MAX_TOC_LEVELS = 4
// A box this large (in elements) is more than a table of contents.
const MAX_TOC_ELEMENTS = 400

/**
 * Drops what is left of a table of contents: the title and any unlinked label of a box whose
 * links, three at least, all lead to places on the page itself ('<nav><p>Contents</p><ol><li><a
 * href="#part-2">'), and whose text beside them is no more than a title. Its links went with the
 * lists made of links; the title ("On this page", "Sommaire") is told by the box, in any language.
 */
export function dropContentsTitles(page: WalkedPage, keep: boolean[]): void {
  const { blocks, info, elements } = page
  const verdict = new Map<Element, boolean>()
  for (let n = 0; n < blocks.length; n++) {
    if (!keep[n]) continue
    const b = blocks[n] as Block
    if (b.text.length > MAX_TITLE_CHARS) continue
    let box: Element | null = b.owner
    for (let level = 0; box && level < MAX_TOC_LEVELS; level++, box = parentOf(box)) {
      const i = info.get(box) as ElementInfo
      if (i.last - i.pre > MAX_TOC_ELEMENTS || i.chars - i.linkChars > MAX_TITLE_CHARS) break
      let toc = verdict.get(box)
      if (toc === undefined) {
        toc = isContents(i, elements)
        verdict.set(box, toc)
      }
      if (toc) {
        keep[n] = false
        break
      }
    }
  }
}

/** Whether every link in the box leads to a place on the page, and there are enough of them. */
function isContents(i: ElementInfo, elements: readonly Element[]): boolean {
  let inPage = 0
  for (let e = i.pre + 1; e <= i.last; e++) {
    const a = elements[e] as Element
    if (a.name !== 'a' || a.attribs.href === undefined) continue
    if (!a.attribs.href.trimStart().startsWith('#')) return false
    inPage++
  }
  return inPage >= MIN_ENTRIES
}
