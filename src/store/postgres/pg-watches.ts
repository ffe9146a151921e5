import type pg from 'pg'
import { ALERT_COLUMNS, ALERT_SELECT, type AlertRow, FIRST_EVENT_DATE_SQL, toAlert, toWatch, WATCH_SELECT, type WatchRow } from '../watch-rows.js'
import type { AlertQuery, DeliveryStatus, NewAlert, NewWatch, StoredAlert, WatchStore } from '../watches.js'

/** How the watch methods reach the database: one query, or a transaction on one client. */
export interface PgWatchAccess {
  readonly query: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>
  readonly transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>
}

// thrown inside the transaction to roll it back when another process moved the cursor first
class CursorMoved extends Error {}

/** The watch methods of the PostgreSQL store (the same tables and rules as SQLite's). */
export function pgWatches(db: PgWatchAccess): WatchStore {
  return {
    async addWatch(w: NewWatch) {
      const rows = await db.query<{ name: string }>(
        `INSERT INTO watches (name, rule, webhook_url, webhook_secret, allow_private, after_event_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO NOTHING RETURNING name`,
        [w.name, w.rule, w.webhookUrl, w.webhookSecret, w.allowPrivate ? 1 : 0, w.afterEventId],
      )
      return rows.length > 0
    },
    async listWatches() {
      return (await db.query<WatchRow & pg.QueryResultRow>(`${WATCH_SELECT} ORDER BY name`)).map(toWatch)
    },
    async getWatch(name: string) {
      const rows = await db.query<WatchRow & pg.QueryResultRow>(`${WATCH_SELECT} WHERE name = $1`, [name])
      return rows[0] ? toWatch(rows[0]) : null
    },
    async removeWatch(name: string) {
      return (await db.query<{ name: string }>('DELETE FROM watches WHERE name = $1 RETURNING name', [name])).length > 0
    },
    async recordEvaluation(watch: string, fromEventId: number, toEventId: number, alerts: readonly NewAlert[]) {
      try {
        return await db.transaction(async (client) => {
          // a second evaluator waits on the row lock, then finds the cursor moved and records nothing
          const moved = await client.query('UPDATE watches SET after_event_id = $1 WHERE name = $2 AND after_event_id = $3', [toEventId, watch, fromEventId])
          if (moved.rowCount === 0) throw new CursorMoved()
          const stored: StoredAlert[] = []
          for (const a of alerts) {
            const r = await client.query<AlertRow>(
              `INSERT INTO watch_alerts (${ALERT_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
               ON CONFLICT (watch, key) DO NOTHING RETURNING ${ALERT_SELECT.slice('SELECT '.length, ALERT_SELECT.indexOf(' FROM '))}`,
              [a.watch, a.key, a.kind, a.windowStart, a.windowEnd, a.summary, a.detail, a.delivery],
            )
            if (r.rows[0]) stored.push(toAlert(r.rows[0]))
          }
          return stored
        })
      } catch (e) {
        if (e instanceof CursorMoved) return null
        throw e
      }
    },
    async listAlerts(q: AlertQuery) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (q.watch !== undefined) {
        params.push(q.watch)
        where.push(`watch = $${params.length}`)
      }
      if (q.before !== undefined) {
        params.push(q.before)
        where.push(`id < $${params.length}`)
      }
      params.push(q.limit)
      const sql = `${ALERT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`
      return (await db.query<AlertRow & pg.QueryResultRow>(sql, params)).map(toAlert)
    },
    async pendingDeliveries(limit: number) {
      return (await db.query<AlertRow & pg.QueryResultRow>(`${ALERT_SELECT} WHERE delivery = 'pending' ORDER BY id LIMIT $1`, [limit])).map(toAlert)
    },
    async recordDelivery(alertId: number, status: DeliveryStatus, attempts: number, error: string | null) {
      const at = status === 'delivered' ? new Date().toISOString() : null
      await db.query('UPDATE watch_alerts SET delivery = $1, attempts = $2, delivery_error = $3, delivered_at = $4 WHERE id = $5', [
        status,
        attempts,
        error,
        at,
        alertId,
      ])
    },
    async firstEventDate() {
      return (await db.query<{ d: string | null }>(FIRST_EVENT_DATE_SQL))[0]?.d ?? null
    },
  }
}
