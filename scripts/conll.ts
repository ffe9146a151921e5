// Readers for the training sets' formats (CoNLL-U and CoNLL-2003), shared by the training scripts.
import { readFileSync } from 'node:fs'

/** One CoNLL-U sentence: its words and their UPOS tags. */
export interface TaggedSentence {
  readonly words: string[]
  readonly tags: string[]
}

/** Reads the words and UPOS of a CoNLL-U file (multi-word token lines and empty nodes skipped). */
export function readConllu(path: string): TaggedSentence[] {
  const out: TaggedSentence[] = []
  let words: string[] = []
  let tags: string[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) {
      if (words.length) out.push({ words, tags })
      words = []
      tags = []
      continue
    }
    if (line.startsWith('#')) continue
    const cols = line.split('\t')
    if (cols.length < 10 || cols[0]?.includes('-') || cols[0]?.includes('.')) continue
    words.push(cols[1] as string)
    tags.push(cols[3] as string)
  }
  if (words.length) out.push({ words, tags })
  return out
}

/** One CoNLL-2003 document: sentences of words with their IOB1 entity tags. */
export interface NerDocument {
  readonly sentences: { words: string[]; tags: string[] }[]
}

/** Reads a CoNLL-2003 file into documents (split at -DOCSTART-). */
export function readConll2003(path: string): NerDocument[] {
  const docs: NerDocument[] = []
  let doc: NerDocument = { sentences: [] }
  let words: string[] = []
  let tags: string[] = []
  const flush = (): void => {
    if (words.length) doc.sentences.push({ words, tags })
    words = []
    tags = []
  }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush()
      if (doc.sentences.length) docs.push(doc)
      doc = { sentences: [] }
      continue
    }
    if (!line.trim()) {
      flush()
      continue
    }
    const cols = line.split(/\s+/)
    words.push(cols[0] as string)
    tags.push(cols[cols.length - 1] as string)
  }
  flush()
  if (doc.sentences.length) docs.push(doc)
  return docs
}

/** One CoNLL-U sentence with its tree: heads are word indices (-1 for the root), labels full UD relations. */
export interface TreeSentence extends TaggedSentence {
  readonly heads: number[]
  readonly labels: string[]
  /** the treebank's language-specific tags (PTB tags in English-EWT: VBD, VBN, IN, RP, ...) */
  readonly xpos: string[]
}

/** Reads the words, UPOS, heads and relations of a CoNLL-U file (multi-word token lines and empty nodes skipped). */
export function readConlluTrees(path: string): TreeSentence[] {
  const out: TreeSentence[] = []
  let cur: TreeSentence = { words: [], tags: [], heads: [], labels: [], xpos: [] }
  for (const line of `${readFileSync(path, 'utf8')}\n`.split('\n')) {
    if (!line.trim()) {
      if (cur.words.length) out.push(cur)
      cur = { words: [], tags: [], heads: [], labels: [], xpos: [] }
      continue
    }
    if (line.startsWith('#')) continue
    const cols = line.split('\t')
    if (cols.length < 10 || cols[0]?.includes('-') || cols[0]?.includes('.')) continue
    cur.words.push(cols[1] as string)
    cur.tags.push(cols[3] as string)
    cur.xpos.push(cols[4] as string)
    cur.heads.push(Number(cols[6]) - 1)
    cur.labels.push(cols[7] as string)
  }
  return out
}

export { seededRandom, shuffle } from '../src/models/random.js'
