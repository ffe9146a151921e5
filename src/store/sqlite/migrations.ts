import { API_TOKENS_MIGRATION } from './migration-api-tokens.js'

/** The SQLite schema, one migration per entry; the index + 1 is the schema version. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     doc_id TEXT NOT NULL,
     title TEXT,
     url TEXT,
     published TEXT,
     byline TEXT,
     lang TEXT,
     text TEXT NOT NULL,
     analysis TEXT NOT NULL,
     pipeline_version TEXT NOT NULL,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   );
   CREATE TABLE events (
     id INTEGER PRIMARY KEY,
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     ordinal INTEGER NOT NULL,
     source_code TEXT, source_text TEXT,
     target_code TEXT, target_text TEXT,
     cameo TEXT NOT NULL, cameo_name TEXT NOT NULL, plover TEXT,
     goldstein REAL, quad INTEGER NOT NULL,
     negated INTEGER NOT NULL, modality TEXT NOT NULL,
     date TEXT, place_name TEXT, lat REAL, lon REAL,
     sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
     trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
     evidence TEXT NOT NULL, rule TEXT NOT NULL, confidence REAL NOT NULL,
     pipeline_version TEXT NOT NULL,
     UNIQUE (article_id, ordinal)
   );
   CREATE INDEX events_date ON events(date);
   CREATE INDEX events_source ON events(source_code);
   CREATE INDEX events_target ON events(target_code);
   CREATE INDEX events_cameo ON events(cameo);`,
  // API tokens (migration-api-tokens.ts): the last entry; version 4 once the sources and event-place migrations are merged before it
  API_TOKENS_MIGRATION,
]
