// Police actions in news written for this project (test/police-events.jsonl; see
// test/police-events.ts): prints each item whose police codes are wrong, then arrest and
// use-of-force precision, recall and F1 over the items and the share exactly right.
// Usage: npm run eval:police-events [-- --file PATH --quiet]
import { parseArgs } from 'node:util'
import { POLICE_EVENTS_PATH, scorePoliceEvents } from '../test/police-events.js'

const { values } = parseArgs({ options: { file: { type: 'string' }, quiet: { type: 'boolean', default: false } } })
const score = scorePoliceEvents(values.file ?? POLICE_EVENTS_PATH)
if (!values.quiet) for (const m of score.misses) console.log(`miss: want [${m.expected.join(',')}] found [${m.found.join(',')}] in "${m.text}"`)
const f = (n: number): string => n.toFixed(3)
console.log(
  `police-events: items=${score.items} arrest_f1=${f(score.arrest.f1)} arrest_p=${f(score.arrest.precision)} arrest_r=${f(score.arrest.recall)} force_f1=${f(score.force.f1)} force_p=${f(score.force.precision)} force_r=${f(score.force.recall)} exact=${f(score.exact)}`,
)
