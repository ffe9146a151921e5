import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Entity, EntityType, Token } from '../../core/types.js'
import { nameRuns } from './01-candidates.js'
import { isDateWord, isDemonym, isTitle, typeFromLexicon } from './02-type.js'

/**
 * The `entities` stage: named-entity mentions (PER, ORG, LOC, GPE, NORP, MISC) from
 * capitalised runs, typed by the lexicons, titles and context.
 *
 * @example
 *   createEntitiesStage()
 */
export function createEntitiesStage(): Stage {
  return {
    name: 'entities',
    needs: ['tokens'],
    provides: ['entities'],
    run(doc: Doc): Doc {
      const tokens = need(doc, 'tokens', 'entities')
      const text = doc.text
      // past the last token a word is empty: "Pakistani Army" looks two words ahead
      const word = (i: number): string => (i < tokens.length ? text.slice((tokens[i] as Token).start, (tokens[i] as Token).end) : '')
      const entities: Entity[] = []
      const surnames = new Set<string>()
      for (const run of nameRuns(text, tokens)) {
        let first = run.start
        // a leading title is not part of the name: "President | Bashar Assad", and a
        // demonym before a title is a mention of its own: "Syrian | President | al-Sharaa"
        let titled = false
        while (first < run.end - 1) {
          const w = word(first)
          const two = `${w} ${word(first + 1)}`
          if (isTitle(two) && first + 2 < run.end) first += 2
          else if (isTitle(w)) first++
          else if (isDemonym(w) && (isTitle(word(first + 1)) || isTitle(`${word(first + 1)} ${word(first + 2)}`))) {
            const t = tokens[first] as Token
            entities.push({ start: t.start, end: t.end, text: w, type: 'NORP' })
            first++
            continue
          } else break
          titled = true
        }
        if (first > 0 && isTitle(word(first - 1))) titled = true
        const words: string[] = []
        for (let i = first; i < run.end; i++) words.push(word(i))
        const start = (tokens[first] as Token).start
        const end = (tokens[run.end - 1] as Token).end
        const name = text.slice(start, end)
        // a sentence's first word alone is usually not a name: "Speaking alongside ..."
        const sentenceFirst = first === 0 || (tokens[first - 1] as Token).sentence !== (tokens[first] as Token).sentence || /^[“"‘(]$/.test(word(first - 1))
        if (words.length === 1 && isDateWord(name)) continue
        const known = typeFromLexicon(name, words)
        // "Assad", "al-Shaibani" alone after the full name: the same person
        // "the town of Kupiansk", "the province of Idlib": a place, known or not
        const placeCue = first >= 2 && word(first - 1) === 'of' && PLACE_NOUNS.has(word(first - 2).toLowerCase())
        const type = known ?? (placeCue ? 'GPE' : titled || surnames.has(name) ? 'PER' : guessType(words, sentenceFirst))
        if (!type) continue
        entities.push({ start, end, text: name, type })
        if (type === 'PER' && words.length > 1) surnames.add(words[words.length - 1] as string)
      }
      return withLayer(doc, 'entities', entities)
    },
  }
}

const PLACE_NOUNS = new Set([
  'town',
  'city',
  'village',
  'port',
  'district',
  'province',
  'region',
  'governorate',
  'state',
  'county',
  'island',
  'capital',
  'suburb',
  'neighbourhood',
  'neighborhood',
])

/** Names no lexicon knows: two or three words are usually a person, one an organisation. */
function guessType(words: readonly string[], sentenceFirst: boolean): EntityType | null {
  if (words.length === 1) {
    if (sentenceFirst) return null
    return /-/.test(words[0] ?? '') ? 'MISC' : 'ORG'
  }
  if (words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w) || /^\p{Ll}+-\p{Lu}/u.test(w))) return 'PER'
  return 'MISC'
}
