import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { compiledPath, readCompiled } from './compiled-model.js'
import { PackedModel } from './packed-model.js'
import { FeatureBuffer, LinearModel, PerceptronTrainer } from './perceptron.js'
import { seededRandom } from './random.js'

// a small model file in a temporary folder; its compiled files go to dist/models/ and are removed after
function modelFile(classes: string[], seed = 11): { path: string; buffers: FeatureBuffer[]; cleanup: () => void } {
  const random = seededRandom(seed)
  const trainer = new PerceptronTrainer(classes)
  const buffers: FeatureBuffer[] = []
  for (let k = 0; k < 300; k++) {
    const b = new FeatureBuffer()
    for (let f = 0; f < 15; f++) b.push(Math.floor(random() * 2 ** 32) >>> 0)
    trainer.update(b, Math.floor(random() * classes.length), Math.floor(random() * classes.length))
    buffers.push(b)
  }
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-compiled-'))
  const path = join(dir, `compiled-test-${process.pid}-${classes.length}-${seed}.model.gz`)
  writeFileSync(path, gzipSync(trainer.average().serialize()))
  const cleanup = (): void => {
    rmSync(dir, { recursive: true, force: true })
    for (const kind of ['table', 'packed'] as const) rmSync(compiledPath(path, kind), { force: true })
  }
  return { path, buffers, cleanup }
}

function sameScores(a: { score(f: FeatureBuffer, s: Float64Array): Float64Array }, b: typeof a, buffers: readonly FeatureBuffer[], n: number): void {
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (const f of buffers) {
    a.score(f, x)
    b.score(f, y)
    assert.deepEqual([...y], [...x])
  }
}

describe('compiled models', () => {
  it('a compiled table scores exactly as the model file it was made from', () => {
    const classes = ['A', 'B', 'C', 'D', 'E']
    const { path, buffers, cleanup } = modelFile(classes)
    try {
      const parsed = LinearModel.load(path)
      assert.equal(readCompiled(path, 'table'), null)
      LinearModel.compile(path)
      assert.ok(readCompiled(path, 'table'))
      sameScores(parsed, LinearModel.load(path), buffers, classes.length)
      PackedModel.compile(LinearModel.load(path))
      sameScores(new PackedModel(parsed), PackedModel.load(path), buffers, classes.length)
    } finally {
      cleanup()
    }
  })

  it('a compiled file of another version of the model is ignored, whatever its file times say', () => {
    const { path, buffers, cleanup } = modelFile(['X', 'Y', 'Z'])
    try {
      LinearModel.compile(path)
      const before = statSync(path)
      // another model written over it, with the old file's times put back (as cp -p or an archive would)
      const other = modelFile(['X', 'Y', 'Z'], 99)
      writeFileSync(path, readFileSync(other.path))
      other.cleanup()
      utimesSync(path, before.atime, before.mtime)
      assert.equal(readCompiled(path, 'table'), null)
      sameScores(LinearModel.load(path), LinearModel.load(path), buffers, 3)
    } finally {
      cleanup()
    }
  })

  it('a corrupt compiled file is ignored and the model read itself', () => {
    const { path, buffers, cleanup } = modelFile(['P', 'Q'])
    try {
      const parsed = LinearModel.load(path)
      const compiled = LinearModel.compile(path)
      const bytes = readFileSync(compiled)
      const newline = bytes.indexOf(10)
      const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { lengths: number[] }
      // a key table whose size is no power of two, then a length past the file's end
      for (const lengths of [
        [(header.lengths[0] as number) - 8, header.lengths[1]],
        [header.lengths[0], 1e12],
      ]) {
        let json = JSON.stringify({ ...header, lengths })
        while ((json.length + 1) % 8 !== 0) json += ' '
        writeFileSync(compiled, Buffer.concat([Buffer.from(`${json}\n`), bytes.subarray(newline + 1)]))
        sameScores(parsed, LinearModel.load(path), buffers, 2)
      }
    } finally {
      cleanup()
    }
  })
})
