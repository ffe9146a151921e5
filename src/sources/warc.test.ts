import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { warcBytes } from './test-articles.js'
import { parseHttpResponse, readWarcRecords, WarcError } from './warc.js'

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}
async function all(bytes: Buffer, size: number, options = {}) {
  const out = []
  for await (const r of readWarcRecords(chunked(bytes, size), options)) out.push(r)
  return out
}

describe('WARC records', () => {
  const bytes = warcBytes(
    [
      { type: 'request', uri: 'https://a.example/1', body: 'GET / HTTP/1.1\r\n\r\n' },
      { type: 'response', uri: 'https://a.example/1', body: '<p>one</p>' },
      { type: 'response', uri: 'https://a.example/2', body: '<p>two</p>' },
    ],
    false,
  )
  it('reads records whatever the chunk size, with their offsets', async () => {
    for (const size of [1, 7, 100, 1 << 20]) {
      const records = await all(bytes, size)
      assert.deepEqual(
        records.map((r) => r.headers['warc-type']),
        ['request', 'response', 'response'],
      )
      assert.equal(records[0]?.offset, 0)
      assert.equal(records[1]?.offset, records[0]?.end)
      assert.equal(records[2]?.end, bytes.length)
    }
  })
  it('starts from an offset, and skips a block over the cap without keeping it', async () => {
    const records = await all(bytes, 50)
    const rest = await all(bytes.subarray(records[1]?.offset), 50, { startOffset: records[1]?.offset })
    assert.equal(rest[0]?.offset, records[1]?.offset)
    const capped = await all(bytes, 50, { maxBlockBytes: 20 })
    assert.equal(capped[1]?.block, null)
    assert.equal(capped[2]?.headers['warc-target-uri'], 'https://a.example/2')
  })
  it('reports a truncated file and a file that is not WARC at their byte offset', async () => {
    await assert.rejects(all(bytes.subarray(0, bytes.length - 30), 64), (e: unknown) => e instanceof WarcError && /ends inside a record/.test(e.message))
    await assert.rejects(all(Buffer.from('<html>not warc</html>\r\n\r\n'), 64), /byte 0: expected a WARC\/1.x record/)
  })
  it('reads a stored HTTP response: chunked, gzipped, and bare LF headers', () => {
    const chunkedBody = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n')
    assert.equal(parseHttpResponse(chunkedBody)?.body.toString(), '<p>ab</p>')
    const gz = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n'), gzipSync('<p>zipped</p>')])
    assert.equal(parseHttpResponse(gz)?.body.toString(), '<p>zipped</p>')
    assert.equal(parseHttpResponse(Buffer.from('HTTP/1.0 404 Not Found\ncontent-type: text/html\n\nx'))?.status, 404)
    assert.equal(parseHttpResponse(Buffer.from('not http')), null)
  })
})
