import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PackedModel } from './packed-model.js'
import { FeatureBuffer, PerceptronTrainer } from './perceptron.js'
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
})
