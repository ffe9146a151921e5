import type { Element } from 'domhandler'
import { type Block, type ElementInfo, parentOf, type WalkedPage } from './01-walk.js'
import { type ContentRoot, linkDensity } from './02-content-root.js'

// Containers whose text is mostly links are menus and teaser lists: "<ul><li><a>Top stories</a>...".
const MAX_CONTAINER_LINK_DENSITY = 0.5
const LIST_TAGS = new Set(['ul', 'ol', 'dl', 'table', 'div', 'section', 'nav', 'menu'])
// Up to this many levels are checked between a block and the content root.
const MAX_CLIMB = 200

/**
 * The text blocks of the article body: inside the content root, outside boilerplate
 * (share bars, teaser lists, captions), not link lists, not the page's <h1> title.
 */
export function bodyBlocks(page: WalkedPage, root: ContentRoot): Block[] {
  const { info, blocks } = page
  if (!root.kept.length) return []
  const ranges = root.kept.map((el) => info.get(el) as ElementInfo)
  const bestInfo = root.best ? info.get(root.best) : undefined
  const keptSet = new Set(root.kept)
  // an element that holds the best text block is never boilerplate: "<div class="post">"
  const holdsBest = (i: ElementInfo): boolean => bestInfo !== undefined && i.pre <= bestInfo.pre && i.last >= bestInfo.last
  const verdict = new Map<Element, boolean>()
  const excluded = (owner: Element): boolean => {
    const path: Element[] = []
    let out = false
    let el: Element | null = owner
    for (let n = 0; el && n < MAX_CLIMB; n++, el = parentOf(el)) {
      const known = verdict.get(el)
      if (known !== undefined) {
        out = known
        break
      }
      path.push(el)
      if (keptSet.has(el)) break
      const i = info.get(el)
      if (!i) break
      if (holdsBest(i)) continue
      if (i.kind === 'boilerplate' || i.kind === 'drop') {
        out = true
        break
      }
      if (el !== owner && LIST_TAGS.has(el.name) && linkDensity(i) > MAX_CONTAINER_LINK_DENSITY) {
        out = true
        break
      }
    }
    for (const p of path) verdict.set(p, out)
    return out
  }
  return blocks.filter((b) => {
    if (!ranges.some((r) => b.at >= r.pre && b.at <= r.last)) return false
    if (b.heading === 1) return false
    // "READ MORE: <a>Kremlin reveals details of Putin-Netanyahu call</a>"
    if (b.linkChars > b.text.length * 0.6 && !b.heading) return false
    return !excluded(b.owner)
  })
}
