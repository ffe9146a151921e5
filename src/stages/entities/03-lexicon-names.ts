import type { EntityType } from '../../core/types.js'
import { normalizeName } from '../../lexicon/load.js'
import { type ActorRegistry, perRegistry } from '../../lexicon/registry.js'
import { tokenize } from '../segment/01-tokenize.js'

// a capitalised word, an Arabic-particle name ("al-Sham") or a connector inside a name
const NAME_WORD = /^(\p{Lu}|\d|(al|el|as|ash|ad|an|ar|at|az|bin|ibn|abu|de|da|di|du|van|von|la|le)-|(of|and|for|de|la|al|bin|ibn|van|von|der|del|du|da)$)/u

interface KnownName {
  readonly words: readonly string[]
  readonly type: EntityType
}

/**
 * Multi-word names of the actor registry, by their first word: people's full names and
 * organisations' names and aliases, tokenized as article text is.
 */
const namesByFirstWord = perRegistry((registry) => {
  const index = new Map<string, KnownName[]>()
  const add = (name: string, type: EntityType): void => {
    const words = tokenize(name).map((t) => normalizeName(name.slice(t.start, t.end)))
    // one-word names only for organisations ("Hezbollah", "Reuters"): a lone given name or
    // surname is too often someone else
    if (words.length < 2 && type !== 'ORG') return
    const list = index.get(words[0] as string) ?? []
    list.push({ words, type })
    index.set(words[0] as string, list)
  }
  for (const p of registry.people) for (const n of [p.name, ...p.aliases]) add(n, 'PER')
  for (const o of registry.organisations) for (const n of [o.name, ...o.aliases]) add(n, 'ORG')
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length)
  return index
})

/**
 * Registry names found in a sentence's words, longest first, as [start, end) word ranges:
 * "Hayat Tahrir al-Sham", whose last word a model trained on 1996 newswire misses.
 */
export function registryNames(words: readonly string[], registry: ActorRegistry): { start: number; end: number; type: EntityType }[] {
  const norms: (string | undefined)[] = new Array(words.length)
  const norm = (k: number): string | undefined => {
    if (k >= words.length) return undefined
    let v = norms[k]
    if (v === undefined) {
      v = normalizeName(words[k] as string)
      norms[k] = v
    }
    return v
  }
  const out: { start: number; end: number; type: EntityType }[] = []
  for (let i = 0; i < words.length; i++) {
    // a name starts with a capital: "Bank" in "bank of England" is no match (and most words
    // are not capitalised: they cost one test)
    if (!startsWithCapital(words[i] as string)) continue
    const candidates = namesByFirstWord(registry).get(norm(i) as string)
    if (!candidates) continue
    // and every word of it looks like a name: "Interfax news agency" and "Israeli army" are
    // aliases in the registry, but in text only their capitalised part is a name
    const hit = candidates.find(
      (c) => c.words.every((w, k) => norm(i + k) === w && NAME_WORD.test(words[i + k] as string)) && !/^the$/i.test(words[i] as string),
    )
    if (!hit) continue
    out.push({ start: i, end: i + hit.words.length, type: hit.type })
    i += hit.words.length - 1
  }
  return out
}

const CAPITAL = /^\p{Lu}/u

function startsWithCapital(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c < 128) return c >= 65 && c <= 90
  return CAPITAL.test(word)
}
