import { type Block, parentOf, proseWeight } from './01-walk.js'

/** What to do with a block beside the content root: keep it, step over it, or end the region there. */
export type Verdict = 'keep' | 'skip' | 'stop'

// A paragraph beside the root: this long without its links, and at most this share in links.
const MIN_BESIDE_CHARS = 100
const MAX_BESIDE_LINK_SHARE = 0.3
// Tags of the items of a list or a table: "200 g flour", "Team A 3–1 Team B".
export const ITEM_TAGS: ReadonlySet<string> = new Set(['li', 'td', 'th', 'dd', 'dt'])
// Sentence ends in the scripts sitrep meets: Latin, Greek, Arabic, Devanagari, CJK.
const SENTENCE_END = /[.!?…。！？؟।;:"”')\]]$/u

/** Whether a text ends as a sentence does, in any script (no words of any language). */
export const endsSentence = (text: string): boolean => SENTENCE_END.test(text.trimEnd())

// A list or a table has this many items or rows at least: one <li> alone is a byline or a label.
const MIN_ITEMS = 3

/** Whether the block sits in a list item or a table cell (up to three levels above it) of a list of three items or more. */
function inItem(b: Block): boolean {
  let el: ReturnType<typeof parentOf> = b.owner
  for (let n = 0; el && n < 3; n++, el = parentOf(el)) {
    if (!ITEM_TAGS.has(el.name)) continue
    const list = el.name === 'td' || el.name === 'th' ? parentOf(parentOf(el) ?? el) : parentOf(el)
    return !!list && list.children.filter((c) => c.type === 'tag').length >= MIN_ITEMS
  }
  return false
}

/**
 * The verdict on a block next to the content root, from its own features only (no word of
 * its text): a paragraph of prose with few links is kept, so is an item of a list or a
 * table without links (ingredients, results) and a heading without links (whether it stays
 * depends on what follows it); the page's <h1> ends the region; anything else is stepped over.
 * After the body (`after`), paragraphs are stepped over: there the author's note, the
 * newsletter box and the disclaimer stand, while an ingredients list or a results table
 * that follows an introduction is still kept.
 */
export function besideVerdict(b: Block, after: boolean): Verdict {
  if (b.heading === 1) return 'stop'
  const plain = proseWeight(b)
  if (b.heading) return b.linkChars === 0 ? 'keep' : 'skip'
  if (b.linkChars === 0 && inItem(b)) return 'keep'
  // after the body come the author's note, the newsletter, the disclaimer: lists and tables only
  if (after) return 'skip'
  if (plain >= MIN_BESIDE_CHARS && b.linkChars <= b.text.length * MAX_BESIDE_LINK_SHARE && endsSentence(b.text)) return 'keep'
  return 'skip'
}
