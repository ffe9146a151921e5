import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { jsonlLines, leadingId } from './jsonl-lines.js'

async function lines(chunks: (string | Buffer)[], cap: number): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const l of jsonlLines(chunks, cap)) out.push(l)
  return out
}

describe('jsonlLines', () => {
  it('splits on newlines across chunks, drops CR and a leading BOM', async () => {
    assert.deepEqual(await lines(['\uFEFFab', 'c\r\n\nd', 'e\n', 'f'], 100), [
      { n: 1, text: 'abc' },
      { n: 2, text: '' },
      { n: 3, text: 'de' },
      { n: 4, text: 'f' },
    ])
  })

  it('keeps a BOM that is not at the start of the stream', async () => {
    assert.deepEqual(await lines(['a\n\uFEFFb\n'], 100), [
      { n: 1, text: 'a' },
      { n: 2, text: '\uFEFFb' },
    ])
  })

  it('reports a line over the cap by size without holding it, and reads on', async () => {
    const long = `{"id": "big", "text": "${'x'.repeat(50)}"}`
    const out = await lines([long.slice(0, 20), long.slice(20), '\nok\n'], 30)
    assert.deepEqual(out[0], { n: 1, tooLong: long.length, head: long })
    assert.deepEqual(out[1], { n: 2, text: 'ok' })
  })

  it('keeps multi-byte characters split between chunks whole', async () => {
    const bytes = Buffer.from('Дамаск\n')
    assert.deepEqual(await lines([bytes.subarray(0, 3), bytes.subarray(3)], 100), [{ n: 1, text: 'Дамаск' }])
  })
})

describe('leadingId', () => {
  it('finds an id written first, as text or number', () => {
    assert.equal(leadingId('{"id": "a\\"1", "text": "…'), 'a"1')
    assert.equal(leadingId(' { "id" : 42, "text'), '42')
    assert.equal(leadingId('{"text": "…", "id": "late"}'), null)
  })
})
