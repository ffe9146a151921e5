import assert from 'node:assert/strict'
import { test } from 'node:test'
import { orderedWindow } from './ingest-scale.js'

test('the ordered window runs tasks in push order, lets a few be pending, and reports a failure without stopping the rest', async () => {
  const w = orderedWindow(3)
  const done: number[] = []
  const delays = [30, 0, 10, 0, 20]
  for (const [i, ms] of delays.entries()) {
    await w.push(async () => {
      await new Promise((r) => setTimeout(r, ms))
      done.push(i)
    })
  }
  await w.drain()
  assert.deepEqual(done, [0, 1, 2, 3, 4])

  const v = orderedWindow(2)
  const ran: number[] = []
  await v.push(async () => {
    throw new Error('first fails')
  })
  await assert.rejects(
    v.push(async () => void ran.push(1)),
    /first fails/,
  )
  await v.drain()
  assert.deepEqual(ran, [1])
})
