import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runInNewContext } from 'node:vm'
import { fullCollection, ingestMemoryCeiling } from './memory-ceiling.js'

describe('ingest memory ceiling', () => {
  it('gets a full collection without leaving gc exposed to the process', () => {
    const exposed = typeof (globalThis as { gc?: unknown }).gc === 'function'
    const collect = fullCollection()
    assert.equal(typeof collect, 'function')
    let garbage: number[][] | null = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 100 }, () => i))
    const before = process.memoryUsage().heapUsed
    garbage = null
    collect?.()
    assert.equal(garbage, null)
    assert.ok(process.memoryUsage().heapUsed < before, 'the collection freed the dropped arrays')
    // a context made later does not see gc unless node was started with --expose-gc
    assert.equal(runInNewContext('typeof gc'), exposed ? 'function' : 'undefined')
    assert.equal(typeof (globalThis as { gc?: unknown }).gc === 'function', exposed)
  })
  it('is checked by the ingest run and stays idle under its ceiling', () => {
    const ceiling = ingestMemoryCeiling(64 * 1024)
    assert.ok(ceiling)
    assert.equal(ceiling.check(), false)
    assert.equal(ceiling.collections(), 0)
  })
})
