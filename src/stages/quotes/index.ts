import { type Doc, need, withLayer } from '../../core/doc.js'
import { indexSpans } from '../../core/spans.js'
import type { Quote } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { quoteMarks } from './01-marks.js'
import { createReader } from './02-speakers.js'
import { attributeDirect } from './03-direct.js'
import { mergeFragments } from './04-merge.js'
import { indirectQuotes, modelQuotes } from './05-indirect.js'
import { defaultAttributionTagger } from './attribution-model.js'

export { quoteMarks } from './01-marks.js'

/**
 * The `quotes` stage: direct quotes (straight and curly marks, partial quotes, quotes
 * over several paragraphs, fragments split by their attribution) and indirect speech
 * ("Lavrov said Moscow ..."), with cue verb, speaker phrase (pronouns resolved to the
 * last named person) and the secondary source ("as cited by TASS").
 *
 * @example
 *   createQuotesStage()
 */
export function createQuotesStage(): PipelineStage {
  return {
    name: 'quotes',
    needs: ['tokens', 'sentences', 'entities', 'actors'],
    provides: ['quotes'],
    run(doc: Doc): Doc {
      const marks = quoteMarks(doc.text)
      const reader = createReader(doc.text, need(doc, 'tokens', 'quotes'), need(doc, 'entities', 'quotes'), need(doc, 'actors', 'quotes'), () => marks)
      // candidates: every pair of marks with its attribution; refiners: join fragments, drop labels
      const candidates = attributeDirect(reader, marks)
      const direct = mergeFragments(doc.text, candidates)
      const directCues = new Set(candidates.flatMap((c) => (c.cueIndex === null ? [] : [c.cueIndex])))
      // the word-list rules first (precise on "X said Y" and "..., sources said"), then what only the
      // trained taggers find: stances without a speech verb ("Clinton laid out her proposals")
      const tagger = defaultAttributionTagger()
      const rules = indirectQuotes(reader, marks, directCues)
      const learned = tagger ? modelQuotes(reader, tagger, marks, directCues) : []
      const ruleSpans = indexSpans(rules)
      const indirect = [...rules, ...learned.filter((q) => ruleSpans.overlapping(q.start, q.end).length === 0)]
      const quotes: Quote[] = [...direct, ...indirect]
      quotes.sort((a, b) => a.start - b.start)
      return withLayer(doc, 'quotes', quotes)
    },
  }
}
