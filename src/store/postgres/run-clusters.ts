import type pg from 'pg'
import type { ClusterWork } from '../clusters.js'

// The advisory lock class of cluster keys (the two-number form, apart from the migration lock's one-number space).
const CLUSTER_LOCK_CLASS = 0x5172
/**
 * The store-wide lock of cluster upkeep (the one-number space, beside the migration lock):
 * every save and recode holds it shared, a re-clustering alone, so a re-clustering waits for
 * the saves in progress and the saves after it wait for it to commit.
 */
export const RECLUSTER_LOCK = 0x5172ea

/**
 * Runs a piece of cluster upkeep (src/store/clusters.ts) on a PostgreSQL client inside the
 * transaction that wrote the events. The lock names it gives (the parties of the keys it
 * files, see keyLocks) are locked to the end of that transaction, in one order (after the store-wide lock, shared), so two concurrent saves of
 * reports of one event cannot both start a cluster for it (each sees the other's once it has
 * the lock). `alone`: the transaction holds RECLUSTER_LOCK itself, and no key lock is needed.
 */
export async function runClusterWork<T>(client: pg.PoolClient, work: ClusterWork<T>, alone = false): Promise<T> {
  let step = work.next()
  while (!step.done) {
    const s = step.value
    let rows: Record<string, unknown>[] = []
    if ('lock' in s) {
      if (alone) {
        // nothing to wait for: no other upkeep runs beside a re-clustering
      } else if (!s.lock.length) await client.query('SELECT pg_advisory_xact_lock_shared($1)', [RECLUSTER_LOCK])
      else
        await client.query(
          `SELECT pg_advisory_xact_lock_shared($3) AS store_wide,
             (SELECT count(*) FROM (SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) AS k ORDER BY h) locks) l) AS keys`,
          [CLUSTER_LOCK_CLASS, s.lock, RECLUSTER_LOCK],
        )
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
