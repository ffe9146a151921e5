import { createPostgresStore } from '../store/postgres/pg-store.js'
import { createTestDatabase, dropTestDatabases } from '../store/postgres/test-database.js'
import { createApp } from './app.js'
import { LEXICON } from './test-helpers.js'

const url = await createTestDatabase()
const store = createPostgresStore(url)
await store.migrate()
const orig = store.watchEvents!.bind(store)
store.watchEvents = async (cb) => {
  console.log('watch')
  const u = await orig(cb)
  return async () => {
    console.log('unwatch')
    await u()
  }
}
const app = createApp({ store, lexicon: LEXICON, streamPollMs: 600_000, log: () => undefined })
const res = await app.request('/v1/stream')
const reader = (res.body as ReadableStream<Uint8Array>).getReader()
console.log(new TextDecoder().decode((await reader.read()).value))
await reader.cancel()
console.log('cancelled')
await new Promise((r) => setTimeout(r, 500))
await store.close()
await dropTestDatabases()
