// Adds and regenerates golden fixtures (test/fixtures/<stage>/<slug>/).
//   npm run fixtures -- add STAGE SLUG FILE [--date YYYY-MM-DD] [--raw]   new fixture from a text file
//   npm run fixtures -- regen [STAGE[/SLUG]]                                rewrite expected.json files
// Review the diff of every regenerated file like code before committing it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIXTURES_DIR, listFixtures, produce, STAGE_KEYS } from '../test/fixtures.js'

const [command, ...args] = process.argv.slice(2)
const write = (folder: string, stage: string): void => {
  writeFileSync(join(folder, 'expected.json'), `${JSON.stringify(produce(stage, folder), null, 1)}\n`)
  console.log(`wrote ${join(folder, 'expected.json')}`)
}

if (command === 'add') {
  const [stage, slug, file] = args
  if (!stage || !slug || !file || !STAGE_KEYS[stage]) {
    console.error(`usage: add STAGE SLUG FILE [--date YYYY-MM-DD] [--raw]; STAGE is one of ${Object.keys(STAGE_KEYS).join(', ')}`)
    process.exit(2)
  }
  const dateAt = args.indexOf('--date')
  const input = {
    text: readFileSync(file, 'utf8'),
    ...(dateAt >= 0 && args[dateAt + 1] ? { published: args[dateAt + 1] } : {}),
    ...(args.includes('--raw') ? {} : { clean: false }),
  }
  const folder = join(FIXTURES_DIR, stage, slug)
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'input.json'), `${JSON.stringify(input, null, 1)}\n`)
  write(folder, stage)
} else if (command === 'regen') {
  const only = args[0]
  for (const [stage, slug, folder] of listFixtures()) if (!only || only === stage || only === `${stage}/${slug}`) write(folder, stage)
} else {
  console.error('usage: fixtures add STAGE SLUG FILE [--date D] [--raw] | fixtures regen [STAGE[/SLUG]]')
  process.exit(2)
}
