import pg from 'pg'

/** The server the PostgreSQL tests use (trust auth on these machines); SITREP_TEST_PG overrides it. */
export const TEST_SERVER = process.env.SITREP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres'

let made = 0

/**
 * Whether the test server answers: null when it does, else why not. In CI (CI set) the
 * caller fails on a non-null answer; elsewhere it may skip with the reason.
 */
export async function serverProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_SERVER, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (e) {
    return `PostgreSQL at ${new URL(TEST_SERVER).host} is not reachable (${(e as Error).message || (e as { code?: string }).code})`
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Creates a new, empty database for one test (sitrep_test_<pid>_<n>) and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `sitrep_test_${process.pid}_${++made}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(TEST_SERVER)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops every database this process created (its connections are closed by force). */
export async function dropTestDatabases(): Promise<void> {
  for (let n = 1; n <= made; n++) await admin(`DROP DATABASE IF EXISTS sitrep_test_${process.pid}_${n} WITH (FORCE)`)
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
