/**
 * The API tokens table (sitrep tokens add|list|revoke): the SHA-256 of each secret, never the
 * secret. Its own file so the migration list can place it after those of other branches
 * (planned: schema version 4, after the sources tables (2) and the event places (3)).
 */
export const API_TOKENS_MIGRATION = `CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     scope TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     revoked_at TEXT
   );`
