/**
 * Watches and their alerts, as the SQLite migration of the same number (planned: schema
 * version 6, after the clusters and mentions tables of 5); times as ISO text, as SQLite keeps them.
 */
export const PG_WATCHES_MIGRATION = `CREATE TABLE watches (
     name TEXT PRIMARY KEY,
     rule TEXT NOT NULL,
     webhook_url TEXT,
     webhook_secret TEXT,
     allow_private INTEGER NOT NULL DEFAULT 0,
     after_event_id BIGINT NOT NULL,
     created_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
   );
   CREATE TABLE watch_alerts (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     watch TEXT NOT NULL REFERENCES watches(name) ON DELETE CASCADE,
     key TEXT NOT NULL,
     kind TEXT NOT NULL,
     window_start TEXT NOT NULL,
     window_end TEXT NOT NULL,
     summary TEXT NOT NULL,
     detail TEXT NOT NULL,
     fired_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
     delivery TEXT NOT NULL CHECK (delivery IN ('none', 'pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     delivery_error TEXT,
     delivered_at TEXT,
     UNIQUE (watch, key)
   );
   CREATE INDEX watch_alerts_pending ON watch_alerts(delivery, id);`
