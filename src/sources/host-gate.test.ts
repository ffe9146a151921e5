import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createHostGate } from './host-gate.js'

describe('host gate', () => {
  it('spaces requests to one host, not requests to different hosts', async () => {
    const waits: [string, number][] = []
    let host = ''
    const gate = createHostGate({ intervalMs: 1000, concurrency: 4, sleep: async (ms) => void waits.push([host, ms]) })
    for (host of ['a.example', 'b.example', 'a.example', 'a.example']) (await gate.enter(host))()
    assert.deepEqual(
      waits.map(([h]) => h),
      ['a.example', 'a.example'],
    )
    // the third request to a.example waits about twice the interval
    assert.ok((waits[1]?.[1] ?? 0) > 1000, String(waits[1]?.[1]))
  })

  it('lets no more than `concurrency` requests in at once', async () => {
    const gate = createHostGate({ intervalMs: 0, concurrency: 2, sleep: async () => {} })
    const first = await gate.enter('a')
    await gate.enter('b')
    let third = false
    const pending = gate.enter('c').then(() => {
      third = true
    })
    await new Promise((r) => setImmediate(r))
    assert.equal(third, false)
    first()
    await pending
    assert.equal(third, true)
  })
})
