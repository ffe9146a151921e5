import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Arc } from '../../core/types.js'
import { sentenceTokenRanges } from '../segment/index.js'
import { parseSentence } from './heuristic-parser.js'

/**
 * The `syntax` stage: a labelled dependency parse per sentence (the `parse` layer, one
 * arc per token; the output model shows it as `head` and `dep` on each token).
 *
 * @example
 *   createSyntaxStage()
 */
export function createSyntaxStage(): Stage {
  return {
    name: 'syntax',
    needs: ['tokens', 'sentences'],
    provides: ['parse'],
    run(doc: Doc): Doc {
      const tokens = need(doc, 'tokens', 'syntax')
      const sentences = need(doc, 'sentences', 'syntax')
      const arcs: Arc[] = []
      for (const r of sentenceTokenRanges(tokens, sentences.length)) arcs.push(...parseSentence(doc.text, tokens, r.start, r.end))
      return withLayer(doc, 'parse', arcs)
    },
  }
}
