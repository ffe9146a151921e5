import { createActorsStage } from './stages/actors/index.js'
import type { PipelineStage } from './stages/context.js'
import { createDatesStage } from './stages/dates/index.js'
import { createEntitiesStage } from './stages/entities/index.js'
import { createEventsStage } from './stages/events/index.js'
import { createExtractStage, type ExtractOptions } from './stages/extract/index.js'
import { createPlacesStage } from './stages/places/index.js'
import { createQuotesStage } from './stages/quotes/index.js'
import { createSegmentStage } from './stages/segment/index.js'
import { createSyntaxStage } from './stages/syntax/index.js'
import { createToneStage } from './stages/tone/index.js'

/** Options for the default pipeline, per stage. */
export interface PipelineOptions {
  readonly extract?: ExtractOptions
}

/**
 * The default pipeline, in the order the stages run. `selectStages` keeps this order
 * when a caller asks for a subset.
 */
export function defaultStages(options: PipelineOptions = {}): PipelineStage[] {
  return [
    createExtractStage(options.extract), // first: every later stage reads article.text
    createSegmentStage(), // tokens and sentences: the units all later stages point into
    createEntitiesStage(),
    createSyntaxStage(),
    createActorsStage(), // after entities: resolves their mentions
    createDatesStage(),
    createPlacesStage(),
    createQuotesStage(), // after actors: speakers are actors
    createEventsStage(), // after actors, dates, places, quotes: an event takes all four
    createToneStage(),
  ]
}
