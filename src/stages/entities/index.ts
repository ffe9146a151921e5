import { type Doc, need, withLayer } from '../../core/doc.js'
import { sentenceTokenRanges } from '../../core/tokens.js'
import type { Entity, Span, Token } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { refineType, splitAtPlace } from './02-type.js'
import { registryNames } from './03-lexicon-names.js'
import { personReadings } from './04-person-places.js'
import { bilouSpans, defaultNerTagger, NER_MODEL_PATH, type NerTagger } from './ner-model.js'

/** Options of the entities stage. */
export interface EntitiesOptions {
  /** The recogniser; the committed CoNLL-2003 model by default. */
  readonly tagger?: NerTagger
}

/**
 * The `entities` stage: named-entity mentions found by the averaged-perceptron recogniser
 * trained on CoNLL-2003 (PER, ORG, LOC, MISC), then given the finer types of the design
 * (GPE for countries, cities and seats of government; NORP for nationalities and groups)
 * from the lexicons.
 *
 * @example
 *   createEntitiesStage()
 */
export function createEntitiesStage(options: EntitiesOptions = {}): PipelineStage {
  return {
    name: 'entities',
    needs: ['tokens', 'sentences', 'truecased'],
    provides: ['entities'],
    run(doc: Doc, ctx): Doc {
      const tokens = need(doc, 'tokens', 'entities')
      const sentences = need(doc, 'sentences', 'entities')
      const tagger = options.tagger ?? defaultNerTagger()
      if (!tagger) throw new TypeError(`the entity model is missing (${NER_MODEL_PATH}): run "npm run train:ner"`)
      const text = doc.text
      const ranges = sentenceTokenRanges(tokens, sentences.length)
      // "police arrested 200 protesters in delhi": the model and the registry read capitals,
      // so a text without them (or a sentence in them) is read as prose would write it
      // (a headline in capitals the model learnt as it is written)
      const cased = need(doc, 'truecased', 'entities')
      const input = ranges.map((r: Span, si) => {
        const toks = tokens.slice(r.start, r.end)
        const words = cased.casings[si] === 'headline' ? toks.map((t) => text.slice(t.start, t.end)) : cased.words.slice(r.start, r.end)
        return { words, pos: toks.map((t) => t.pos) }
      })
      const tags = tagger.tagDocument(input)
      const entities: Entity[] = []
      ranges.forEach((r, si) => {
        // registry names win over the model's spans they overlap
        // "University of St. Andrews in Scotland": a span over "in" and a place is two mentions
        const words = input[si]?.words ?? []
        const found = bilouSpans(tags[si] ?? []).flatMap((span) => splitAtPlace(span, words))
        // a one-word registry name only fills a gap the model left ("Hezbollah fired ...")
        const known = registryNames(input[si]?.words ?? [], ctx.lexicon.actors).filter(
          (k) => k.end - k.start > 1 || !found.some((m) => m.start < k.end && k.start < m.end),
        )
        const model = found.filter((m) => !known.some((k) => k.start < m.end && m.start < k.end))
        const spans = [...known, ...model].sort((a, b) => a.start - b.start)
        for (const span of spans) {
          const start = (tokens[r.start + span.start] as Token).start
          const end = (tokens[r.start + span.end - 1] as Token).end
          const name = text.slice(start, end)
          entities.push({ start, end, text: name, type: refineType(span.type, name, ctx.lexicon.actors) })
        }
      })
      // "Jordan said the team played well": a given name that is also a place, in a sports report
      return withLayer(doc, 'entities', personReadings(text, entities))
    },
  }
}
