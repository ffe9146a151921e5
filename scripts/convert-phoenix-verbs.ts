// Converts the Phoenix / PETRARCH2 CAMEO verb pattern dictionary (CAMEO.2.0.txt, MIT, Open
// Event Data Alliance) into lexicon/events/phoenix/verbs.json: each verb form with its
// block's default code, and the block's patterns as the words that must follow the verb
// (synonym sets kept by name, expanded at run time). The learned trigger model reads them
// as features (src/stages/events/learned/phoenix-verbs.ts); the engine never reads the
// original file. Words before the verb in a pattern and the PETRARCH markers ($ + % ^) are
// dropped: the model sees the verb and what follows it.
// Run: node --import tsx scripts/convert-phoenix-verbs.ts [DICTIONARY_DIR]
// (default ../shared/data/dictionaries/phoenix). Prints how many forms and patterns it kept.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LEXICON_DIR } from '../src/lexicon/load.js'

const SOURCE_DIR = process.argv[2] ?? join(LEXICON_DIR, '../../shared/data/dictionaries/phoenix')
const OUT = join(LEXICON_DIR, 'events/phoenix')
const NOTICE =
  'Converted from the Phoenix / PETRARCH2 CAMEO verb pattern dictionary (CAMEO.2.0.txt, last update 30 April 2015) by scripts/convert-phoenix-verbs.ts. Copyright (c) 2015 Open Event Data Alliance, MIT licence: the full notice is in LICENSE next to this file and must be kept with it.'

/** A CAMEO code as the dictionary writes it ("[042:043]" -> "042"); null for "---" (no event). */
function codeOf(bracket: string): string | null {
  const first = bracket.replace(/[[\]]/g, '').split(':')[0]?.trim() ?? ''
  return /^\d{2,4}$/.test(first) ? first : null
}

/** The regular forms of a verb: "attack" -> attacks, attacked, attacking; a phrasal verb's first word inflects ("ask for" -> asked for). */
function regularForms(phrase: string): string[] {
  const [verb = '', ...rest] = phrase.split(' ')
  const tail = rest.length ? ` ${rest.join(' ')}` : ''
  return verbForms(verb).map((f) => `${f}${tail}`)
}

function verbForms(verb: string): string[] {
  const out = [verb]
  if (/(s|x|z|ch|sh)$/.test(verb)) out.push(`${verb}es`)
  else if (/[^aeiou]y$/.test(verb)) out.push(`${verb.slice(0, -1)}ies`)
  else out.push(`${verb}s`)
  if (verb.endsWith('e')) out.push(`${verb}d`, `${verb.slice(0, -1)}ing`)
  else if (/[^aeiou]y$/.test(verb)) out.push(`${verb.slice(0, -1)}ied`, `${verb}ing`)
  else out.push(`${verb}ed`, `${verb}ing`)
  return out
}

const lines = readFileSync(join(SOURCE_DIR, 'CAMEO.2.0.txt'), 'utf8').split(/\r?\n/)
const synsets: Record<string, string[]> = {}
// each form: [its block's index, its code]; each block: its patterns as [words after the verb, code]
const forms: Record<string, [number, string | null]> = {}
const blocks: [string[], string | null][][] = []
let inPatterns = false
let synset: string | null = null
let block: { code: string | null; patterns: [string[], string | null][] } | null = null
let dropped = 0
for (const raw of lines) {
  const line = raw.replace(/#.*$/, '').trim()
  if (raw.startsWith('####### VERB PATTERNS')) {
    inPatterns = true
    continue
  }
  if (!line) continue
  if (!inPatterns) {
    if (line.startsWith('&')) synset = line.slice(1).toLowerCase()
    else if (line.startsWith('+') && synset) {
      const list = synsets[synset] ?? []
      list.push(line.slice(1).toLowerCase().replace(/_+$/, '').replace(/_/g, ' '))
      synsets[synset] = list
    }
    continue
  }
  const head = /^---\s+(\S+)\s+(\[[^\]]*\])\s+---/.exec(line)
  if (head) {
    block = { code: codeOf(head[2] as string), patterns: [] }
    blocks.push(block.patterns)
    continue
  }
  if (!block) continue
  if (line.startsWith('-')) {
    const bracket = /\[[^\]]*\]/.exec(line)
    if (!bracket) {
      dropped++
      continue
    }
    const body = line.slice(1, bracket.index)
    const star = body.indexOf('*')
    if (star < 0) {
      dropped++
      continue
    }
    // the words after the verb: literal words and &synsets, markers and brackets dropped
    const after = body
      .slice(star + 1)
      .replace(/[(){}$%^+|]/g, ' ')
      .split(/\s+/)
      .filter((w) => /^&?[A-Za-z][A-Za-z_'-]*$/.test(w))
      .flatMap((w) => (w.startsWith('&') ? [w.toLowerCase()] : w.toLowerCase().split('_').filter(Boolean)))
    if (!after.length) {
      dropped++
      continue
    }
    block.patterns.push([after, codeOf(bracket[0])])
    continue
  }
  // a verb line: VERB {FORMS} [CODE]; "+ROUND_UP {+ROUNDS_UP ...}" a phrasal verb, its words joined by "_"
  const words = /^\+?([A-Z][A-Z_'-]*)/.exec(line)
  if (!words) continue
  const verb = (words[1] as string).toLowerCase().replace(/_/g, ' ')
  const own = /\[[^\]]*\]/.exec(line)
  const code = own ? codeOf(own[0]) : block.code
  const listed = /\{([^}]*)\}/.exec(line)
  const all = [...regularForms(verb), ...(listed ? (listed[1] as string).split(/\s+/).filter(Boolean) : [])]
  for (const f of all) {
    const form = f.toLowerCase().replace(/^\+/, '').replace(/_/g, ' ').trim()
    if (!form) continue
    // a form another block already gave keeps its first block (the dictionary lists some verbs twice)
    if (!forms[form]) forms[form] = [blocks.length - 1, code]
  }
}

mkdirSync(OUT, { recursive: true })
// the licence's text, not its read-only mode
writeFileSync(join(OUT, 'LICENSE'), readFileSync(join(SOURCE_DIR, 'LICENSE')))
const out = { description: NOTICE, synsets, forms, blocks }
writeFileSync(join(OUT, 'verbs.json'), `${JSON.stringify(out)}\n`)
const patternCount = blocks.reduce((n, p) => n + p.length, 0)
console.log(
  `phoenix verbs: ${Object.keys(forms).length} forms in ${blocks.length} blocks, ${patternCount} patterns, ${Object.keys(synsets).length} synonym sets (${dropped} patterns dropped: no verb position or no words after it)`,
)
