import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'
import { fold } from '../text-utils.js'
import type { Block } from './01-walk.js'

const debrisLines = lazy(() =>
  loadLexicon<EntryFile<{ pattern: string; kind: string }>>('extract/debris.json')
    .entries.filter((e) => e.kind === 'line')
    .map((e) => new RegExp(e.pattern, 'iu')),
)

/**
 * Drops what sits inside the article's container but is not its text: debris lines
 * ("Advertisement", "READ MORE: ..."), the headline and the byline repeated at the top.
 */
export function cleanBlocks(blocks: readonly Block[], title: string | null, byline: string | null): Block[] {
  const titleKey = title ? fold(title) : null
  const bylineKey = byline ? fold(byline) : null
  const out: Block[] = []
  for (const b of blocks) {
    if (debrisLines().some((re) => re.test(b.text))) continue
    const key = fold(b.text)
    if (!out.length && (key === titleKey || (bylineKey && key.length < bylineKey.length + 20 && key.includes(bylineKey)))) continue
    out.push(b)
  }
  return out
}
