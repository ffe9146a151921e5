// The gold events of the corpus: for each document, the annotation of its primary part
// (parts 01-06; an `adjudicated` annotator's lines win where present). Documents whose
// sentences are not all annotated yet are left out, and said so.
import { type GoldSentence, listAnnotationFiles, readAnnotationFile } from './annotations.js'
import { type CorpusDoc, loadCorpusTexts } from './documents.js'
import type { SourceDoc } from './sources.js'

/** The annotator name whose files override the primary annotations after adjudication. */
export const ADJUDICATED = 'adjudicated'

/** Gold sentences of complete documents, with what was left out and why. */
export interface Gold {
  readonly docs: CorpusDoc[]
  readonly sentences: GoldSentence[]
  readonly texts: Map<string, SourceDoc>
  readonly incomplete: string[]
  readonly errors: string[]
}

/** Reads the gold annotation of the given documents. */
export function loadGold(docs: readonly CorpusDoc[]): Gold {
  const texts = loadCorpusTexts(docs)
  const byId = new Map(docs.map((d) => [d.id, d]))
  const chosen = new Map<string, { annotator: string; sentences: GoldSentence[] }>()
  const errors: string[] = []
  const files = listAnnotationFiles().filter((f) => Number(f.part) <= 6 || f.annotator === ADJUDICATED)
  // adjudicated files last, so that they win
  files.sort((a, b) => Number(a.annotator === ADJUDICATED) - Number(b.annotator === ADJUDICATED))
  for (const f of files) {
    const { sentences, errors: problems } = readAnnotationFile(f.path, byId, texts, [])
    for (const e of problems) if (!e.includes('unknown document')) errors.push(`${f.annotator}/part-${f.part}: ${e}`)
    const perDoc = new Map<string, GoldSentence[]>()
    for (const s of sentences) {
      const d = byId.get(s.doc)
      if (!d || (f.annotator !== ADJUDICATED && d.part !== f.part)) continue
      perDoc.set(s.doc, [...(perDoc.get(s.doc) ?? []), s])
    }
    for (const [doc, list] of perDoc) {
      const prior = chosen.get(doc)
      if (prior && prior.annotator !== ADJUDICATED && f.annotator !== ADJUDICATED)
        errors.push(`${doc}: annotated by both ${prior.annotator} and ${f.annotator} in its primary part`)
      chosen.set(doc, { annotator: f.annotator, sentences: list })
    }
  }
  const complete: CorpusDoc[] = []
  const incomplete: string[] = []
  const sentences: GoldSentence[] = []
  for (const d of docs) {
    const got = chosen.get(d.id)
    if (got && new Set(got.sentences.map((s) => s.sent)).size === d.sentences.length) {
      complete.push(d)
      sentences.push(...got.sentences.sort((a, b) => a.sent - b.sent))
    } else incomplete.push(d.id)
  }
  return { docs: complete, sentences, texts, incomplete, errors }
}
