import { type ApiEvent, filterParams, get, QUADS } from '../api'
import { filterKey, hrefFor, navigate, type Route } from '../route'
import { useFetch } from '../use-fetch'

const COLUMNS: { sort: string; label: string }[] = [
  { sort: 'date', label: 'Date' },
  { sort: 'source', label: 'Source' },
  { sort: 'target', label: 'Target' },
  { sort: 'cameo', label: 'Event' },
  { sort: 'quad', label: 'Quad' },
  { sort: 'goldstein', label: 'Goldstein' },
  { sort: 'place', label: 'Place' },
  { sort: 'confidence', label: 'Confidence' },
]
const SIZES = [25, 50, 100]

/** The events the filters match as a table: sorted by any column, a page at a time, each row linked to its evidence. */
export function EventsView({ route }: { route: Route }) {
  const p = route.params
  const sort = COLUMNS.some((c) => c.sort === p.get('sort')) ? (p.get('sort') as string) : 'date'
  const order = p.get('order') === 'asc' ? 'asc' : 'desc'
  const size = SIZES.includes(Number(p.get('size'))) ? Number(p.get('size')) : 50
  const offset = Math.max(0, Number(p.get('offset')) || 0)
  const table = useFetch(`${filterKey(route.filters)}|${sort}|${order}|${size}|${offset}`, (signal) =>
    get<{ events: ApiEvent[]; total: number }>('/v1/table', filterParams(route.filters, { sort, order, limit: size, offset }), signal),
  )
  const total = table.data?.total ?? 0
  const sortBy = (column: string): void => navigate({ sort: column, order: column === sort && order === 'desc' ? 'asc' : 'desc', offset: null }, false)
  return (
    <div class="events-view" aria-busy={table.loading}>
      <div class="view-head">
        <h2>Events</h2>
        <span class="muted" aria-live="polite">
          {table.loading ? 'Loading…' : `${total.toLocaleString('en')} events${total ? `, ${offset + 1}–${Math.min(total, offset + size)} shown` : ''}`}
        </span>
        <label>
          <span>Rows</span>
          <select value={size} onChange={(e) => navigate({ size: (e.target as HTMLSelectElement).value, offset: null }, false)}>
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {table.error && <p class="error">{table.error}</p>}
      <div class="table-scroll">
        <table class="data events-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.sort} scope="col" aria-sort={c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" class="sort" onClick={() => sortBy(c.sort)}>
                    {c.label}
                    {c.sort === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {table.data?.events.map((e) => (
              <tr key={e.id}>
                <td>{e.date ?? '—'}</td>
                <td title={e.sourceText ?? ''}>{e.sourceCode ?? '—'}</td>
                <td title={e.targetText ?? ''}>{e.targetCode ?? '—'}</td>
                <td>
                  <span class="code">{e.cameo}</span> {e.cameoName}
                  {e.negated ? ' (negated)' : ''}
                </td>
                <td>
                  <span class="swatch" style={{ background: QUADS[e.quad]?.colour }} title={QUADS[e.quad]?.name} /> {e.quad}
                </td>
                <td>{e.goldstein ?? '—'}</td>
                <td>{e.placeName ?? '—'}</td>
                <td>{e.confidence.toFixed(2)}</td>
                <td class="evidence">
                  <a href={hrefFor({ view: 'reader', event: e.id })} aria-label={`Evidence of event ${e.id}`}>
                    {e.evidence.length > 90 ? `${e.evidence.slice(0, 88)}…` : e.evidence}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={offset === 0} onClick={() => navigate({ offset: Math.max(0, offset - size) || null }, false)}>
          Previous
        </button>
        <span>
          Page {Math.floor(offset / size) + 1} of {Math.max(1, Math.ceil(total / size))}
        </span>
        <button type="button" disabled={offset + size >= total} onClick={() => navigate({ offset: offset + size }, false)}>
          Next
        </button>
      </nav>
    </div>
  )
}
