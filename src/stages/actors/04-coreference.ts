import { surname } from '../../lexicon/actors.js'
import { normalizeName } from '../../lexicon/load.js'
import type { Resolution } from './03-resolve.js'

/**
 * Pass 4, within one document: a surname alone after the full name is the same actor
 * ("Foreign Minister Asaad al-Shaibani ... al-Shaibani acknowledged").
 */
export class Coreference {
  readonly #bySurname = new Map<string, Resolution>()

  /** Remembers the actor a name resolved to, under its surname. */
  remember(name: string, res: Resolution): void {
    const key = normalizeName(surname(name))
    if (key) this.#bySurname.set(key, res)
  }

  /** The actor an earlier mention with the same surname resolved to, if any. */
  find(name: string): Resolution | undefined {
    return this.#bySurname.get(normalizeName(surname(name)))
  }
}
