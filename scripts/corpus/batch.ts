// Prints one annotation part's sentences for an annotator: per document its id, source,
// date and title, then each annotated sentence with its index. With --template it prints
// instead one empty annotation line per sentence, to be filled in.
// Usage: npm run -s corpus:batch -- --part 01 [--doc ID] [--template]
import { parseArgs } from 'node:util'
import { inPart, loadCorpusTexts, readCorpusDocs } from './documents.js'

const { values } = parseArgs({ options: { part: { type: 'string' }, doc: { type: 'string' }, template: { type: 'boolean', default: false } } })
if (!values.part || !/^\d{2}$/.test(values.part)) {
  console.error('usage: npm run -s corpus:batch -- --part NN [--doc ID] [--template]  (NN: 01-06 primary parts, 07-08 the blind double slice)')
  process.exit(2)
}
// "| head" closes the pipe early: stop quietly instead of throwing EPIPE
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})
const part = values.part
const docs = readCorpusDocs().filter((d) => inPart(d, part) && (!values.doc || d.id === values.doc))
if (!docs.length) {
  console.error(`no documents in part ${part}${values.doc ? ` with id ${values.doc}` : ''}`)
  process.exit(2)
}
const texts = loadCorpusTexts(docs)
for (const d of docs) {
  const src = texts.get(d.id)
  if (!src) continue
  if (values.template) {
    for (let i = 0; i < d.sentences.length; i++) console.log(JSON.stringify({ doc: d.id, sent: i, events: [] }))
    continue
  }
  const capped = d.totalSentences > d.sentences.length ? ` (first ${d.sentences.length} of ${d.totalSentences} sentences)` : ''
  console.log(`=== DOC ${d.id}  source=${d.source} date=${src.date ?? 'unknown'}${capped}`)
  if (src.title) console.log(`    title: ${src.title}`)
  d.sentences.forEach(([start, end], i) => {
    console.log(`[${i}] ${src.text.slice(start, end).replace(/\s*\n\s*/g, ' ')}`)
  })
  console.log('')
}
