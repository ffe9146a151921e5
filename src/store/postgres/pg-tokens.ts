import type { NewToken, StoredToken, TokenScope, TokenStore } from '../tokens.js'

interface TokenRow {
  id: string
  name: string
  scope: string
  created_at: string
  revoked_at: string | null
}

const toToken = (r: TokenRow): StoredToken => ({ id: r.id, name: r.name, scope: r.scope as TokenScope, createdAt: r.created_at, revokedAt: r.revoked_at })

/** The token methods of the PostgreSQL store, over its query function (the same table and rules as SQLite's). */
export function pgTokens(query: <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>): TokenStore {
  return {
    async addToken(token: NewToken) {
      await query('INSERT INTO api_tokens (id, name, scope, hash) VALUES ($1, $2, $3, $4)', [token.id, token.name, token.scope, token.hash])
    },
    async listTokens() {
      return (await query<TokenRow & Record<string, unknown>>('SELECT id, name, scope, created_at, revoked_at FROM api_tokens ORDER BY created_at, id')).map(
        toToken,
      )
    },
    async findToken(hash: string) {
      const rows = await query<TokenRow & Record<string, unknown>>('SELECT id, name, scope, created_at, revoked_at FROM api_tokens WHERE hash = $1', [hash])
      return rows[0] ? toToken(rows[0]) : null
    },
    async revokeToken(id: string) {
      const rows = await query<{ id: string }>('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id', [
        new Date().toISOString(),
        id,
      ])
      return rows.length > 0
    },
  }
}
