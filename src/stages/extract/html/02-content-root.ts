import type { Element } from 'domhandler'
import { type Block, parentOf, SUM_DEPTH, type WalkedPage } from './01-walk.js'

/** The elements whose blocks make the article body, and the best-scoring one among them. */
export interface ContentRoot {
  readonly best: Element | null
  readonly kept: readonly Element[]
}

// A block shorter than this (without its links) is a label, not a paragraph.
const MIN_PARAGRAPH_CHARS = 25
// How far up the tree a paragraph's score is shared, and with what weight per level.
const SHARE_LEVELS = 5
const shareWeight = (level: number): number => (level === 0 ? 1 : level === 1 ? 0.5 : 1 / (level * 3))
const PARAGRAPH_OWNERS = new Set(['p', 'pre', 'blockquote', 'li', 'dd', 'dt', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const KIND_WEIGHT = { content: 1.6, plain: 1, boilerplate: 0.2, drop: 0 } as const
// Sibling blocks of the best one join the body above this share of its score.
const SIBLING_SHARE = 0.2

/** How much a run of text looks like article prose: commas and length, as a reader would judge. */
function paragraphScore(block: Block): number {
  const plain = block.text.length - block.linkChars
  if (plain < MIN_PARAGRAPH_CHARS || block.heading) return 0
  const commas = (block.text.match(/[,，、،]/g) ?? []).length
  return 1 + commas + Math.min(plain / 100, 3)
}

/**
 * Finds the element that holds the article: every paragraph passes its score to the
 * elements above it, each candidate is weighed by its link density and its class words,
 * and siblings of the winner that also look like prose are kept with it.
 */
export function findContentRoot(page: WalkedPage): ContentRoot {
  const { info, blocks } = page
  for (const block of blocks) {
    const plain = block.text.length
    let el: Element | null = block.owner
    for (let level = 0; el && level < SUM_DEPTH; level++, el = parentOf(el)) {
      const i = info.get(el)
      if (!i) break
      i.chars += plain
      i.linkChars += block.linkChars
    }
    const score = paragraphScore(block)
    if (!score) continue
    // "<div class="text">First para<br><br>Second para</div>": the div is itself a candidate
    el = PARAGRAPH_OWNERS.has(block.owner.name) ? parentOf(block.owner) : block.owner
    for (let level = 0; el && level < SHARE_LEVELS; level++, el = parentOf(el)) {
      const i = info.get(el)
      if (i) i.score += score * shareWeight(level)
    }
  }
  let best: Element | null = null
  let bestScore = 0
  for (const [el, i] of info) {
    if (!i.score) continue
    const final = i.score * (1 - linkDensity(i)) * KIND_WEIGHT[i.kind]
    i.score = final
    if (final > bestScore) [best, bestScore] = [el, final]
  }
  if (!best) return { best: null, kept: [] }
  const parent = parentOf(best)
  if (!parent) return { best, kept: [best] }
  const kept: Element[] = []
  for (const sib of parent.children) {
    if (sib === best) {
      kept.push(best)
      continue
    }
    const i = info.get(sib as Element)
    if (!i || i.kind === 'drop' || i.kind === 'boilerplate') continue
    if (i.score >= bestScore * SIBLING_SHARE) kept.push(sib as Element)
  }
  return { best, kept }
}

/** Share of an element's text that sits inside links. */
export const linkDensity = (i: { chars: number; linkChars: number }): number => (i.chars ? i.linkChars / i.chars : 0)
