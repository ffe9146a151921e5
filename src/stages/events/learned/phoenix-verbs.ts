import type { Span } from '../../../core/types.js'
import { lazy, loadLexicon } from '../../../lexicon/load.js'
import type { EventContext } from '../context.js'

/** lexicon/events/phoenix/verbs.json (scripts/convert-phoenix-verbs.ts). */
interface PhoenixVerbFile {
  readonly synsets: Record<string, readonly string[]>
  /** Each verb form: its block's index and its code (null: the dictionary codes no event). */
  readonly forms: Record<string, readonly [number, string | null]>
  /** Each block's patterns: the words after the verb ("&name" a synonym set) and the code. */
  readonly blocks: readonly (readonly [readonly string[], string | null])[][]
}

const verbs = lazy(() => {
  const f = loadLexicon<PhoenixVerbFile>('events/phoenix/verbs.json')
  return {
    forms: new Map(Object.entries(f.forms)),
    blocks: f.blocks,
    synsets: new Map(Object.entries(f.synsets).map(([k, v]) => [k, new Set(v)])),
  }
})

/** What the Phoenix verb dictionary says of a word: its block's code and the code of the longest pattern that fits. */
export interface PhoenixCue {
  /** The verb block's (or the verb's own) code; null when the dictionary codes no event for it. */
  readonly code: string | null
  /** The code of the longest pattern whose words all follow the verb, in order, in the sentence; undefined when none fits. */
  readonly pattern?: string | null
}

// how far after the verb a pattern's words may stand
const PATTERN_WINDOW = 8

/** The Phoenix entry of the word at i (with its particle when it heads a phrasal verb), or null when the dictionary does not list it. */
export function phoenixVerb(ctx: EventContext, i: number, r: Span): PhoenixCue | null {
  const v = verbs()
  // a phrasal verb first, its particle next or one word on ("rounded up", "rounded them up")
  const w = ctx.lower[i] ?? ''
  const form =
    (i + 1 < r.end ? v.forms.get(`${w} ${ctx.lower[i + 1]}`) : undefined) ??
    (i + 2 < r.end ? v.forms.get(`${w} ${ctx.lower[i + 2]}`) : undefined) ??
    v.forms.get(w)
  if (!form) return null
  const [block, code] = form
  let best: readonly [readonly string[], string | null] | undefined
  const end = Math.min(r.end, i + 1 + PATTERN_WINDOW)
  for (const p of v.blocks[block] ?? []) {
    if (best && p[0].length <= best[0].length) continue
    let k = i + 1
    let all = true
    for (const w of p[0]) {
      const set = w.startsWith('&') ? v.synsets.get(w.slice(1)) : undefined
      while (k < end && !(set ? set.has(ctx.lower[k] ?? '') : ctx.lower[k] === w)) k++
      if (k >= end) {
        all = false
        break
      }
      k++
    }
    if (all) best = p
  }
  return best ? { code, pattern: best[1] } : { code }
}
