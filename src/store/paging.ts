import { type EventFilter, eventWhere } from './event-filter.js'
import { EVENT_SELECT, type EventRow, toStoredEvent } from './rows.js'
import type { StoredEvent } from './store.js'

/** How many events one page of a streamed read holds. */
export const EVENT_PAGE_SIZE = 2000

/**
 * Streams the events a filter matches in id order, one page at a time (keyset paging on the
 * id), so memory stays flat on any number of events; `all` runs one query on the database.
 * The filter's limit caps the total.
 */
export async function* pagedEvents(
  filter: EventFilter,
  param: (n: number) => string,
  all: (sql: string, params: (string | number)[]) => Promise<EventRow[]>,
  pageSize = EVENT_PAGE_SIZE,
): AsyncGenerator<StoredEvent> {
  const { where, params } = eventWhere(filter, param)
  let left = filter.limit ?? Number.POSITIVE_INFINITY
  let after = 0
  while (left > 0) {
    const n = Math.min(pageSize, left)
    const at = params.length
    const sql = `${EVENT_SELECT}
      ${where ? `${where} AND` : 'WHERE'} e.id > ${param(at + 1)} ORDER BY e.id LIMIT ${param(at + 2)}`
    const rows = await all(sql, [...params, after, n])
    for (const row of rows) yield toStoredEvent(row)
    if (rows.length < n) return
    after = Number((rows[rows.length - 1] as EventRow).id)
    left -= rows.length
  }
}
