import { type Doc, need, withLayer } from '../../core/doc.js'
import { letterCasing } from '../../core/tokens.js'
import type { Span, Token } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { tokenize } from './01-tokenize.js'
import { splitSentences } from './02-sentences.js'
import { defaultPosTagger, POS_MODEL_PATH, type PosTagger } from './pos-tagger.js'
import { truecasedWords } from './truecase.js'

/** Options of the segment stage. */
export interface SegmentOptions {
  /** The part-of-speech tagger; the committed EWT model by default. */
  readonly tagger?: PosTagger
}

/**
 * The `segment` stage: tokens and sentences of the article text, tokens tagged with UPOS
 * by the averaged-perceptron tagger trained on UD English-EWT (scripts/train-pos.ts).
 *
 * @example
 *   createSegmentStage()
 */
export function createSegmentStage(options: SegmentOptions = {}): PipelineStage {
  return {
    name: 'segment',
    needs: ['article'],
    provides: ['sentences', 'tokens', 'truecased'],
    run(doc: Doc, ctx): Doc {
      need(doc, 'article', 'segment')
      const spans = tokenize(doc.text)
      // how the whole text is written, read once for the splitter and the truecaser
      const whole = letterCasing(doc.text)
      const ranges = splitSentences(doc.text, spans, whole)
      const tagger = options.tagger ?? defaultPosTagger()
      if (!tagger) throw new TypeError(`the part-of-speech model is missing (${POS_MODEL_PATH}): run "npm run train:pos"`)
      // "POLICE ARRESTED 200 PROTESTERS IN DELHI", "police arrested 200 protesters in delhi":
      // a sentence in capitals or a text without them is tagged as prose would write it; the
      // words are kept as the truecased layer, which the entities and actors stages read
      const truecased = truecasedWords(doc.text, spans, ranges, ctx.lexicon.actors, whole)
      const { words, casings } = truecased
      const tags: string[] = []
      for (const [si, r] of ranges.entries()) {
        const sentence = words.slice(r.start, r.end)
        // a headline in capitals is tagged as the words it spells, in lower case
        if (casings[si] === 'headline') for (const [k, w] of sentence.entries()) sentence[k] = w.toLowerCase()
        // a loop, not push(...): a sentence of 150k tokens would be 150k arguments on the stack
        for (const tag of tagger.tag(sentence)) tags.push(tag)
      }
      const sentenceOf = new Int32Array(spans.length)
      for (const [si, r] of ranges.entries()) sentenceOf.fill(si, r.start, r.end)
      const tokens: Token[] = spans.map((s, i) => ({ start: s.start, end: s.end, pos: tags[i] ?? 'X', sentence: sentenceOf[i] ?? 0 }))
      const sentences: Span[] = ranges.map((r) => ({ start: (spans[r.start] as Span).start, end: (spans[r.end - 1] as Span).end }))
      return withLayer(withLayer(withLayer(doc, 'tokens', tokens), 'sentences', sentences), 'truecased', truecased)
    },
  }
}
