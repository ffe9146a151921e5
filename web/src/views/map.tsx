import L from 'leaflet'
import { useEffect, useRef, useState } from 'preact/hooks'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { type ApiEvent, type CountryCount, filterParams, get, type PlaceCell, QUADS } from '../api'
import { EventCard } from '../event-card'
import { filterKey, hrefFor, navigate, type Route } from '../route'
import { useFetch } from '../use-fetch'

// the country outlines come once per page from sitrep (world-atlas, served by /v1/shapes/countries)
let shapes: Promise<GeoJSON.FeatureCollection> | null = null
function countryShapes(): Promise<GeoJSON.FeatureCollection> {
  shapes ??= get<Topology>('/v1/shapes/countries').then((topology) =>
    unwrap(feature(topology, topology.objects.countries as GeometryCollection) as unknown as GeoJSON.FeatureCollection),
  )
  return shapes
}

// Natural Earth's outlines that cross the antimeridian (Russia's east, Fiji) jump from +180 to
// -180 within a ring, which Leaflet draws as a band across the world: each point is moved by
// 360 degrees where that keeps it next to the one before
function unwrap(fc: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection {
  const ring = (points: GeoJSON.Position[]): GeoJSON.Position[] => {
    let shift = 0
    return points.map((p, i) => {
      const before = points[i - 1]
      if (before && p[0] !== undefined && before[0] !== undefined) {
        if (p[0] - before[0] > 180) shift -= 360
        else if (p[0] - before[0] < -180) shift += 360
      }
      return [(p[0] ?? 0) + shift, p[1] ?? 0]
    })
  }
  for (const f of fc.features) {
    const g = f.geometry
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map(ring)
    else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((polygon) => polygon.map(ring))
  }
  return fc
}

// the quad class with the most events in a cell gives its colour
const dominant = (cell: PlaceCell): number => cell.quads.indexOf(Math.max(...cell.quads)) + 1

interface Picked {
  kind: 'country'
  iso3: string
  name: string
}

/**
 * Events on a map of country outlines (no tiles: it works offline): located events grouped
 * in cells by the API for the zoom, coloured by their main quad class; a one-event cell opens
 * the event, a fuller one zooms in; a country shows its events.
 */
export function MapView({ route }: { route: Route }) {
  const box = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map | null>(null)
  const points = useRef<L.LayerGroup | null>(null)
  const countries = useRef<L.GeoJSON | null>(null)
  const [zoom, setZoom] = useState(2)
  const [picked, setPicked] = useState<Picked | null>(null)
  const eventId = Number(route.params.get('event')) || null
  const places = useFetch(`${filterKey(route.filters)}|${zoom}`, (signal) =>
    get<{ cells: PlaceCell[]; countries: CountryCount[] }>('/v1/places', filterParams(route.filters, { zoom }), signal),
  )

  useEffect(() => {
    if (!box.current) return
    const m = L.map(box.current, { worldCopyJump: true, attributionControl: false, minZoom: 1, maxZoom: 12, zoomSnap: 1 }).setView([25, 20], 2)
    m.on('zoomend', () => setZoom(m.getZoom()))
    map.current = m
    points.current = L.layerGroup().addTo(m)
    countryShapes().then((fc) => {
      if (map.current !== m) return
      countries.current = L.geoJSON(fc, {
        style: () => ({ color: '#9aa5b1', weight: 0.6, fillColor: '#eef1f4', fillOpacity: 1 }),
        onEachFeature: (f, layer) => {
          const iso3 = (f.properties as { iso3?: string | null }).iso3
          const name = (f.properties as { name?: string }).name ?? iso3 ?? 'a country'
          layer.on('click', () => iso3 && setPicked({ kind: 'country', iso3, name }))
          ;(layer as L.Path).options.className = 'country'
        },
      }).addTo(m)
      countries.current.bringToBack()
      setZoom(m.getZoom())
    })
    return () => {
      m.remove()
      map.current = null
    }
  }, [])

  // shade countries by their number of events
  useEffect(() => {
    const counts = new Map((places.data?.countries ?? []).map((c) => [c.country, c.count]))
    const max = Math.max(1, ...counts.values())
    countries.current?.setStyle((f) => {
      const n = counts.get((f?.properties as { iso3?: string } | undefined)?.iso3 ?? '') ?? 0
      return { fillColor: n ? `rgba(70, 100, 140, ${0.12 + 0.45 * Math.sqrt(n / max)})` : '#eef1f4' }
    })
  }, [places.data, countries.current])

  const openCell = (cell: PlaceCell): void => {
    if (cell.eventId !== null) navigate({ event: cell.eventId }, false)
    else map.current?.setView([cell.lat, cell.lon], Math.min(12, (map.current?.getZoom() ?? 2) + 2))
  }

  useEffect(() => {
    const layer = points.current
    if (!layer) return
    layer.clearLayers()
    const cells = places.data?.cells ?? []
    const max = Math.max(1, ...cells.map((c) => c.count))
    for (const cell of cells) {
      const q = dominant(cell)
      const marker = L.circleMarker([cell.lat, cell.lon], {
        radius: 5 + 16 * Math.sqrt(cell.count / max),
        color: '#ffffff',
        weight: 1,
        fillColor: QUADS[q]?.colour ?? '#555',
        fillOpacity: 0.85,
        className: cell.eventId !== null ? 'cell cell-event' : 'cell',
      })
      marker.bindTooltip(`${cell.name ?? 'Several places'}: ${cell.count} event${cell.count === 1 ? '' : 's'} (${cell.quads.join(' / ')} by quad class)`)
      marker.on('click', () => openCell(cell))
      marker.addTo(layer)
    }
  }, [places.data])

  const located = (places.data?.cells ?? []).reduce((s, c) => s + c.count, 0)
  const busiest = (places.data?.cells ?? []).slice(0, 12)
  return (
    <div class="map-view">
      <section class="map-wrap" aria-labelledby="map-title" aria-busy={places.loading}>
        <h2 id="map-title" class="visually-hidden">
          Map of events
        </h2>
        <div ref={box} class="map" role="application" aria-label="Map of located events; use the list of places beside it from the keyboard" />
        <p class="muted" aria-live="polite">
          {places.loading ? 'Loading…' : `${located.toLocaleString('en')} located events in ${places.data?.cells.length ?? 0} map points`}
          {places.error && <span class="error"> {places.error}</span>}
        </p>
      </section>
      <aside class="side" aria-label="Places and the chosen event">
        {eventId !== null && <EventCard id={eventId} onClose={() => navigate({ event: null }, false)} />}
        {picked && <CountryPanel picked={picked} route={route} onClose={() => setPicked(null)} />}
        <h2>Busiest places</h2>
        <ol class="place-list">
          {busiest.map((cell) => (
            <li key={`${cell.lat},${cell.lon}`}>
              <button type="button" onClick={() => openCell(cell)}>
                <span class="swatch" style={{ background: QUADS[dominant(cell)]?.colour }} />
                {cell.name ?? `Around ${cell.lat.toFixed(1)}, ${cell.lon.toFixed(1)}`} <span class="count">{cell.count}</span>
              </button>
            </li>
          ))}
        </ol>
        <h2>Countries</h2>
        <ol class="place-list">
          {(places.data?.countries ?? []).slice(0, 10).map((c) => (
            <li key={c.country}>
              <button type="button" onClick={() => setPicked({ kind: 'country', iso3: c.country, name: c.country })}>
                {c.country} <span class="count">{c.count}</span>
              </button>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  )
}

/** A country's events: the first few, and links to filter every view to it. */
function CountryPanel({ picked, route, onClose }: { picked: Picked; route: Route; onClose: () => void }) {
  const filters = { ...route.filters, country: picked.iso3 }
  const events = useFetch(`${filterKey(filters)}`, (signal) =>
    get<{ events: ApiEvent[]; total: number }>('/v1/table', filterParams(filters, { limit: 8, sort: 'date', order: 'desc' }), signal),
  )
  return (
    <section class="card" aria-labelledby="country-title">
      <div class="card-head">
        <h2 id="country-title">
          {picked.name} ({picked.iso3})
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label="Close the country">
          ×
        </button>
      </div>
      <p>{events.data ? `${events.data.total} events placed here` : (events.error ?? 'Loading…')}</p>
      <ul class="compact-list">
        {events.data?.events.map((e) => (
          <li key={e.id}>
            <a href={hrefFor({ view: 'reader', event: e.id })}>
              {e.date ?? 'undated'} · {e.sourceCode ?? '—'} → {e.targetCode ?? '—'} · {e.cameoName}
            </a>
          </li>
        ))}
      </ul>
      <a href={hrefFor({ country: picked.iso3, view: 'events', offset: null })}>All events in {picked.iso3} as a table</a>
    </section>
  )
}
