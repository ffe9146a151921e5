import type Database from 'better-sqlite3'
import type { ClusterWork } from '../clusters.js'
import type { Cell } from '../rows.js'

/** Runs a piece of cluster upkeep (src/store/clusters.ts) on SQLite, synchronously: call it inside the transaction that wrote the events. */
export function runClusterWork<T>(db: Database.Database, work: ClusterWork<T>, statements: Map<string, Database.Statement> = new Map()): T {
  let step = work.next()
  while (!step.done) {
    const s = step.value
    let rows: Record<string, unknown>[] = []
    // SQLite's write lock, taken by the transaction around this work, already keeps other writers out
    if ('sql' in s) {
      let st = statements.get(s.sql)
      if (!st) {
        st = db.prepare(s.sql)
        statements.set(s.sql, st)
      }
      if (st.reader) rows = st.all(s.params as Cell[]) as Record<string, unknown>[]
      else st.run(s.params as Cell[])
    }
    step = work.next(rows)
  }
  return step.value
}
