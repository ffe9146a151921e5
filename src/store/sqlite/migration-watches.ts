/**
 * Watches and their alerts (sitrep watch, issue #24). Its own file so the migration list can
 * place it after those of other branches: planned as schema version 6, after the clusters and
 * mentions tables (5). An alert's key is unique per watch, which is what makes it fire once.
 */
export const WATCHES_MIGRATION = `CREATE TABLE watches (
     name TEXT PRIMARY KEY,
     rule TEXT NOT NULL,
     webhook_url TEXT,
     webhook_secret TEXT,
     allow_private INTEGER NOT NULL DEFAULT 0,
     after_event_id INTEGER NOT NULL,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   );
   CREATE TABLE watch_alerts (
     id INTEGER PRIMARY KEY,
     watch TEXT NOT NULL REFERENCES watches(name) ON DELETE CASCADE,
     key TEXT NOT NULL,
     kind TEXT NOT NULL,
     window_start TEXT NOT NULL,
     window_end TEXT NOT NULL,
     summary TEXT NOT NULL,
     detail TEXT NOT NULL,
     fired_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     delivery TEXT NOT NULL CHECK (delivery IN ('none', 'pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     delivery_error TEXT,
     delivered_at TEXT,
     UNIQUE (watch, key)
   );
   CREATE INDEX watch_alerts_pending ON watch_alerts(delivery, id);`
