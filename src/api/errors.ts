import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** A refusal said to the client: the HTTP status, a stable code and a sentence; the one HTTP error type. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** The JSON body of an error: `{ error: { code, message, path? } }`. */
export function errorBody(code: string, message: string, path?: string): { error: { code: string; message: string; path?: string } } {
  return { error: { code, message, ...(path ? { path } : {}) } }
}

/** Answers an error in the one shape; an unexpected one is logged in a line and answered without its details. */
export function answerError(err: unknown, c: Context, log: (line: string) => void): Response {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
    return c.json(errorBody(err.code, err.message, err.path), err.status)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    if (status === 400) return c.json(errorBody('malformed_json', 'the request body is not valid JSON'), 400)
    if (status === 415) return c.json(errorBody('unsupported_media_type', 'the request body must be JSON (Content-Type: application/json)'), 415)
    if (status === 413) return c.json(errorBody('payload_too_large', 'the request body is over the size limit'), 413)
    if (status === 504 || status === 503) return c.json(errorBody('timeout', 'the request took longer than the time limit'), 504)
    return c.json(errorBody('http_error', err.message || 'the request was refused'), status as ContentfulStatusCode)
  }
  // a bug or a failing database: the line goes to the log, the client gets no stack and no internals
  log(`internal error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
  return c.json(errorBody('internal', 'internal error: the request could not be completed'), 500)
}

/** The zod-openapi hook: a request that fails validation gets a 400 naming the first field at fault. */
export function validationHook(
  result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[] } },
  c: Context,
) {
  if (result.success) return undefined
  const issue = result.error?.issues[0]
  const path = issue?.path.map(String).join('.') ?? ''
  const keys = (issue as { keys?: string[] } | undefined)?.keys
  if (issue?.code === 'unrecognized_keys' && keys?.length) {
    return c.json(errorBody('unknown_field', `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`, keys[0]), 400)
  }
  return c.json(errorBody('invalid_request', `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid request'}`, path || undefined), 400)
}
