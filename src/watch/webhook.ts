import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { FetchError, type Fetcher } from '../sources/safe-fetch.js'

/** The headers a signed webhook POST carries. */
export const SIGNATURE_HEADER = 'x-sitrep-signature'
export const TIMESTAMP_HEADER = 'x-sitrep-timestamp'
export const ALERT_HEADER = 'x-sitrep-alert'

/** A new webhook secret: 32 random bytes as hex. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex')
}

/**
 * The signature of a webhook body: `sha256=` and the hex HMAC-SHA256, keyed by the watch's
 * secret, of the timestamp (Unix seconds), a dot and the body, so an old POST replayed later
 * carries a stale timestamp the receiver can refuse.
 *
 * @example
 *   signWebhook(secret, '1753920000', body) // 'sha256=5f1c…'
 */
export function signWebhook(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`
}

/** Whether a received POST's signature is the one its secret gives (compared in constant time); what a receiver calls. */
export function verifyWebhook(secret: string, timestamp: string, body: Buffer | string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** How a delivery ended: delivered, or failed with the attempts made and the last reason. */
export interface DeliveryResult {
  readonly delivered: boolean
  readonly attempts: number
  readonly error: string | null
}

/** How hard a delivery tries. */
export interface DeliveryOptions {
  /** Further tries after a timeout, a dropped connection, a 408, 429 or 5xx (default 3; never after another 4xx or a refused address). */
  readonly retries?: number
  /** The wait before the first retry, doubled each time (default 1000 ms). */
  readonly backoffMs?: number
  readonly sleep?: (ms: number) => Promise<void>
  /** The clock the timestamp is read from (ms). */
  readonly now?: () => number
}

/**
 * POSTs a JSON body to a webhook through the safe fetcher, signed with the secret, trying
 * again with backoff while the failure may pass; never throws.
 */
export async function postWebhook(
  fetcher: Fetcher,
  url: string,
  secret: string,
  payload: { readonly alertId: number; readonly body: string },
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const retries = options.retries ?? 3
  const backoff = options.backoffMs ?? 1000
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const body = Buffer.from(payload.body)
  let error = ''
  for (let attempt = 1; ; attempt++) {
    // each try is signed afresh: its timestamp is the time it was sent
    const timestamp = String(Math.floor((options.now?.() ?? Date.now()) / 1000))
    try {
      await fetcher.post(url, {
        body,
        contentType: 'application/json',
        headers: { [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body), [TIMESTAMP_HEADER]: timestamp, [ALERT_HEADER]: String(payload.alertId) },
      })
      return { delivered: true, attempts: attempt, error: null }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
      const retryable = e instanceof FetchError ? e.retryable : false
      if (!retryable || attempt > retries) return { delivered: false, attempts: attempt, error }
    }
    await sleep(backoff * 2 ** (attempt - 1))
  }
}
