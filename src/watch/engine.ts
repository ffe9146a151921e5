import type { Fetcher } from '../sources/safe-fetch.js'
import type { Store, StoredEvent } from '../store/store.js'
import type { NewAlert, StoredAlert, StoredWatch } from '../store/watches.js'
import { EVIDENCE_LIMIT, evaluateWindows, type Firing, firstFiring, firstOfEachRoot } from './evaluate.js'
import { eventMatcher, storeFilter } from './match.js'
import { parseWatchRule, type WatchRule } from './rule.js'
import { type DeliveryOptions, postWebhook } from './webhook.js'
import { dayDate, dayNumber, windowStart } from './windows.js'

/** How many new events one evaluation reads from the store at a time. */
const EVENT_BATCH = 2000

/** The rule a stored watch holds; a TypeError when the stored JSON is not a rule. */
export function watchRule(watch: StoredWatch): WatchRule {
  let raw: unknown
  try {
    raw = JSON.parse(watch.rule)
  } catch {
    throw new TypeError(`watch "${watch.name}": its stored rule is not JSON`)
  }
  return parseWatchRule(raw)
}

/** The stored events a rule's match takes, from `since` to `until` (days, both optional), in date then store order. */
export async function matchingEvents(store: Store, rule: WatchRule, since?: string, until?: string): Promise<StoredEvent[]> {
  const matches = eventMatcher(rule.match)
  const out: StoredEvent[] = []
  for await (const e of store.streamEvents(storeFilter(rule.match, since, until), 'date')) {
    if (matches(e) && (!since || (e.date as string) >= since) && (!until || (e.date as string) <= until)) out.push(e)
  }
  return out.sort((a, b) => ((a.date as string) < (b.date as string) ? -1 : (a.date as string) > (b.date as string) ? 1 : a.id - b.id))
}

/** The windows (first days) that hold some of `events`. */
const windowsOf = (events: readonly StoredEvent[], windowDays: number): Set<number> =>
  new Set(events.map((e) => windowStart(dayNumber(e.date as string), windowDays)))

/**
 * What a rule would have fired on the stored events from `since` on, with all that is stored
 * now: every window from the one holding `since`, every first event of its kind on or after
 * `since`. What `sitrep watch test` prints, so a rule can be tuned before it is trusted.
 */
export async function replayWatch(store: Store, rule: WatchRule, since: string): Promise<Firing[]> {
  if (rule.when === 'first') {
    const all = await matchingEvents(store, rule)
    const roots = new Set(all.map((e) => e.cameo.slice(0, 2)))
    return [...firstOfEachRoot(all, roots).values()]
      .filter((e) => (e.date as string) >= since)
      .sort((a, b) => ((a.date as string) < (b.date as string) ? -1 : 1))
      .map(firstFiring)
  }
  const first = windowStart(dayNumber(since), rule.windowDays)
  const events = await matchingEvents(store, rule, dayDate(first - (rule.when === 'any' ? 0 : rule.baselineDays)))
  const windows = [...windowsOf(events, rule.windowDays)].filter((w) => w >= first)
  return evaluateWindows(rule, events, windows, await historyStart(store))
}

async function historyStart(store: Store): Promise<number | null> {
  const d = await store.firstEventDate()
  return d ? dayNumber(d) : null
}

/**
 * What a rule fires on given events newly stored (`fresh`, already matched): the windows they
 * fall in, evaluated on everything stored, or for `first` the kinds whose first event is new.
 */
export async function firingsFor(store: Store, rule: WatchRule, fresh: readonly StoredEvent[]): Promise<Firing[]> {
  if (!fresh.length) return []
  if (rule.when === 'first') {
    const ids = new Set(fresh.map((e) => e.id))
    const firings: Firing[] = []
    for (const root of new Set(fresh.map((e) => e.cameo.slice(0, 2)))) {
      const latest = fresh.filter((e) => e.cameo.startsWith(root)).reduce((d, e) => ((e.date as string) > d ? (e.date as string) : d), '')
      // every stored event of the kind up to the latest new one: the first of them is new, or the kind was seen before
      const rootRule = { ...rule, match: { ...rule.match, roots: [root] } }
      const first = firstOfEachRoot(await matchingEvents(store, rootRule, undefined, latest), new Set([root])).get(root)
      if (first && ids.has(first.id)) firings.push(firstFiring(first))
    }
    return firings
  }
  const windows = windowsOf(fresh, rule.windowDays)
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const w of windows) {
    first = Math.min(first, w)
    last = Math.max(last, w)
  }
  const from = first - (rule.when === 'any' ? 0 : rule.baselineDays)
  const to = last + rule.windowDays - 1
  const events = await matchingEvents(store, rule, dayDate(from), dayDate(to))
  return evaluateWindows(rule, events, windows, await historyStart(store))
}

