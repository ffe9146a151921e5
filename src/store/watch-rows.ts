import type { DeliveryStatus, StoredAlert, StoredWatch } from './watches.js'

/** A watches row as both stores read it. */
export interface WatchRow {
  name: string
  rule: string
  webhook_url: string | null
  webhook_secret: string | null
  allow_private: number
  after_event_id: number | string
  created_at: string
}

/** A watch_alerts row as both stores read it. */
export interface AlertRow {
  id: number | string
  watch: string
  key: string
  kind: string
  window_start: string
  window_end: string
  summary: string
  detail: string
  fired_at: string
  delivery: string
  attempts: number
  delivery_error: string | null
  delivered_at: string | null
}

/** The columns a watch query selects. */
export const WATCH_SELECT = 'SELECT name, rule, webhook_url, webhook_secret, allow_private, after_event_id, created_at FROM watches'

/** The columns an alert query selects. */
export const ALERT_SELECT =
  'SELECT id, watch, key, kind, window_start, window_end, summary, detail, fired_at, delivery, attempts, delivery_error, delivered_at FROM watch_alerts'

/** The columns an alert insert writes, in the order `alertValues` gives them. */
export const ALERT_COLUMNS = ['watch', 'key', 'kind', 'window_start', 'window_end', 'summary', 'detail', 'delivery'] as const

export const toWatch = (r: WatchRow): StoredWatch => ({
  name: r.name,
  rule: r.rule,
  webhookUrl: r.webhook_url,
  webhookSecret: r.webhook_secret,
  allowPrivate: Number(r.allow_private) === 1,
  afterEventId: Number(r.after_event_id),
  createdAt: r.created_at,
})

export const toAlert = (r: AlertRow): StoredAlert => ({
  id: Number(r.id),
  watch: r.watch,
  key: r.key,
  kind: r.kind,
  windowStart: r.window_start,
  windowEnd: r.window_end,
  summary: r.summary,
  detail: r.detail,
  firedAt: r.fired_at,
  delivery: r.delivery as DeliveryStatus,
  attempts: Number(r.attempts),
  deliveryError: r.delivery_error,
  deliveredAt: r.delivered_at,
})

/** The earliest full event date: a ten-character date, so "2025-07" and null are left out. */
export const FIRST_EVENT_DATE_SQL = 'SELECT min(date) AS d FROM events WHERE length(date) = 10'
