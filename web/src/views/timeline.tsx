import { useRef, useState } from 'preact/hooks'
import { filterParams, get, goldsteinColour, QUADS, type SeriesPoint } from '../api'
import { filterKey, navigate, type Route } from '../route'
import { useFetch } from '../use-fetch'

const BUCKETS = ['day', 'week', 'month'] as const
type Bucket = (typeof BUCKETS)[number]
const DAY = 86_400_000

interface Period {
  start: string
  end: string
  counts: number[]
  total: number
  goldstein: number | null
}

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10)

// The next period's start after `start`, and the last day of `start`'s period.
function step(bucket: Bucket, start: string): { next: string; last: string } {
  if (bucket === 'month') {
    const [y, m] = start.split('-').map(Number) as [number, number]
    const next = m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`
    return { next, last: iso(Date.UTC(y, m, 0)) }
  }
  const t = Date.parse(start)
  const days = bucket === 'week' ? 7 : 1
  return { next: iso(t + days * DAY), last: iso(t + (days - 1) * DAY) }
}

// The most periods drawn with the empty ones between them; a longer span shows its periods with events only.
const MAX_EVEN = 1500

/** Every period from the first to the last with data (empty ones too, so time runs evenly), or only those with data over a very long span. */
function periods(points: SeriesPoint[], bucket: Bucket): Period[] {
  const byPeriod = new Map<string, SeriesPoint[]>()
  // the API answers calendar periods only; anything else would stop the stepping below
  for (const p of points) if (/^\d{4}-\d\d(-\d\d)?$/.test(p.period)) byPeriod.set(p.period, [...(byPeriod.get(p.period) ?? []), p])
  const keys = [...byPeriod.keys()].sort()
  const out: Period[] = []
  let at = keys[0]
  const last = keys[keys.length - 1]
  let even = true
  for (let probe = at, n = 0; probe !== undefined && last !== undefined && probe <= last; probe = step(bucket, probe).next)
    if (++n > MAX_EVEN) {
      even = false
      break
    }
  let k = 0
  while (at !== undefined && last !== undefined && at <= last) {
    const here = byPeriod.get(at) ?? []
    const counts = [1, 2, 3, 4].map((q) => here.find((p) => p.quad === q)?.count ?? 0)
    const scored = here.filter((p) => p.goldstein !== null)
    const n = scored.reduce((s, p) => s + p.count, 0)
    const { next, last: end } = step(bucket, at)
    out.push({
      start: bucket === 'month' ? `${at}-01` : at,
      end,
      counts,
      total: counts.reduce((a, b) => a + b, 0),
      goldstein: n ? scored.reduce((s, p) => s + (p.goldstein ?? 0) * p.count, 0) / n : null,
    })
    at = even ? next : keys[++k]
  }
  return out
}

/**
 * Events over time by quad class (stacked bars) with their mean Goldstein score (the line);
 * dragging across it sets the date range of every view. It shows the whole time span of the
 * other filters, the chosen range shaded.
 */
export function Timeline({ route, compact }: { route: Route; compact: boolean }) {
  const bucket = (BUCKETS as readonly string[]).includes(route.params.get('bucket') ?? '') ? (route.params.get('bucket') as Bucket) : 'week'
  const { since, until, ...rest } = route.filters
  const series = useFetch(`${filterKey(rest)}|${bucket}`, (signal) => get<{ points: SeriesPoint[] }>('/v1/series', filterParams(rest, { bucket }), signal))
  const list = series.data ? periods(series.data.points, bucket) : []
  const [drag, setDrag] = useState<[number, number] | null>(null)
  const svg = useRef<SVGSVGElement>(null)
  const height = compact ? 90 : 260
  const width = 1000
  const max = Math.max(1, ...list.map((p) => p.total))
  const barWidth = list.length ? width / list.length : width
  const indexAt = (clientX: number): number => {
    const box = svg.current?.getBoundingClientRect()
    if (!box || !list.length) return 0
    return Math.max(0, Math.min(list.length - 1, Math.floor(((clientX - box.left) / box.width) * list.length)))
  }
  const onDown = (e: PointerEvent): void => {
    ;(e.currentTarget as Element).setPointerCapture(e.pointerId)
    const i = indexAt(e.clientX)
    setDrag([i, i])
  }
  const onMove = (e: PointerEvent): void => {
    if (drag) setDrag([drag[0], indexAt(e.clientX)])
  }
  const onUp = (): void => {
    if (!drag) return
    const [a, b] = drag[0] <= drag[1] ? drag : [drag[1], drag[0]]
    setDrag(null)
    const first = list[a]
    const last = list[b]
    if (first && last) navigate({ since: first.start, until: last.end, offset: null })
  }
  // the shaded range: the one being dragged, else the filter's
  let shade: [number, number] | null = null
  if (drag) shade = drag[0] <= drag[1] ? drag : [drag[1], drag[0]]
  else if (since || until) {
    const a = list.findIndex((p) => p.end >= (since ?? ''))
    let b = list.length - 1
    while (b >= 0 && until && (list[b] as Period).start > until) b--
    if (a >= 0 && b >= a) shade = [a, b]
  }
  const line = list
    .map((p, i) => (p.goldstein === null ? null : `${(i + 0.5) * barWidth},${height / 2 - (p.goldstein / 10) * (height / 2 - 4)}`))
    .filter(Boolean)
    .join(' ')
  const total = list.reduce((s, p) => s + p.total, 0)
  return (
    <section class={compact ? 'timeline compact' : 'timeline'} aria-labelledby="timeline-title" aria-busy={series.loading}>
      <div class="timeline-head">
        <h2 id="timeline-title">{compact ? 'Timeline' : 'Events over time'}</h2>
        <label>
          <span>Per</span>
          <select value={bucket} onChange={(e) => navigate({ bucket: (e.target as HTMLSelectElement).value }, false)}>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        {(since || until) && (
          <button type="button" onClick={() => navigate({ since: null, until: null, offset: null })}>
            Clear dates {since ?? '…'} – {until ?? '…'}
          </button>
        )}
        <span class="muted" aria-live="polite">
          {series.loading
            ? 'Loading…'
            : `${total.toLocaleString('en')} dated events${list.length ? `, ${list[0]?.start} to ${list[list.length - 1]?.end}` : ''}`}
        </span>
      </div>
      {series.error && <p class="error">{series.error}</p>}
      <svg
        ref={svg}
        class="timeline-chart"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        style={{ height: `${height}px` }}
        role="img"
        aria-label={`Events per ${bucket} by quad class, with the mean Goldstein score as a line; drag across to choose a date range`}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={() => setDrag(null)}
      >
        {shade && <rect class="brush" x={shade[0] * barWidth} y={0} width={(shade[1] - shade[0] + 1) * barWidth} height={height} />}
        {list.map((p, i) => {
          let y = height
          return (
            <g key={p.start}>
              <title>{`${p.start}${p.end !== p.start ? ` to ${p.end}` : ''}: ${p.total} events${p.goldstein === null ? '' : `, mean Goldstein ${p.goldstein.toFixed(1)}`}`}</title>
              {p.counts.map((n, q) => {
                const h = (n / max) * (height - 4)
                y -= h
                return n ? <rect key={q} x={i * barWidth + barWidth * 0.1} y={y} width={barWidth * 0.8} height={h} fill={QUADS[q + 1]?.colour} /> : null
              })}
            </g>
          )
        })}
        <line x1={0} x2={width} y1={height / 2} y2={height / 2} class="zero" />
        {line && <polyline points={line} class="goldstein" stroke={goldsteinColour(-3)} vector-effect="non-scaling-stroke" />}
      </svg>
      <ul class="legend" aria-label="Legend">
        {Object.entries(QUADS).map(([q, { name, colour }]) => (
          <li key={q}>
            <span class="swatch" style={{ background: colour }} /> {name}
          </li>
        ))}
        <li>
          <span class="swatch line" /> Mean Goldstein (−10 … +10, middle line 0)
        </li>
      </ul>
      {!compact && list.length > 0 && (
        <details>
          <summary>The series as a table</summary>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Period</th>
                {[1, 2, 3, 4].map((q) => (
                  <th scope="col" key={q}>
                    {QUADS[q]?.name}
                  </th>
                ))}
                <th scope="col">Mean Goldstein</th>
              </tr>
            </thead>
            <tbody>
              {list
                .filter((p) => p.total)
                .map((p) => (
                  <tr key={p.start}>
                    <td>{p.start}</td>
                    {p.counts.map((n, q) => (
                      <td key={q}>{n}</td>
                    ))}
                    <td>{p.goldstein === null ? '—' : p.goldstein.toFixed(2)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  )
}
