import type { MiddlewareHandler } from 'hono'
import { checkSecret } from '../services/api-tokens.js'
import type { Store } from '../store/store.js'
import { type StoredToken, scopeAllows, type TokenScope } from '../store/tokens.js'
import { ApiError } from './errors.js'
import type { RateLimiter } from './rate-limit.js'

/** What the API keeps per request: the caller's token (null when none was sent) and the key its rate is counted under. */
export interface ApiEnv {
  Variables: { token: StoredToken | null; client: string }
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } }
}

const BEARER = /^Bearer +(?<secret>\S+) *$/i

/**
 * Reads the bearer token when one is sent (a malformed, unknown or revoked one is a 401 even
 * on an open read, so a client learns at once that its token is bad), then counts the request
 * against the token's rate, or the address's when there is no token.
 */
export function identify(store: Store, limiter: RateLimiter): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization')
    let token: StoredToken | null = null
    if (header !== undefined) {
      const secret = BEARER.exec(header)?.groups?.secret
      if (!secret) throw unauthorized('the Authorization header must be "Bearer <token>"')
      const check = await checkSecret(store, secret)
      if (!check.ok) throw unauthorized(check.reason === 'revoked' ? 'the token was revoked' : 'the token is not valid')
      token = check.token
    }
    const address = c.env?.incoming?.socket?.remoteAddress ?? 'local'
    const client = token ? `token:${token.id}` : `address:${address}`
    c.set('token', token)
    c.set('client', client)
    const wait = limiter.take(client)
    if (wait > 0) throw new ApiError(429, 'rate_limited', `too many requests: try again in ${wait} s`, undefined, { 'Retry-After': String(wait) })
    await next()
  }
}

/** Lets a request through when its token has `scope`; reads pass without a token when `readsOpen`. */
export function requireScope(scope: TokenScope, readsOpen: boolean): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const token = c.get('token')
    if (!token) {
      if (scope === 'read' && readsOpen) return next()
      throw unauthorized(`this needs a bearer token with the ${scope} scope`)
    }
    if (!scopeAllows(token.scope, scope)) throw new ApiError(403, 'forbidden', `the token's scope is ${token.scope}; this needs ${scope}`)
    return next()
  }
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer realm="sitrep"' })
}
