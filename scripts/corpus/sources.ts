// The corpus's documents, rebuilt from ../shared/data by id: the texts are never copied
// into the project, so every tool that needs a sentence calls these readers.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { detokenize } from './detokenize.js'

/** Where the shared data sets live (override with SITREP_SHARED_DATA). */
export const SHARED_DATA = process.env.SITREP_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url))

/** The sources the corpus draws from, in the order their documents are read. */
export const SOURCES = ['conll', 'polnear', 'tbaq', 'gwn', 'geovirus'] as const

/** One source name. */
export type SourceName = (typeof SOURCES)[number]

/** One document as the project builds it: the text sitrep is given, and its context. */
export interface SourceDoc {
  readonly id: string
  readonly source: SourceName
  readonly title: string | null
  /** Publication date (YYYY-MM-DD) when the source gives one. */
  readonly date: string | null
  readonly text: string
}

const readJsonl = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null)

// A CoNLL-2003 dateline line: "BRUSSELS 1996-08-22" (the place may be several words)
const DATELINE = /^(?<place>[^\d]+?)\s+(?<date>\d{4}-\d{2}-\d{2})$/

/**
 * CoNLL-2003 documents (train and dev, split at -DOCSTART-): one detokenized sentence a
 * line; the first line (the headline) is the title, a dateline line gives the date.
 */
function readConll(part: 'train' | 'dev'): SourceDoc[] {
  const docs: SourceDoc[] = []
  let lines: string[] = []
  let words: string[] = []
  const flushSentence = (): void => {
    if (words.length) lines.push(detokenize(words))
    words = []
  }
  const flushDoc = (): void => {
    flushSentence()
    if (lines.length) {
      const dateline = lines.slice(0, 4).find((l) => DATELINE.test(l))
      const date = dateline ? (DATELINE.exec(dateline)?.groups?.date ?? null) : null
      docs.push({ id: `conll-${part}-${String(docs.length).padStart(4, '0')}`, source: 'conll', title: lines[0] ?? null, date, text: lines.join('\n') })
    }
    lines = []
  }
  for (const line of readFileSync(`${SHARED_DATA}/ner/conll2003/${part}.txt`, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flushDoc()
      continue
    }
    if (!line.trim()) {
      flushSentence()
      continue
    }
    words.push(line.split(' ')[0] as string)
  }
  flushDoc()
  return docs
}

function readPolnear(): SourceDoc[] {
  return ['train', 'dev'].flatMap((part) =>
    readJsonl(`${SHARED_DATA}/quotes/polnear-${part}.jsonl`).map((r) => ({
      id: `polnear-${String(r.doc_id)}`,
      source: 'polnear' as const,
      title: str(r.title),
      date: str(r.date),
      text: String(r.text),
    })),
  )
}

function readTbaq(): SourceDoc[] {
  return readJsonl(`${SHARED_DATA}/time/tbaq.jsonl`).map((r) => ({
    id: `tbaq-${String(r.doc_id)}`,
    source: 'tbaq' as const,
    title: str(r.title),
    date: str(r.dct),
    text: String(r.text),
  }))
}

function readGeo(name: 'gwn' | 'geovirus'): SourceDoc[] {
  return readJsonl(`${SHARED_DATA}/geo/${name}.jsonl`).map((r) => ({
    id: `${name}-${String(r.doc_id)}`,
    source: name,
    title: str(r.title),
    date: str(r.dltime)?.slice(0, 10) ?? null,
    text: String(r.text),
  }))
}

/** Every document of one source, in the source's own order. */
export function readSource(source: SourceName): SourceDoc[] {
  switch (source) {
    case 'conll':
      return [...readConll('train'), ...readConll('dev')]
    case 'polnear':
      return readPolnear()
    case 'tbaq':
      return readTbaq()
    case 'gwn':
    case 'geovirus':
      return readGeo(source)
  }
}

/** Loads the documents with the given ids (all sources read once), throwing on an unknown id. */
export function loadDocs(ids: Iterable<string>): Map<string, SourceDoc> {
  const wanted = new Set(ids)
  const out = new Map<string, SourceDoc>()
  for (const source of SOURCES) {
    if (![...wanted].some((id) => id.startsWith(`${source}-`))) continue
    for (const doc of readSource(source)) if (wanted.has(doc.id)) out.set(doc.id, doc)
  }
  const missing = [...wanted].filter((id) => !out.has(id))
  if (missing.length) throw new TypeError(`documents not found in ${SHARED_DATA}: ${missing.slice(0, 5).join(', ')}`)
  return out
}
