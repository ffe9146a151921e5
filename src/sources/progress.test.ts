import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createProgress, emptyStats } from './progress.js'

describe('progress line', () => {
  it('shows docs/s, new, duplicates, failed and the ETA on a terminal', () => {
    const written: string[] = []
    let now = 0
    const tty = { isTTY: true, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream
    const progress = createProgress(tty, () => now)
    assert.ok(progress)
    now = 10_000
    progress.update({ ...emptyStats(), seen: 50, inserted: 40, duplicates: 6, copies: 2, failed: 2 }, 0.25)
    assert.match(written.at(-1) ?? '', /\[#####\.+\] 25% ETA 30s 50 docs 5\.0\/s, 40 new, 8 duplicate, 2 failed/)
    now = 10_100
    progress.update(emptyStats(), null) // within 200 ms of the last: not redrawn
    assert.equal(written.length, 1)
    progress.clear()
    assert.equal(written.at(-1), '\r\x1b[K')
  })
  it('draws nothing when the stream is not a terminal', () => {
    assert.equal(createProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream), null)
  })
})
