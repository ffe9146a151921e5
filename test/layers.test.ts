import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome')

// [folder the file sits in, what it imports, whether the layer rule allows it]
const CASES: readonly [string, string, boolean][] = [
  ['src/stages/tone', '../../store/store.js', false],
  ['src/stages/tone', '../../store/sqlite/sqlite-store.js', false],
  ['src/stages/tone', '../../cli/util.js', false],
  ['src/stages/tone', '../../pipeline.js', false],
  ['src/stages/tone', 'node:https', false],
  ['src/stages/tone', '../../core/doc.js', true],
  ['src/stages/tone', '../../lexicon/load.js', true],
  ['src/core', '../lexicon/load.js', false],
  ['src/core', './doc.js', true],
  ['src/lexicon', '../stages/context.js', false],
  ['src/lexicon', '../core/doc.js', true],
  ['src/store', '../cli/util.js', false],
  ['src/store', '../output.js', true],
  ['src/store', '../watch/rule.js', false],
  ['src/sources', '../watch/webhook.js', false],
  ['src/watch', '../services/watch-runner.js', false],
  ['src/watch', '../cli/util.js', false],
  ['src/watch', '../api/app.js', false],
  ['src/watch', '../store/store.js', true],
  ['src/watch', '../sources/safe-fetch.js', true],
  ['src/services', '../watch/engine.js', true],
]

describe('layers import one way (biome.json noRestrictedImports)', () => {
  for (const [folder, target, allowed] of CASES) {
    it(`${folder} ${allowed ? 'may' : 'may not'} import ${target}`, () => {
      // a probe file in the folder, linted with the project's configuration, then removed
      const file = join(ROOT, folder, `zz-layer-probe-${process.pid}.ts`)
      writeFileSync(file, `import type * as Probe from '${target}'\n\nexport type Seen = typeof Probe\n`)
      try {
        const r = spawnSync(BIOME, ['lint', '--max-diagnostics=5', file], { cwd: ROOT, encoding: 'utf8' })
        const refused = /noRestrictedImports/.test(r.stdout + r.stderr)
        assert.equal(refused, !allowed, r.stdout + r.stderr)
        if (allowed) assert.equal(r.status, 0, r.stdout + r.stderr)
      } finally {
        rmSync(file, { force: true })
      }
    })
  }
})
