import { readdirSync } from 'node:fs'
import { type EntryFile, LEXICON_DIR, lazy, loadLexicon } from '../../lexicon/load.js'

/** One entry of the trigger dictionary (lexicon/events/triggers.json). */
export interface Trigger {
  readonly code: string
  readonly lemma: string
  readonly pos: 'verb' | 'noun'
  readonly particle?: string
  readonly prep?: string | readonly string[]
  readonly object?: readonly string[]
  readonly complement?: string
  readonly symmetric?: boolean
  /** "recipient": the subject receives ("received asylum in Moscow"); the giver follows `prep`. */
  readonly voice?: 'recipient'
  /**
   * "person": the entry is an act only on people, the verb's object (its subject in the
   * passive) a party, a pronoun, a number of them or a word for people ("thrashed the
   * vendors", "were beaten"; not "beat Arsenal"). "detainee": as "person", and in the active
   * voice done by a state's forces or authorities ("police held 40 protesters", "were picked
   * up"; not "held talks", "the family came to pick them up").
   */
  readonly patient?: 'person' | 'detainee'
  /** Made from a speech verb and the modality of the clause it reports, not read from the dictionary. */
  readonly reported?: boolean
  /** Set when the learned trigger model made or recoded this trigger: the decision and its margin ("model 17 +3.2"). */
  readonly decided?: string
  readonly note?: string
}

/** Every trigger entry: lexicon/events/triggers/<root>-<name>.json, one file per CAMEO root. */
export const triggers = lazy((): Trigger[] =>
  readdirSync(`${LEXICON_DIR}events/triggers`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => loadLexicon<EntryFile<Trigger>>(`events/triggers/${f}`).entries),
)

/** Trigger entries by lemma. */
export const triggersByLemma = lazy(() => {
  const index = new Map<string, Trigger[]>()
  for (const t of triggers()) {
    const key = t.lemma.toLowerCase()
    const list = index.get(key)
    if (list) list.push(t)
    else index.set(key, [t])
  }
  return index
})

interface Irregular {
  readonly forms: Record<string, string>
}
const irregular = lazy(() => loadLexicon<Irregular>('events/irregular-forms.json').forms)

/** Whether a word is an irregular verb's past form ("swore", "forbade", "told"; not "says" or "is"). */
export function irregularPast(word: string): boolean {
  const lemma = irregular()[word]
  return !!lemma && lemma !== word && !/s$/.test(word) && !['is', 'are', 'am'].includes(word)
}

/**
 * The dictionary lemma of an inflected word: irregular forms from the table, then
 * suffix stripping checked against the dictionary ("condemned" -> "condemn",
 * "pledged" -> "pledge", "airstrikes" -> "airstrike", "banned" -> "ban").
 */
export function lemmaOf(word: string): string {
  const w = word.toLowerCase()
  const irr = irregular()[w]
  if (irr) return irr
  const known = triggersByLemma()
  if (known.has(w)) return w
  const candidates: string[] = []
  if (w.endsWith('ies')) candidates.push(`${w.slice(0, -3)}y`)
  if (w.endsWith('ied')) candidates.push(`${w.slice(0, -3)}y`)
  if (w.endsWith('es')) candidates.push(w.slice(0, -2))
  if (w.endsWith('s')) candidates.push(w.slice(0, -1))
  if (w.endsWith('ed')) {
    const stem = w.slice(0, -2)
    candidates.push(stem, `${stem}e`)
    if (/(.)\1$/.test(stem)) candidates.push(stem.slice(0, -1))
  }
  if (w.endsWith('ing')) {
    const stem = w.slice(0, -3)
    candidates.push(stem, `${stem}e`)
    if (/(.)\1$/.test(stem)) candidates.push(stem.slice(0, -1))
  }
  return candidates.find((c) => known.has(c)) ?? w
}
