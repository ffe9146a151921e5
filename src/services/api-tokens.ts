import { createHash, randomBytes } from 'node:crypto'
import type { Store } from '../store/store.js'
import type { StoredToken, TokenScope } from '../store/tokens.js'

// "srt_" then 43 base64url characters (32 random bytes): long enough that guessing is hopeless,
// so a fast hash (SHA-256) is the right one to store, and lookups go by that hash
const SECRET = /^srt_[A-Za-z0-9_-]{43}$/

/** The hash a token is stored under: SHA-256 of its secret, in hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** A new token: its id and the secret, shown once and never stored. */
export interface IssuedToken {
  readonly id: string
  readonly name: string
  readonly scope: TokenScope
  readonly secret: string
}

/** Creates and stores a token with a scope; the secret is in the answer only. */
export async function issueToken(store: Store, name: string, scope: TokenScope): Promise<IssuedToken> {
  if (!name.trim() || name.length > 200) throw new TypeError('a token needs a name of 1 to 200 characters, such as "newsroom-cms"')
  const id = `tok_${randomBytes(6).toString('hex')}`
  const secret = `srt_${randomBytes(32).toString('base64url')}`
  await store.addToken({ id, name: name.trim(), scope, hash: hashSecret(secret) })
  return { id, name: name.trim(), scope, secret }
}

/** Why a presented secret is refused, or the token it belongs to. */
export type TokenCheck = { readonly ok: true; readonly token: StoredToken } | { readonly ok: false; readonly reason: 'invalid' | 'revoked' }

/** Checks a presented secret: its shape, then the stored hash, then whether it was revoked. */
export async function checkSecret(store: Store, secret: string): Promise<TokenCheck> {
  if (!SECRET.test(secret)) return { ok: false, reason: 'invalid' }
  const token = await store.findToken(hashSecret(secret))
  if (!token) return { ok: false, reason: 'invalid' }
  if (token.revokedAt) return { ok: false, reason: 'revoked' }
  return { ok: true, token }
}