/** The alert a firing records: the figures and the evidence (the first EVIDENCE_LIMIT events, with their sentences and links). */
export function alertOf(watch: StoredWatch, firing: Firing): NewAlert {
  const events = firing.events.slice(0, EVIDENCE_LIMIT).map((e) => ({
    id: e.id,
    date: e.date,
    source: e.sourceCode,
    sourceText: e.sourceText,
    target: e.targetCode,
    targetText: e.targetText,
    cameo: e.cameo,
    cameoName: e.cameoName,
    goldstein: e.goldstein,
    quad: e.quad,
    place: e.placeName,
    evidence: e.evidence,
    trigger: e.triggerText,
    confidence: e.confidence,
    articleId: e.articleId,
    articleTitle: e.articleTitle,
    articleUrl: e.articleUrl ?? null,
  }))
  return {
    watch: watch.name,
    key: firing.key,
    kind: firing.kind,
    windowStart: firing.windowStart,
    windowEnd: firing.windowEnd,
    summary: firing.summary,
    detail: JSON.stringify({ figures: firing.figures, eventCount: firing.events.length, events }),
    delivery: watch.webhookUrl ? 'pending' : 'none',
  }
}

/**
 * Evaluates every watch on the events stored since each last looked, a batch at a time,
 * and records the alerts (each key once per watch) with the watch's new cursor in one
 * transaction. Two processes may run this at once: the one whose cursor move lands records,
 * the other finds the cursor moved and leaves it. Answers the alerts this call recorded.
 */
export async function evaluateWatches(store: Store, onError: (watch: string, error: unknown) => void = () => undefined): Promise<StoredAlert[]> {
  const recorded: StoredAlert[] = []
  // a watch that fails (its store query, its stored rule) is left for the next call; the others go on
  const failed = new Set<string>()
  let watches = await store.listWatches()
  while (watches.length) {
    const from = watches.reduce((least, w) => Math.min(least, w.afterEventId), Number.POSITIVE_INFINITY)
    const batch = await store.eventsSince(from, EVENT_BATCH)
    const last = batch[batch.length - 1]
    if (!last) break
    for (const watch of watches) {
      if (watch.afterEventId >= last.id) continue
      try {
        const rule = watchRule(watch)
        const matches = eventMatcher(rule.match)
        const fresh = batch.filter((e) => e.id > watch.afterEventId && matches(e))
        const alerts = (await firingsFor(store, rule, fresh)).map((f) => alertOf(watch, f))
        const stored = await store.recordEvaluation(watch.name, watch.afterEventId, last.id, alerts)
        for (const alert of stored ?? []) recorded.push(alert)
      } catch (e) {
        failed.add(watch.name)
        onError(watch.name, e)
      }
    }
    if (batch.length < EVENT_BATCH) break
    // the next batch, with the cursors as they now are (another process may have moved some)
    watches = (await store.listWatches()).filter((w) => !failed.has(w.name))
  }
  return recorded
}

/** The JSON body a webhook receives for an alert. */
export function webhookBody(alert: StoredAlert): string {
  const detail = JSON.parse(alert.detail) as Record<string, unknown>
  return JSON.stringify({
    watch: alert.watch,
    alert: {
      id: alert.id,
      kind: alert.kind,
      key: alert.key,
      windowStart: alert.windowStart,
      windowEnd: alert.windowEnd,
      summary: alert.summary,
      firedAt: alert.firedAt,
      ...detail,
    },
  })
}

/** Where deliveries go through: the safe fetcher a watch's posts use (one that allows private addresses when the watch says so). */
export type FetcherFor = (allowPrivate: boolean) => Fetcher

/**
 * Posts the alerts whose delivery is pending to their watches' webhooks, signed, with
 * retries, and records each outcome (delivered, or failed with the attempts and the reason).
 */
export async function deliverAlerts(store: Store, alerts: readonly StoredAlert[], fetcherFor: FetcherFor, options: DeliveryOptions = {}): Promise<number> {
  let delivered = 0
  const watches = new Map<string, StoredWatch | null>()
  for (const alert of alerts) {
    if (alert.delivery !== 'pending') continue
    if (!watches.has(alert.watch)) watches.set(alert.watch, await store.getWatch(alert.watch))
    const watch = watches.get(alert.watch)
    if (!watch?.webhookUrl || !watch.webhookSecret) {
      await store.recordDelivery(alert.id, 'failed', 0, 'the watch has no webhook any more')
      continue
    }
    const result = await postWebhook(
      fetcherFor(watch.allowPrivate),
      watch.webhookUrl,
      watch.webhookSecret,
      { alertId: alert.id, body: webhookBody(alert) },
      options,
    )
    await store.recordDelivery(alert.id, result.delivered ? 'delivered' : 'failed', result.attempts, result.error)
    if (result.delivered) delivered++
  }
  return delivered
}
