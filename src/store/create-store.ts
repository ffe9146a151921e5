import { createPostgresStore } from './postgres/pg-store.js'
import { createSqliteStore } from './sqlite/sqlite-store.js'
import { type Store, StoreError, type StoreOptions } from './store.js'

// A URL scheme: two or more characters, so a Windows drive ("C:\data\sitrep.db") reads as a path.
const SCHEME = /^(?<scheme>[a-z][a-z0-9+.-]+):/i

/**
 * Opens the store a URL names: a file path or `sqlite:PATH` (also `sqlite://PATH`) is
 * SQLite; `postgres://` (also `postgresql://`) is PostgreSQL; any other scheme is refused
 * with the ones that work.
 *
 * @example
 *   const store = createStore('sqlite:./sitrep.db', { readOnly: true })
 */
export function createStore(url: string, options: StoreOptions = {}): Store {
  if (!url.trim()) throw new StoreError('the database location is empty: give a file path or a sqlite: URL')
  const scheme = SCHEME.exec(url)?.groups?.scheme?.toLowerCase()
  if (scheme === undefined) return createSqliteStore(url, options)
  if (scheme === 'sqlite') {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=.)/, '')
    if (!path) throw new StoreError(`"${url}" names no file: write sqlite:PATH`)
    return createSqliteStore(path, options)
  }
  if (scheme === 'postgres' || scheme === 'postgresql') return createPostgresStore(url, options)
  throw new StoreError(`unknown database scheme "${scheme}:" in "${redact(url)}": use a file path, sqlite:PATH or postgres://USER@HOST:PORT/DATABASE`)
}

// A URL's password never reaches a message.
function redact(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@')
}
