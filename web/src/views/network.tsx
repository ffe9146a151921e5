import { useMemo } from 'preact/hooks'
import { filterParams, get, goldsteinColour, type NetworkEdge, type NetworkNode } from '../api'
import { filterKey, navigate, type Route } from '../route'
import { useFetch } from '../use-fetch'

const W = 900
const H = 560

interface Placed extends NetworkNode {
  x: number
  y: number
}

/** A force-directed layout (repulsion between every pair, springs along dyads, a pull to the centre), the same for the same graph. */
function layout(nodes: NetworkNode[], edges: NetworkEdge[]): Placed[] {
  const n = nodes.length
  const placed: Placed[] = nodes.map((node, i) => ({
    ...node,
    x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / Math.max(1, n)),
    y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / Math.max(1, n)),
  }))
  const index = new Map(placed.map((p, i) => [p.code, i]))
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6
  for (let round = 0, heat = W / 8; round < 250; round++, heat *= 0.98) {
    const dx = new Float64Array(n)
    const dy = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = placed[i] as Placed
        const b = placed[j] as Placed
        const x = a.x - b.x || 0.01
        const y = a.y - b.y || 0.01
        const d2 = x * x + y * y
        const f = (k * k) / d2
        dx[i] = (dx[i] ?? 0) + x * f
        dy[i] = (dy[i] ?? 0) + y * f
        dx[j] = (dx[j] ?? 0) - x * f
        dy[j] = (dy[j] ?? 0) - y * f
      }
    }
    for (const e of edges) {
      const i = index.get(e.source)
      const j = index.get(e.target)
      if (i === undefined || j === undefined || i === j) continue
      const a = placed[i] as Placed
      const b = placed[j] as Placed
      const x = a.x - b.x
      const y = a.y - b.y
      const d = Math.sqrt(x * x + y * y) || 0.01
      const f = d / k
      dx[i] = (dx[i] ?? 0) - x * f
      dy[i] = (dy[i] ?? 0) - y * f
      dx[j] = (dx[j] ?? 0) + x * f
      dy[j] = (dy[j] ?? 0) + y * f
    }
    for (let i = 0; i < n; i++) {
      const p = placed[i] as Placed
      const x = (dx[i] ?? 0) + (W / 2 - p.x) * 0.05
      const y = (dy[i] ?? 0) + (H / 2 - p.y) * 0.05
      const d = Math.sqrt(x * x + y * y) || 1
      p.x = Math.max(30, Math.min(W - 30, p.x + (x / d) * Math.min(d, heat)))
      p.y = Math.max(20, Math.min(H - 20, p.y + (y / d) * Math.min(d, heat)))
    }
  }
  return placed
}

/** Actors as nodes and dyads as edges (width: events, colour: mean Goldstein score); an edge opens its events. */
export function NetworkView({ route }: { route: Route }) {
  const level = route.params.get('level') === 'country' ? 'country' : 'code'
  const net = useFetch(`${filterKey(route.filters)}|${level}`, (signal) =>
    get<{ nodes: NetworkNode[]; edges: NetworkEdge[] }>('/v1/network', filterParams(route.filters, { level, limit: 60 }), signal),
  )
  const placed = useMemo(() => (net.data ? layout(net.data.nodes, net.data.edges) : []), [net.data])
  const at = new Map(placed.map((p) => [p.code, p]))
  const edges = net.data?.edges ?? []
  const maxEdge = Math.max(1, ...edges.map((e) => e.count))
  const maxNode = Math.max(1, ...placed.map((p) => p.count))
  const openDyad = (e: NetworkEdge): void => navigate({ view: 'events', actor1: e.source, actor2: e.target, actor: null, offset: null })
  return (
    <div class="network-view" aria-busy={net.loading}>
      <div class="view-head">
        <h2>Actor network</h2>
        <label>
          <span>Actors by</span>
          <select value={level} onChange={(e) => navigate({ level: (e.target as HTMLSelectElement).value }, false)}>
            <option value="code">whole code</option>
            <option value="country">country or group</option>
          </select>
        </label>
        <span class="muted" aria-live="polite">
          {net.loading ? 'Loading…' : `${placed.length} actors, ${edges.length} dyads (the busiest 60)`}
        </span>
      </div>
      {net.error && <p class="error">{net.error}</p>}
      <svg class="network" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Actor network; the dyad list below has the same edges as buttons">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#777" />
          </marker>
        </defs>
        {edges.map((e) => {
          const a = at.get(e.source)
          const b = at.get(e.target)
          if (!a || !b || a === b) return null
          // stop the line at the target's circle so the arrow shows
          const r = 6 + 14 * Math.sqrt(b.count / maxNode)
          const d = Math.hypot(b.x - a.x, b.y - a.y) || 1
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the dyad list below offers the same action to the keyboard
            <line
              key={`${e.source}>${e.target}`}
              class="edge"
              data-dyad={`${e.source}>${e.target}`}
              x1={a.x}
              y1={a.y}
              x2={b.x - ((b.x - a.x) / d) * r}
              y2={b.y - ((b.y - a.y) / d) * r}
              stroke={goldsteinColour(e.goldstein)}
              stroke-width={1 + 7 * Math.sqrt(e.count / maxEdge)}
              marker-end="url(#arrow)"
              onClick={() => openDyad(e)}
            >
              <title>{`${e.source} → ${e.target}: ${e.count} events, mean Goldstein ${e.goldstein ?? '—'}`}</title>
            </line>
          )
        })}
        {placed.map((p) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: the filter form sets the same actor from the keyboard
          <g key={p.code} class="node" transform={`translate(${p.x},${p.y})`} onClick={() => navigate({ actor: p.code, actor1: null, actor2: null })}>
            <title>{`${p.code}: ${p.count} events in the dyads shown, mean Goldstein ${p.goldstein ?? '—'}`}</title>
            <circle r={6 + 14 * Math.sqrt(p.count / maxNode)} fill={goldsteinColour(p.goldstein)} />
            <text y={-10 - 14 * Math.sqrt(p.count / maxNode)} text-anchor="middle">
              {p.code}
            </text>
          </g>
        ))}
      </svg>
      <h3>Dyads</h3>
      <div class="table-scroll">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Target</th>
              <th scope="col">Events</th>
              <th scope="col">Mean Goldstein</th>
              <th scope="col">
                <span class="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {edges.slice(0, 25).map((e) => (
              <tr key={`${e.source}>${e.target}`}>
                <td>{e.source}</td>
                <td>{e.target}</td>
                <td>{e.count}</td>
                <td>
                  <span class="swatch" style={{ background: goldsteinColour(e.goldstein) }} /> {e.goldstein ?? '—'}
                </td>
                <td>
                  <button type="button" onClick={() => openDyad(e)} aria-label={`Events of ${e.source} towards ${e.target}`}>
                    Events
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
