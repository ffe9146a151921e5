import type { Store } from '../store/store.js'
import type { StoredWatch } from '../store/watches.js'
import { watchRule } from './engine.js'
import type { WatchRule } from './rule.js'
import { newWebhookSecret } from './webhook.js'

/** A watch name: it is part of URLs (/v1/watches/NAME/alerts.atom), so letters, digits, ".", "_" and "-". */
export const WATCH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** What `addWatch` needs: a name, a validated rule and, optionally, a webhook. */
export interface WatchSpec {
  readonly name: string
  readonly rule: WatchRule
  readonly webhookUrl?: string | null
  /** The webhook's HMAC secret; one is made when a webhook is given without it. */
  readonly webhookSecret?: string | null
  readonly allowPrivate?: boolean
}

/** Why a watch could not be added, said for people. */
export class WatchError extends Error {
  override readonly name = 'WatchError'
}

/**
 * Stores a new watch that fires on events stored from now on (the events already stored are
 * its history: a spike's baseline, what makes an event not the first). Answers the stored
 * watch, with the webhook secret it will sign with.
 *
 * @example
 *   await addWatch(store, { name: 'isr-irn', rule: ruleWithDefaults({ actor1: 'ISR', actor2: 'IRN' }, 'first', {}) })
 */
export async function addWatch(store: Store, spec: WatchSpec): Promise<StoredWatch> {
  if (!WATCH_NAME.test(spec.name)) throw new WatchError(`a watch name is letters, digits, ".", "_" and "-" (at most 64), got "${spec.name}"`)
  const url = spec.webhookUrl ?? null
  if (url !== null) {
    let parsed: URL | null = null
    try {
      parsed = new URL(url)
    } catch {
      parsed = null
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new WatchError(`the webhook must be an http or https URL, got "${url}"`)
  }
  const secret = url === null ? null : (spec.webhookSecret ?? newWebhookSecret())
  const added = await store.addWatch({
    name: spec.name,
    rule: JSON.stringify(spec.rule),
    webhookUrl: url,
    webhookSecret: secret,
    allowPrivate: spec.allowPrivate ?? false,
    afterEventId: await store.latestEventId(),
  })
  if (!added) throw new WatchError(`a watch named "${spec.name}" exists already: remove it first or choose another name`)
  const stored = await store.getWatch(spec.name)
  if (!stored) throw new WatchError(`the watch "${spec.name}" was removed while it was being added`)
  return stored
}

/** A watch as listed to people and over the API: its rule, never its webhook's secret (the webhook's host only). */
export function publicWatch(watch: StoredWatch): { name: string; rule: WatchRule; webhook: string | null; createdAt: string; afterEventId: number } {
  let host: string | null = null
  if (watch.webhookUrl) {
    try {
      host = new URL(watch.webhookUrl).host
    } catch {
      host = '(unreadable URL)'
    }
  }
  return { name: watch.name, rule: watchRule(watch), webhook: host, createdAt: watch.createdAt, afterEventId: watch.afterEventId }
}
