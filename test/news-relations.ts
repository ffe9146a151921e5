import { readFileSync } from 'node:fs'
import { createAnalyzer, isError } from '../src/analyze.js'
import { baseRelation } from '../src/stages/syntax/relations.js'

/**
 * The parse on news, where the evaluation treebank (UD English-EWT: web text) says little.
 * test/news-relations.jsonl holds news-style sentences written for this project, each with
 * the arcs the events stage reads (subject, object, passive agent, the head of a
 * prepositional phrase, coordination, apposition, reported clauses), written
 * "dependent>head:relation": a word's second occurrence is "word#2", the root's head ROOT,
 * relations compared without subtype (a word with ">" or a head with ":" cannot be named).
 * Not every arc of a sentence is given: only those a careful annotator would not hesitate
 * over ("met X in Moscow": the verb), with UD English-EWT's conventions (a single object of
 * "ask", "urge", "warn" is iobj there).
 */
export const NEWS_RELATIONS_PATH = new URL('./news-relations.jsonl', import.meta.url)

/** One arc the parser got wrong: the gold arc and what the parse says. */
export interface NewsMiss {
  readonly text: string
  readonly gold: string
  readonly parsed: string
}

export interface NewsRelationsScore {
  readonly sentences: number
  readonly arcs: number
  /** Share of the arcs whose head is right. */
  readonly uas: number
  /** Share of the arcs whose head and base relation are right. */
  readonly las: number
  readonly misses: readonly NewsMiss[]
}

interface Case {
  readonly text: string
  readonly arcs: string
}

/** Reads the cases; throws on a line without text or arcs. */
export function readNewsRelations(path: string | URL = NEWS_RELATIONS_PATH): Case[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, k) => {
      const c = JSON.parse(l) as Partial<Case>
      if (typeof c.text !== 'string' || typeof c.arcs !== 'string') throw new Error(`${String(path)}:${k + 1}: needs "text" and "arcs"`)
      return { text: c.text, arcs: c.arcs }
    })
}

/**
 * Parses each sentence (the pipeline's segment and syntax stages, the committed models) and
 * scores the given arcs. Throws when a case names a word that is not one of its sentence's
 * tokens.
 */
export function scoreNewsRelations(path: string | URL = NEWS_RELATIONS_PATH): NewsRelationsScore {
  const cases = readNewsRelations(path)
  const analyzer = createAnalyzer({ stages: ['syntax'] })
  let arcs = 0
  let heads = 0
  let labelled = 0
  const misses: NewsMiss[] = []
  for (const c of cases) {
    const out = analyzer.analyze({ text: c.text, clean: false })
    if (isError(out)) throw new Error(`${c.text}: ${out.error}`)
    const tokens = out.tokens ?? []
    const words = tokens.map((t) => c.text.slice(t.start, t.end))
    const find = (name: string): number => {
      if (name === 'ROOT') return -1
      const [word, nth] = name.split('#')
      let seen = 0
      const at = words.findIndex((w) => w === word && ++seen === Number(nth ?? 1))
      if (at < 0) throw new Error(`"${name}" is not a token of "${c.text}" (tokens: ${words.join(' ')})`)
      return at
    }
    for (const arc of c.arcs.split(/\s+/)) {
      const m = /^([^>]+)>([^:]+):(.+)$/.exec(arc)
      if (!m) throw new Error(`malformed arc "${arc}" in "${c.text}"`)
      const [, dependent = '', head = '', rel = ''] = m
      const t = tokens[find(dependent)]
      const parsedHead = t?.head ?? -1
      arcs++
      const headRight = parsedHead === find(head)
      const labelRight = headRight && baseRelation(t?.dep ?? '') === baseRelation(rel)
      if (headRight) heads++
      if (labelRight) labelled++
      else misses.push({ text: c.text, gold: arc, parsed: `${dependent}>${parsedHead < 0 ? 'ROOT' : words[parsedHead]}:${t?.dep ?? ''}` })
    }
  }
  return { sentences: cases.length, arcs, uas: heads / arcs, las: labelled / arcs, misses }
}
