// The parser on news-style sentences written for this project (test/news-relations.jsonl;
// see test/news-relations.ts): prints each missed arc, then the share of the given arcs
// whose head (uas) and head and base relation (las) are right. EWT dev (the shared syntax
// scorer) is web text; this is the check that a parser's gain there carries to news.
// Usage: npm run eval:news-syntax [-- --file PATH --quiet]
import { parseArgs } from 'node:util'
import { NEWS_RELATIONS_PATH, scoreNewsRelations } from '../test/news-relations.js'

const { values } = parseArgs({ options: { file: { type: 'string' }, quiet: { type: 'boolean', default: false } } })
const score = scoreNewsRelations(values.file ?? NEWS_RELATIONS_PATH)
if (!values.quiet) for (const m of score.misses) console.log(`miss: ${m.gold} (parsed ${m.parsed}) in "${m.text}"`)
console.log(`news-syntax: sentences=${score.sentences} arcs=${score.arcs} uas=${score.uas.toFixed(3)} las=${score.las.toFixed(3)}`)
