import assert from 'node:assert/strict'
import { test } from 'node:test'
import { articleJob, articleJobId, jobInput, parseArticleJob } from './job-schema.js'
import { QueueUrlError, queueName, redisConnection } from './redis-url.js'

test('a job round-trips its input and refuses other shapes in one line', () => {
  const job = articleJob({ id: '7', text: 'Some text.', published: '2025-01-02' }, 'a.jsonl:3')
  const parsed = parseArticleJob(JSON.parse(JSON.stringify(job)))
  assert.ok(parsed.ok)
  assert.deepEqual(jobInput(parsed.job), { id: '7', text: 'Some text.', published: '2025-01-02' })
  assert.deepEqual(parseArticleJob({ v: 2, where: '', input: { text: 'x' } }), { ok: false, error: 'not a sitrep analysis job: v: Invalid input: expected 1' })
  const extra = parseArticleJob({ v: 1, where: '', input: { text: 'x', script: 'y' } })
  assert.ok(!extra.ok && /input/.test(extra.error))
  assert.ok(!parseArticleJob(null).ok)
})

test('job ids are content hashes: the same document gives the same id, any change another', () => {
  const a = articleJobId({ text: 'One text.', id: '1', url: 'https://example.org/a' })
  assert.equal(a, articleJobId({ text: 'One text.', id: '2' }))
  assert.notEqual(a, articleJobId({ text: 'One text!' }))
  assert.notEqual(a, articleJobId({ text: 'One text.', published: '2025-01-01' }))
  assert.notEqual(articleJobId({ text: '<p>x</p>' }), articleJobId({ html: '<p>x</p>' }))
  assert.match(a, /^doc-[0-9a-f]{40}$/)
})

test('Redis URLs and queue names are read or refused in words', () => {
  assert.deepEqual(redisConnection('redis://127.0.0.1:6380/2'), { host: '127.0.0.1', port: 6380, db: 2, maxRetriesPerRequest: null })
  assert.deepEqual(redisConnection('redis://u:p%40ss@localhost'), {
    host: 'localhost',
    port: 6379,
    db: 0,
    username: 'u',
    password: 'p@ss',
    maxRetriesPerRequest: null,
  })
  assert.throws(
    () => redisConnection('postgres://u:secret@h/db'),
    (e: Error) => e instanceof QueueUrlError && /not a Redis URL/.test(e.message) && !/secret/.test(e.message),
  )
  assert.throws(() => redisConnection('redis://h/abc'), /names database "abc"/)
  assert.throws(() => redisConnection('127.0.0.1:6379'), /not a Redis URL|not a URL/)
  assert.equal(queueName(undefined), 'sitrep')
  assert.throws(() => queueName('a:b'), /not usable/)
})
