import type pg from 'pg'
import type { ClusterWork } from '../clusters.js'

// The advisory lock class of cluster keys (the two-number form, apart from the migration lock's one-number space).
const CLUSTER_LOCK_CLASS = 0x5172

/**
 * Runs a piece of cluster upkeep (src/store/clusters.ts) on a PostgreSQL client inside the
 * transaction that wrote the events. The dyad keys it names are locked to the end of that
 * transaction, in one order, so two concurrent saves of reports of one event cannot both start
 * a cluster for it (each sees the other's once it has the lock).
 */
export async function runClusterWork<T>(client: pg.PoolClient, work: ClusterWork<T>): Promise<T> {
  let step = work.next()
  while (!step.done) {
    const s = step.value
    let rows: Record<string, unknown>[] = []
    if ('lock' in s) {
      if (s.lock.length)
        await client.query('SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) AS k ORDER BY h) locks', [
          CLUSTER_LOCK_CLASS,
          s.lock,
        ])
    } else {
      let n = 0
      rows = (
        await client.query(
          s.sql.replace(/\?/g, () => `$${++n}`),
          s.params as unknown[],
        )
      ).rows
    }
    step = work.next(rows)
  }
  return step.value
}
