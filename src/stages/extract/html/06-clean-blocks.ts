import { fold } from '../text-utils.js'
import type { Block } from './01-walk.js'

/**
 * Drops the headline and the byline where the body repeats them at its top. No list of
 * visible words decides here: what is furniture ("Advertisement", "Share", "Read more") is
 * told by structure and class words in the passes before.
 */
export function cleanBlocks(blocks: readonly Block[], title: string | null, byline: string | null): Block[] {
  const titleKey = title ? fold(title) : null
  const bylineKey = byline ? fold(byline) : null
  const out: Block[] = []
  for (const b of blocks) {
    const key = fold(b.text)
    if (!out.length && (key === titleKey || (bylineKey && key.length < bylineKey.length + 20 && key.includes(bylineKey)))) continue
    out.push(b)
  }
  return out
}
