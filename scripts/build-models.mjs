// Compiles the committed models (models/*.model.gz) into dist/models/: each model's scoring
// table as the loader lays it out, and for the parser's models the packed table it scores
// with, so that a cold process maps them instead of unzipping and hashing (MODELS.md).
// Run by `npm run build` after tsc; a compiled file names the model file it was made from
// and is ignored when that file changes, so a retrained model never meets a stale table.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PackedModel } from '../dist/models/packed-model.js'
import { LinearModel } from '../dist/models/perceptron.js'

const MODELS = fileURLToPath(new URL('../models/', import.meta.url))
// the models the dependency parser scores through PackedModel (createParser)
const PACKED = /^parser-/

let written = 0
for (const file of readdirSync(MODELS).sort()) {
  if (!file.endsWith('.model.gz')) continue
  const path = join(MODELS, file)
  // the parser reads only its packed table: its file table would be 70 MB never read
  if (PACKED.test(file)) PackedModel.compile(LinearModel.load(path))
  else LinearModel.compile(path)
  written++
}
console.log(`models: ${written} compiled file(s) -> dist/models/`)
