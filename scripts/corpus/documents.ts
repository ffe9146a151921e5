// The corpus's document list (corpus/documents.jsonl): which documents, their split and
// annotation part, and the frozen sentence offsets every annotation refers to.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tokenize } from '../../src/stages/segment/01-tokenize.js'
import { splitSentences } from '../../src/stages/segment/02-sentences.js'
import { loadDocs, type SourceDoc } from './sources.js'

/** The committed document list. */
export const DOCUMENTS_PATH = fileURLToPath(new URL('../../corpus/documents.jsonl', import.meta.url))

/** The most sentences of one document that are annotated (the first ones; the rest is context). */
export const SENTENCE_CAP = 12

/** One corpus document: where it is, how it is split, and its annotated sentences. */
export interface CorpusDoc {
  readonly id: string
  readonly source: string
  readonly split: 'train' | 'dev' | 'test'
  /** The primary annotation part ("01".."06"). */
  readonly part: string
  /** The blind second-annotation part ("07" or "08") for the double slice, else null. */
  readonly double: string | null
  /** The selection score (topic minus discard words per sentence, see select.ts). */
  readonly score: number
  /** sha256 of the built text, first 16 hex digits: the offsets hold only for that text. */
  readonly sha: string
  /** The annotated sentences as [start, end) character offsets into the built text. */
  readonly sentences: readonly (readonly [number, number])[]
  /** How many sentences the whole document has (more than `sentences` when capped). */
  readonly totalSentences: number
}

/**
 * Second blind parts that repeat the documents of another blind part: part 09 holds the
 * documents of part 08 again, for an annotator other than the one who coded part 08.
 */
export const REPEATED_PARTS: Readonly<Record<string, string>> = { '09': '08' }

/** Whether a document is to be annotated in a part: its primary part, its blind part, or a repeat of that. */
export const inPart = (d: CorpusDoc, part: string): boolean => d.part === part || d.double === part || (d.double !== null && REPEATED_PARTS[part] === d.double)

/** sha256 of a string as hex. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** A stable number in [0, 100) from a salted hash of a document id. */
export const bucket = (salt: string, id: string): number => Number.parseInt(sha256(`${salt}:${id}`).slice(0, 8), 16) % 100

/** The split of a document from its rank in [0, 1) among the chosen ones by a salted hash: 70 / 15 / 15. */
export function splitOf(rank: number): 'train' | 'dev' | 'test' {
  return rank < 0.7 ? 'train' : rank < 0.85 ? 'dev' : 'test'
}

/** Sentence spans of a text by the project's own tokenizer and splitter, trimmed, empty ones dropped. */
export function sentenceSpans(text: string): [number, number][] {
  const tokens = tokenize(text)
  const out: [number, number][] = []
  for (const range of splitSentences(text, tokens)) {
    const first = tokens[range.start]
    const last = tokens[range.end - 1]
    if (!first || !last) continue
    if (!/\p{L}/u.test(text.slice(first.start, last.end))) continue
    out.push([first.start, last.end])
  }
  return out
}

/** Reads corpus/documents.jsonl. */
export function readCorpusDocs(path = DOCUMENTS_PATH): CorpusDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusDoc)
}

/** Loads the texts of corpus documents, refusing any whose text no longer matches its recorded hash. */
export function loadCorpusTexts(docs: readonly CorpusDoc[]): Map<string, SourceDoc> {
  const texts = loadDocs(docs.map((d) => d.id))
  for (const d of docs) {
    const text = texts.get(d.id)?.text ?? ''
    if (sha256(text).slice(0, 16) !== d.sha) throw new TypeError(`${d.id}: the text built from the shared data changed since selection; offsets would not hold`)
  }
  return texts
}
