import type { UserActors } from './actors.js'
import { type ActorRegistry, createActorRegistry } from './registry.js'

/**
 * What a pipeline reads besides the document and the package's fixed word lists: the actor
 * registry, with a user's own entries. It travels in the stage context, so one process can
 * hold analyzers with different registries (an API serving several users).
 */
export interface Lexicon {
  readonly actors: ActorRegistry
}

/** Options of a lexicon: a user's registry lists (validated with `readUserRegistry` or `parseUserRegistry`). */
export interface LexiconOptions {
  readonly actors?: UserActors
}

/**
 * Builds a lexicon; without options it is the package's own, shared by every caller.
 *
 * @example
 *   const lexicon = createLexicon({ actors: readUserRegistry('my-actors.json') })
 *   createAnalyzer({ lexicon })
 */
export function createLexicon(options: LexiconOptions = {}): Lexicon {
  return Object.freeze({ actors: createActorRegistry(options.actors) })
}
