import { surname } from '../../lexicon/actors.js'
import { normalizeName } from '../../lexicon/load.js'
import type { Resolution } from './03-resolve.js'

/**
 * Pass 4, within one document: a surname alone after the full name is the same actor
 * ("Foreign Minister Asaad al-Shaibani ... al-Shaibani acknowledged"), and so is a lone
 * first word of one full name resolved before ("Saddam" after "Saddam Hussein", "Wang"
 * after "Wang Dan", whose family name comes first) when no other resolved name starts with it.
 */
export class Coreference {
  readonly #bySurname = new Map<string, Resolution>()
  // null: two different actors' names start with the word
  readonly #byFirstWord = new Map<string, Resolution | null>()

  /** Remembers the actor a name resolved to, under its surname and, for a longer name, its first word. */
  remember(name: string, res: Resolution): void {
    const key = normalizeName(surname(name))
    if (key) this.#bySurname.set(key, res)
    const words = name.trim().split(/\s+/)
    const first = words.length > 1 ? normalizeName(words[0] ?? '') : ''
    if (first.length < 3) return
    const known = this.#byFirstWord.get(first)
    this.#byFirstWord.set(first, known === undefined || known?.id === res.id ? res : null)
  }

  /** The actor an earlier mention with the same surname resolved to, or for one word, the one full name it begins. */
  find(name: string): Resolution | undefined {
    const bySurname = this.#bySurname.get(normalizeName(surname(name)))
    if (bySurname || /\s/.test(name.trim())) return bySurname
    return this.#byFirstWord.get(normalizeName(name)) ?? undefined
  }
}
