/** What a token may do: read < write < admin, each scope including the ones before it. */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const

/** A token's scope. */
export type TokenScope = (typeof TOKEN_SCOPES)[number]

/** Whether a token of scope `has` may do what scope `needs` allows. */
export function scopeAllows(has: TokenScope, needs: TokenScope): boolean {
  return TOKEN_SCOPES.indexOf(has) >= TOKEN_SCOPES.indexOf(needs)
}

/** A token to store: its public id, a name for people, its scope and the hash of its secret (never the secret). */
export interface NewToken {
  readonly id: string
  readonly name: string
  readonly scope: TokenScope
  readonly hash: string
}

/** A stored API token as listed: never its secret nor its hash. */
export interface StoredToken {
  readonly id: string
  readonly name: string
  readonly scope: TokenScope
  readonly createdAt: string
  /** When it was revoked (ISO time), or null while it is valid. */
  readonly revokedAt: string | null
}

/** Where API tokens are kept; part of every Store. */
export interface TokenStore {
  /** Stores a new token; its id and hash must be new. */
  addToken(token: NewToken): Promise<void>
  /** Every token, valid or revoked, oldest first. */
  listTokens(): Promise<StoredToken[]>
  /** The token whose secret hashes to `hash`, revoked or not, or null. */
  findToken(hash: string): Promise<StoredToken | null>
  /** Revokes a token by id; false when no valid token has that id. */
  revokeToken(id: string): Promise<boolean>
}
