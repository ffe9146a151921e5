import { type EventFilter, eventWhere } from './event-filter.js'
import { CLUSTER_SELECT, type ClusterRow, EVENT_SELECT, type EventRow, toStoredCluster, toStoredEvent } from './rows.js'
import type { StoredCluster, StoredEvent } from './store.js'

/** How many events one page of a streamed read holds. */
export const EVENT_PAGE_SIZE = 2000

/** The order of a streamed read: as stored (by id), or by date, article and position (nulls first), the same in every store. */
export type EventOrder = 'stored' | 'date'

/**
 * Streams the events a filter matches, one page at a time (keyset paging), so memory stays
 * flat on any number of events; `all` runs one query on the database. The filter's limit
 * caps the total.
 */
export function pagedEvents(
  filter: EventFilter,
  param: (n: number) => string,
  all: (sql: string, params: (string | number)[]) => Promise<EventRow[]>,
  order: EventOrder = 'stored',
  pageSize = EVENT_PAGE_SIZE,
): AsyncGenerator<StoredEvent> {
  return pagedRows(EVENT_SELECT, toStoredEvent, filter, param, all, order, pageSize)
}

/** Streams the stored clusters whose first mention a filter matches, as pagedEvents streams events. */
export function pagedClusters(
  filter: EventFilter,
  param: (n: number) => string,
  all: (sql: string, params: (string | number)[]) => Promise<ClusterRow[]>,
  order: EventOrder = 'stored',
  pageSize = EVENT_PAGE_SIZE,
): AsyncGenerator<StoredCluster> {
  return pagedRows(CLUSTER_SELECT, toStoredCluster, filter, param, all, order, pageSize)
}

// Keyset paging over a select whose rows carry the event columns of `e`.
async function* pagedRows<R extends EventRow, T>(
  select: string,
  map: (row: R) => T,
  filter: EventFilter,
  param: (n: number) => string,
  all: (sql: string, params: (string | number)[]) => Promise<R[]>,
  order: EventOrder,
  pageSize: number,
): AsyncGenerator<T> {
  const { where, params } = eventWhere(filter, param)
  let left = filter.limit ?? Number.POSITIVE_INFINITY
  let after: (string | number)[] | null = null
  while (left > 0) {
    const n = Math.min(pageSize, left)
    const at = params.length
    let keyset = ''
    if (after) {
      keyset =
        order === 'stored'
          ? `e.id > ${param(at + 1)}`
          : // the leading range lets both databases seek in the events_date_order index
            `coalesce(e.date, '') >= ${param(at + 1)} AND (coalesce(e.date, ''), e.article_id, e.ordinal) > (${param(at + 2)}, ${param(at + 3)}, ${param(at + 4)})`
    }
    const sort = order === 'stored' ? 'e.id' : "coalesce(e.date, ''), e.article_id, e.ordinal"
    const clause = [where.replace(/^WHERE /, ''), keyset].filter(Boolean).join(' AND ')
    const keys = after ? (order === 'stored' ? after : [after[0] as string, ...after]) : []
    const sql = `${select} ${clause ? `WHERE ${clause}` : ''} ORDER BY ${sort} LIMIT ${param(at + keys.length + 1)}`
    const rows = await all(sql, [...params, ...keys, n])
    for (const row of rows) yield map(row)
    if (rows.length < n) return
    const last = rows[rows.length - 1] as R & { ordinal: number }
    after = order === 'stored' ? [Number(last.id)] : [last.date ?? '', last.article_id, Number(last.ordinal)]
    left -= rows.length
  }
}
