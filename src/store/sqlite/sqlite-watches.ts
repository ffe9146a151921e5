import type Database from 'better-sqlite3'
import { ALERT_COLUMNS, ALERT_SELECT, type AlertRow, FIRST_EVENT_DATE_SQL, toAlert, toWatch, WATCH_SELECT, type WatchRow } from '../watch-rows.js'
import type { AlertQuery, DeliveryStatus, NewAlert, NewWatch, StoredAlert, WatchStore } from '../watches.js'

/** The watch methods of the SQLite store, over its open database. */
export function sqliteWatches(db: Database.Database): WatchStore {
  return {
    async addWatch(w: NewWatch) {
      const r = db
        .prepare(
          'INSERT INTO watches (name, rule, webhook_url, webhook_secret, allow_private, after_event_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
        )
        .run(w.name, w.rule, w.webhookUrl, w.webhookSecret, w.allowPrivate ? 1 : 0, w.afterEventId)
      return r.changes > 0
    },
    async listWatches() {
      return (db.prepare(`${WATCH_SELECT} ORDER BY name`).all() as WatchRow[]).map(toWatch)
    },
    async getWatch(name: string) {
      const row = db.prepare(`${WATCH_SELECT} WHERE name = ?`).get(name) as WatchRow | undefined
      return row ? toWatch(row) : null
    },
    async removeWatch(name: string) {
      return db.prepare('DELETE FROM watches WHERE name = ?').run(name).changes > 0
    },
    async recordEvaluation(watch: string, fromEventId: number, toEventId: number, alerts: readonly NewAlert[]) {
      const move = db.prepare('UPDATE watches SET after_event_id = ? WHERE name = ? AND after_event_id = ?')
      const insert = db.prepare(
        `INSERT INTO watch_alerts (${ALERT_COLUMNS.join(', ')}) VALUES (${ALERT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (watch, key) DO NOTHING RETURNING id`,
      )
      const read = db.prepare(`${ALERT_SELECT} WHERE id = ?`)
      return db
        .transaction((): StoredAlert[] | null => {
          if (move.run(toEventId, watch, fromEventId).changes === 0) return null
          const stored: StoredAlert[] = []
          for (const a of alerts) {
            const row = insert.get(a.watch, a.key, a.kind, a.windowStart, a.windowEnd, a.summary, a.detail, a.delivery) as { id: number } | undefined
            if (row) stored.push(toAlert(read.get(row.id) as AlertRow))
          }
          return stored
        })
        .immediate()
    },
    async listAlerts(q: AlertQuery) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (q.watch !== undefined) {
        where.push('watch = ?')
        params.push(q.watch)
      }
      if (q.before !== undefined) {
        where.push('id < ?')
        params.push(q.before)
      }
      const sql = `${ALERT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
      return (db.prepare(sql).all([...params, q.limit]) as AlertRow[]).map(toAlert)
    },
    async pendingDeliveries(limit: number) {
      return (db.prepare(`${ALERT_SELECT} WHERE delivery = 'pending' ORDER BY id LIMIT ?`).all(limit) as AlertRow[]).map(toAlert)
    },
    async recordDelivery(alertId: number, status: DeliveryStatus, attempts: number, error: string | null) {
      const at = status === 'delivered' ? new Date().toISOString() : null
      db.prepare('UPDATE watch_alerts SET delivery = ?, attempts = ?, delivery_error = ?, delivered_at = ? WHERE id = ?').run(
        status,
        attempts,
        error,
        at,
        alertId,
      )
    },
    async firstEventDate() {
      return (db.prepare(FIRST_EVENT_DATE_SQL).get() as { d: string | null }).d
    },
  }
}
