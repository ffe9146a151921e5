// Checks one annotator's part file against the guide's format and the code tables, and
// says which sentences still lack a line. Exit status 1 while anything is wrong.
// Usage: npm run -s corpus:check -- --part NN (--annotator NAME | --file PATH)
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ANNOTATIONS_DIR, readAnnotationFile } from './annotations.js'
import { inPart, loadCorpusTexts, readCorpusDocs } from './documents.js'

const { values } = parseArgs({
  options: { part: { type: 'string' }, annotator: { type: 'string' }, file: { type: 'string' }, quiet: { type: 'boolean', default: false } },
})
if (!values.part || !/^\d{2}$/.test(values.part) || (!values.annotator && !values.file)) {
  console.error('usage: npm run -s corpus:check -- --part NN (--annotator NAME | --file PATH)')
  process.exit(2)
}
const part = values.part
const path = values.file ?? join(ANNOTATIONS_DIR, values.annotator as string, `part-${part}.jsonl`)
if (!existsSync(path)) {
  console.error(`no file at ${path}`)
  process.exit(2)
}
const all = readCorpusDocs()
const expected = all.filter((d) => inPart(d, part))
const texts = loadCorpusTexts(expected)
const docs = new Map(expected.map((d) => [d.id, d]))
const { sentences, errors } = readAnnotationFile(path, docs, texts, expected)
if (!values.quiet) for (const e of errors) console.log(e)
const events = sentences.reduce((n, s) => n + s.events.length, 0)
const total = expected.reduce((n, d) => n + d.sentences.length, 0)
console.log(`check: part=${part} file=${path} sentences=${sentences.length}/${total} events=${events} errors=${errors.length}`)
process.exit(errors.length ? 1 : 0)
