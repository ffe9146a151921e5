import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Span, Token } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { tokenize } from './01-tokenize.js'
import { splitSentences } from './02-sentences.js'
import { defaultPosTagger, POS_MODEL_PATH, type PosTagger } from './pos-tagger.js'

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
    provides: ['sentences', 'tokens'],
    run(doc: Doc): Doc {
      need(doc, 'article', 'segment')
      const spans = tokenize(doc.text)
      const ranges = splitSentences(doc.text, spans)
      const tagger = options.tagger ?? defaultPosTagger()
      if (!tagger) throw new TypeError(`the part-of-speech model is missing (${POS_MODEL_PATH}): run "npm run train:pos"`)
      const tags: string[] = []
      for (const r of ranges) {
        const words: string[] = []
        for (let i = r.start; i < r.end; i++) words.push(doc.text.slice((spans[i] as Span).start, (spans[i] as Span).end))
        // "POLICE ARRESTED 200 PROTESTERS": a sentence in capitals is tagged as the words it spells
        if (shouted(words)) for (const [k, w] of words.entries()) words[k] = w.toLowerCase()
        // a loop, not push(...): a sentence of 150k tokens would be 150k arguments on the stack
        for (const tag of tagger.tag(words)) tags.push(tag)
      }
      const sentenceOf = new Int32Array(spans.length)
      for (const [si, r] of ranges.entries()) sentenceOf.fill(si, r.start, r.end)
      const tokens: Token[] = spans.map((s, i) => ({ start: s.start, end: s.end, pos: tags[i] ?? 'X', sentence: sentenceOf[i] ?? 0 }))
      const sentences: Span[] = ranges.map((r) => ({ start: (spans[r.start] as Span).start, end: (spans[r.end - 1] as Span).end }))
      return withLayer(withLayer(doc, 'tokens', tokens), 'sentences', sentences)
    },
  }
}

/** Whether a sentence is written in capitals: at least three words of letters, none with a lower-case letter. */
function shouted(words: readonly string[]): boolean {
  let cased = 0
  for (const w of words) {
    if (/\p{Ll}/u.test(w)) return false
    if (/\p{Lu}{2}/u.test(w)) cased++
  }
  return cased >= 3
}
