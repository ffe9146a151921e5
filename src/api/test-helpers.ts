import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLexicon } from '../lexicon/lexicon.js'
import { issueToken } from '../services/api-tokens.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/store.js'
import { DOC_A, DOC_B } from '../store/store-contract.js'
import { type ApiOptions, createApp } from './app.js'

/** A store with the contract's two documents and one token of each scope (plus a revoked one), for API tests. */
export interface ApiFixture {
  readonly store: Store
  readonly app: ReturnType<typeof createApp>
  readonly tokens: { readonly read: string; readonly write: string; readonly admin: string; readonly revoked: string }
  /** Everything a request might change: article and event counts and the token list. */
  snapshot(): Promise<string>
}

/** The shared lexicon of the API tests (built once). */
export const LEXICON = createLexicon()

/** Builds a fresh SQLite store and an app over it with `options`. */
export async function apiFixture(options: Partial<ApiOptions> = {}): Promise<ApiFixture> {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-api-')), 'api.db'))
  await store.migrate()
  await store.save(DOC_A, 'test')
  await store.save(DOC_B, 'test')
  const read = (await issueToken(store, 'reader', 'read')).secret
  const write = (await issueToken(store, 'writer', 'write')).secret
  const admin = (await issueToken(store, 'admin', 'admin')).secret
  const old = await issueToken(store, 'old', 'write')
  await store.revokeToken(old.id)
  const app = createApp({ store, lexicon: LEXICON, log: () => undefined, ...options })
  return {
    store,
    app,
    tokens: { read, write, admin, revoked: old.secret },
    snapshot: async () => JSON.stringify([await store.counts(), await store.listTokens(), await store.queryEvents({})]),
  }
}

/** Request headers with a bearer token and a JSON body type. */
export function withToken(secret: string | null, json = true): Record<string, string> {
  return { ...(secret ? { Authorization: `Bearer ${secret}` } : {}), ...(json ? { 'Content-Type': 'application/json' } : {}) }
}
