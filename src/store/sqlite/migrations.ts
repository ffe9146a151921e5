import { API_TOKENS_MIGRATION } from './migration-api-tokens.js'
import { WATCHES_MIGRATION } from './migration-watches.js'

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
  // 2: what the sources (issue #19) remember between runs: validators and offsets, canonical URLs, near-duplicate sketches and copy-of links
  `CREATE TABLE source_state (
     key TEXT PRIMARY KEY,
     etag TEXT,
     last_modified TEXT,
     byte_offset INTEGER,
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   );
   CREATE TABLE article_urls (
     url TEXT PRIMARY KEY,
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
   );
   CREATE INDEX article_urls_article ON article_urls(article_id);
   CREATE TABLE article_sketches (
     article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
     sketch BLOB NOT NULL,
     shingles INTEGER NOT NULL
   );
   CREATE TABLE sketch_bands (
     band INTEGER NOT NULL,
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     PRIMARY KEY (band, article_id)
   ) WITHOUT ROWID;
   CREATE TABLE article_copies (
     article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
     copy_of TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     similarity REAL NOT NULL
   );`,
  // 3: where each event's place is (gazetteer id, country, admin1, feature), whether it is
  // reported in the lead, where its actors and sentence are, and each article's tone, outlet and length
  `ALTER TABLE events ADD COLUMN place_id TEXT;
   ALTER TABLE events ADD COLUMN place_country TEXT;
   ALTER TABLE events ADD COLUMN place_admin1 TEXT;
   ALTER TABLE events ADD COLUMN place_feature TEXT;
   ALTER TABLE events ADD COLUMN is_root INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE articles ADD COLUMN tone REAL;
   ALTER TABLE articles ADD COLUMN outlet TEXT;
   ALTER TABLE articles ADD COLUMN text_length INTEGER;
   ALTER TABLE events ADD COLUMN source_start INTEGER;
   ALTER TABLE events ADD COLUMN target_start INTEGER;
   ALTER TABLE events ADD COLUMN sentence_index INTEGER;
   CREATE INDEX events_place_country ON events(place_country);
   CREATE INDEX events_date_order ON events((coalesce(date, '')), article_id, ordinal);`,
  // 4: API tokens (migration-api-tokens.ts), kept by the SHA-256 of their secret
  API_TOKENS_MIGRATION,
  // 5: stored clusters (src/store/clusters.ts): each real-world event with its first mention
  // (whose codes, date and place later mentions are compared with) and GDELT's counts, and
  // each mention (a stored event) tied to its cluster with the source it counts under
  `CREATE TABLE clusters (
     id INTEGER PRIMARY KEY,
     seed_id INTEGER NOT NULL,
     key TEXT NOT NULL,
     date TEXT, lat REAL, lon REAL, place_country TEXT, place_feature TEXT,
     num_mentions INTEGER NOT NULL DEFAULT 0,
     num_articles INTEGER NOT NULL DEFAULT 0,
     num_sources INTEGER NOT NULL DEFAULT 0,
     is_root INTEGER NOT NULL DEFAULT 0,
     first_seen TEXT, last_seen TEXT,
     tone_sum REAL NOT NULL DEFAULT 0, tone_count INTEGER NOT NULL DEFAULT 0,
     confidence_sum REAL NOT NULL DEFAULT 0
   );
   CREATE INDEX clusters_key_date ON clusters(key, date);
   CREATE INDEX clusters_seed ON clusters(seed_id);
   CREATE TABLE cluster_mentions (
     event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
     cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
     article_id TEXT NOT NULL,
     source_key TEXT NOT NULL,
     copy_of TEXT
   );
   CREATE INDEX cluster_mentions_source ON cluster_mentions(cluster_id, source_key);
   CREATE INDEX cluster_mentions_article ON cluster_mentions(article_id, cluster_id);`,
  // 6: watches and their alerts (migration-watches.ts)
  WATCHES_MIGRATION,
  // 7: clusters read by date alone; they are also filed again under new rules
  // (src/cluster/cluster-events.ts: keys by role within one country, a state's protest as a
  // complaint; a targetless statement or a one-actor mention may join a cluster of another key,
  // found by date): migrate() marks that in the table of migration 8, and the store takes the
  // old clusters apart and files the events again after the migration commits, in transactions
  // of their own (until schema 8, the migration's own transaction did all of it)
  `CREATE INDEX clusters_date ON clusters(date);`,
  // 8: the upkeep a migration leaves for after its transaction (src/store/clusters.ts: REFILE_CLUSTERS,
  // FILE_PENDING), one row per piece not yet done, so a failure or a stop midway is taken up by the next start
  `CREATE TABLE upkeep (task TEXT PRIMARY KEY);`,
]

/** The schema version that added stored clusters: migrating from below it files the events already stored. */
export const CLUSTERS_VERSION = 5

/**
 * The schema version whose clustering rules differ from those before: migrating from below it
 * (or from below CLUSTERS_VERSION, when there were no clusters) marks REFILE_CLUSTERS, which
 * the store does once the migration has committed.
 */
export const CLUSTERS_REFILED_VERSION = 7
