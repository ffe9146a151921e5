// Trains the UPOS tagger (averaged perceptron, greedy left to right) on UD English-EWT.
// Usage: npm run train:pos [-- --iterations 9 --folds 4 --seeds 7 --word-margin M --second-margin M --fixed-count 20 --fixed-share 0.99 --train PATH --dev PATH]
// Writes models/pos-ewt.model.gz (first pass), models/pos-ewt.right.model.gz (second pass,
// with the first pass's tags to the right) and models/pos-ewt.tagdict.json, prints dev accuracy.
// Needs models/word-clusters.tsv.gz (npm run build:clusters). The recipe is scripts/pos-recipe.ts.
import { rmSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { createPosTagger, NO_MARGINS, POS_MODEL_PATH, POS_RIGHT_MODEL_PATH, POS_TAGDICT_PATH, type PosMargins } from '../src/stages/segment/pos-tagger.js'
import { readConllu } from './conll.js'
import { POS_RECIPE, type PosRecipe, trainPos } from './pos-recipe.js'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-train.conllu' },
    dev: { type: 'string', default: '../shared/data/syntax/en_ewt-ud-dev.conllu' },
    iterations: { type: 'string', default: String(POS_RECIPE.iterations) },
    'fixed-count': { type: 'string', default: String(POS_RECIPE.fixedCount) },
    'fixed-share': { type: 'string', default: String(POS_RECIPE.fixedShare) },
    folds: { type: 'string', default: String(POS_RECIPE.folds) },
    seeds: { type: 'string', default: POS_RECIPE.seeds.join(',') },
    'word-margin': { type: 'string', default: String(POS_RECIPE.margins.word) },
    'second-margin': { type: 'string', default: String(POS_RECIPE.margins.second) },
  },
})
const started = Date.now()
const train = readConllu(values.train)
const dev = readConllu(values.dev)
const margins: PosMargins = { word: Number(values['word-margin']), second: Number(values['second-margin']) }
const recipe: PosRecipe = {
  iterations: Number(values.iterations),
  fixedCount: Number(values['fixed-count']),
  fixedShare: Number(values['fixed-share']),
  folds: Number(values.folds),
  seeds: values.seeds.split(',').map(Number),
  margins,
}
const { tagdict, first: model, second } = trainPos(train, recipe, (line) => console.log(line))

/** Dev accuracy (gold tokens) of the tagger, in percent. */
function devAccuracy(margins: PosMargins): number {
  const tagger = createPosTagger(model, tagdict, second, margins)
  let ok = 0
  let seen = 0
  for (const s of dev) {
    tagger.tag(s.words).forEach((t, i) => {
      if (t === s.tags[i]) ok++
      seen++
    })
  }
  return (100 * ok) / seen
}
const full = devAccuracy(NO_MARGINS)
const spared = devAccuracy(margins)
writeFileSync(POS_MODEL_PATH, gzipSync(model.serialize(), { level: 9 }))
if (second) writeFileSync(POS_RIGHT_MODEL_PATH, gzipSync(second.serialize(), { level: 9 }))
else rmSync(POS_RIGHT_MODEL_PATH, { force: true })
writeFileSync(POS_TAGDICT_PATH, `${JSON.stringify({ ...tagdict, margins })}\n`)
console.log(`features ${model.size}, fixed tags ${Object.keys(tagdict.fixed).length} words, classes ${Object.keys(tagdict.classes).length} words`)
console.log(
  `dev UPOS accuracy (gold tokens) ${spared.toFixed(2)}% (${full.toFixed(2)}% scoring every word in full) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
