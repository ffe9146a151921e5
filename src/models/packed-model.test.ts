import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { PackedModel } from './packed-model.js'
import { FeatureBuffer, LinearModel, PerceptronTrainer } from './perceptron.js'
import { seededRandom } from './random.js'

// a small trained model: random features pushed toward random classes
function trained(classes: string[]): { trainer: PerceptronTrainer; buffers: FeatureBuffer[] } {
  const random = seededRandom(3)
  const trainer = new PerceptronTrainer(classes)
  const buffers: FeatureBuffer[] = []
  for (let k = 0; k < 200; k++) {
    const b = new FeatureBuffer()
    // hash 0 is a legal feature too (stored under another key in the packed table)
    if (k % 50 === 0) b.push(0)
    for (let f = 0; f < 20; f++) b.push(Math.floor(random() * 2 ** 32) >>> 0)
    trainer.update(b, Math.floor(random() * classes.length), Math.floor(random() * classes.length))
    buffers.push(b)
  }
  return { trainer, buffers }
}

describe('PackedModel', () => {
  for (const classes of [['SHIFT', 'LEFT', 'RIGHT'], Array.from({ length: 12 }, (_, i) => `L${i}`)]) {
    it(`scores as the LinearModel it packs (${classes.length} classes)`, () => {
      const { trainer, buffers } = trained(classes)
      const model = trainer.average()
      const packed = new PackedModel(model)
      const a = new Float64Array(classes.length)
      const b = new Float64Array(classes.length)
      for (const f of buffers) {
        model.score(f, a)
        packed.score(f, b)
        for (let c = 0; c < classes.length; c++) assert.ok(Math.abs((a[c] as number) - (b[c] as number)) < 1e-6)
        assert.equal(packed.predict(f, b), model.predict(f, a))
      }
      // an unseen feature scores nothing
      const unseen = new FeatureBuffer()
      unseen.push(123456789)
      assert.deepEqual([...packed.score(unseen, b)], new Array(classes.length).fill(0))
    })
  }

  for (const classes of [['SHIFT', 'LEFT', 'RIGHT'], Array.from({ length: 12 }, (_, i) => `L${i}`)]) {
    it(`chooses within a range of classes as predict does with that range allowed (${classes.length} classes)`, () => {
      const { trainer, buffers } = trained(classes)
      const packed = new PackedModel(trainer.average())
      const scores = new Float64Array(classes.length)
      const [lo, hi] = [1, classes.length - 1]
      const allowed = new Uint8Array(classes.length).fill(1, lo, hi)
      for (const f of buffers) assert.equal(packed.predictRange(f, scores, lo, hi), packed.predict(f, scores, allowed))
    })
  }
})

describe('LinearModel read from a file', () => {
  for (const classes of [['O', 'B', 'I'], Array.from({ length: 40 }, (_, i) => `L${i}`)]) {
    it(`scores as the model it was saved from, and packs the same (${classes.length} classes)`, () => {
      const { trainer, buffers } = trained(classes)
      const model = trainer.average()
      const path = join(mkdtempSync(join(tmpdir(), 'sitrep-model-')), 'm.model')
      writeFileSync(path, model.serialize())
      const loaded = LinearModel.load(path)
      // rows whose weights all round to zero are left out of the file
      assert.ok(loaded.size > 0 && loaded.size <= model.size)
      // each int16 weight is off by half a step at most: a step is the largest weight / 32767
      const row = new Float32Array(classes.length)
      let largest = 0
      for (const [, r] of model.entries()) {
        model.copyRow(r, row, 0)
        for (const w of row) largest = Math.max(largest, Math.abs(w))
      }
      const tolerance = (21 * largest) / 32767
      const packed = new PackedModel(loaded)
      const a = new Float64Array(classes.length)
      const b = new Float64Array(classes.length)
      const c = new Float64Array(classes.length)
      for (const f of buffers) {
        model.score(f, a)
        loaded.score(f, b)
        packed.score(f, c)
        // 21 features at most, each within half a step
        for (let k = 0; k < classes.length; k++) {
          assert.ok(Math.abs((a[k] as number) - (b[k] as number)) <= tolerance)
          assert.ok(Math.abs((b[k] as number) - (c[k] as number)) <= 1e-3 * Math.max(1, Math.abs(b[k] as number)))
        }
      }
      // saved again, read again: the same scores
      writeFileSync(path, loaded.serialize())
      const again = LinearModel.load(path)
      for (const f of buffers) assert.deepEqual([...again.score(f, a)], [...loaded.score(f, b)])
      // a model read from a file does not learn
      assert.throws(() => loaded.ensureRow(42), /cannot learn/)
      // nothing active, nothing scored
      assert.deepEqual([...loaded.score(new FeatureBuffer(), b)], new Array(classes.length).fill(0))
    })
  }
})
