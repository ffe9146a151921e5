import { type Doc, need, withLayer } from '../../core/doc.js'
import { checkDeadline } from '../../core/pipeline.js'
import { sentenceTokenRanges } from '../../core/tokens.js'
import type { Arc, Token } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { type DependencyParser, defaultParser, PARSER_ACTIONS_PATH } from './transition-parser.js'

/** Options of the syntax stage. */
export interface SyntaxOptions {
  /** The dependency parser; the committed EWT model by default. */
  readonly parser?: DependencyParser
}

/**
 * The `syntax` stage: a labelled dependency parse per sentence (the `parse` layer, one
 * arc per token; the output model shows it as `head` and `dep` on each token), by the
 * greedy arc-hybrid parser trained on UD English-EWT (scripts/train-parser.ts).
 *
 * @example
 *   createSyntaxStage()
 */
export function createSyntaxStage(options: SyntaxOptions = {}): PipelineStage {
  return {
    name: 'syntax',
    needs: ['tokens', 'sentences'],
    provides: ['parse'],
    run(doc: Doc, ctx): Doc {
      const tokens = need(doc, 'tokens', 'syntax')
      const sentences = need(doc, 'sentences', 'syntax')
      const parser = options.parser ?? defaultParser()
      if (!parser) throw new TypeError(`the parser model is missing (${PARSER_ACTIONS_PATH}): run "npm run train:parser"`)
      const arcs: Arc[] = []
      for (const r of sentenceTokenRanges(tokens, sentences.length)) {
        checkDeadline(ctx, 'in the syntax stage')
        const words: string[] = []
        const tags: string[] = []
        for (let i = r.start; i < r.end; i++) {
          const t = tokens[i] as Token
          words.push(doc.text.slice(t.start, t.end))
          tags.push(t.pos)
        }
        const parsed = parser.parse(words, tags)
        for (let i = 0; i < words.length; i++) {
          const h = parsed.heads[i] as number
          arcs.push({ head: h < 0 ? -1 : r.start + h, dep: parsed.labels[i] as string })
        }
      }
      return withLayer(doc, 'parse', arcs)
    },
  }
}
