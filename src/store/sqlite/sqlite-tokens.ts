import type Database from 'better-sqlite3'
import type { NewToken, StoredToken, TokenScope, TokenStore } from '../tokens.js'

interface TokenRow {
  id: string
  name: string
  scope: string
  created_at: string
  revoked_at: string | null
}

const toToken = (r: TokenRow): StoredToken => ({ id: r.id, name: r.name, scope: r.scope as TokenScope, createdAt: r.created_at, revokedAt: r.revoked_at })

/** The token methods of the SQLite store, over its open database. */
export function sqliteTokens(db: Database.Database): TokenStore {
  return {
    async addToken(token: NewToken) {
      db.prepare('INSERT INTO api_tokens (id, name, scope, hash) VALUES (?, ?, ?, ?)').run(token.id, token.name, token.scope, token.hash)
    },
    async listTokens() {
      return (db.prepare('SELECT id, name, scope, created_at, revoked_at FROM api_tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken)
    },
    async findToken(hash: string) {
      const row = db.prepare('SELECT id, name, scope, created_at, revoked_at FROM api_tokens WHERE hash = ?').get(hash) as TokenRow | undefined
      return row ? toToken(row) : null
    },
    async revokeToken(id: string) {
      const now = new Date().toISOString()
      return db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0
    },
  }
}
