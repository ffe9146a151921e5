/** The environment variable that names the database when `--db` is not given. */
export const DB_ENV = 'SITREP_DB'

/** The default database: a SQLite file in the current folder. */
export const DEFAULT_DB = 'sitrep.db'

/** The database a command uses: `--db`, else SITREP_DB, else ./sitrep.db. */
export function dbLocation(flag: string | undefined): string {
  return flag ?? (process.env[DB_ENV] || DEFAULT_DB)
}

/** A database location fit to print: a URL's password is replaced by ***. */
export function shownDb(location: string): string {
  return location.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@')
}
