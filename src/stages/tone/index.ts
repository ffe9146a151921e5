import { type Doc, need, withLayer } from '../../core/doc.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { PipelineStage } from '../context.js'

interface ToneWords {
  readonly positive: readonly string[]
  readonly negative: readonly string[]
}

const lists = lazy(() => {
  const w = loadLexicon<ToneWords>('tone/words.json')
  return { positive: new Set(w.positive), negative: new Set(w.negative) }
})

/**
 * The `tone` stage: the article's tone as in GDELT, percentage of positive words minus
 * percentage of negative words, from the tone word lists (about -10 to +10 in news).
 *
 * @example
 *   createToneStage()
 */
export function createToneStage(): PipelineStage {
  return {
    name: 'tone',
    needs: ['tokens'],
    provides: ['tone'],
    run(doc: Doc): Doc {
      const tokens = need(doc, 'tokens', 'tone')
      let words = 0
      let pos = 0
      let neg = 0
      for (const t of tokens) {
        if (t.pos === 'PUNCT') continue
        words++
        const w = doc.text.slice(t.start, t.end).toLowerCase()
        if (lists().positive.has(w)) pos++
        else if (lists().negative.has(w)) neg++
      }
      const tone = words ? Math.round(((100 * (pos - neg)) / words) * 100) / 100 : 0
      return withLayer(doc, 'tone', tone)
    },
  }
}
