import { useEffect } from 'preact/hooks'
import { FilterBar } from './filter-bar'
import { followLink, hrefFor, useRoute, VIEWS, type View } from './route'
import { AlertsView, useNewAlerts } from './views/alerts'
import { EventsView } from './views/events'
import { IngestView } from './views/ingest'
import { MapView } from './views/map'
import { NetworkView } from './views/network'
import { QueueView } from './views/queue'
import { ReaderView } from './views/reader'
import { Timeline } from './views/timeline'

const TITLES: Record<View, string> = {
  map: 'Map',
  timeline: 'Timeline',
  network: 'Actor network',
  events: 'Events',
  reader: 'Reader',
  alerts: 'Alerts',
  ingest: 'Ingest',
  queue: 'Queue',
}

/** Views that the event filters do not apply to. */
const UNFILTERED: readonly View[] = ['alerts', 'ingest', 'queue']

/** The dashboard: navigation, the shared filters, a timeline strip and the chosen view. */
export function App() {
  const route = useRoute()
  const fresh = useNewAlerts()
  useEffect(() => {
    document.title = `${TITLES[route.view]} · sitrep`
  }, [route.view])
  const strip = route.view === 'map' || route.view === 'network' || route.view === 'events'
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: one listener routes every same-page link; the links themselves are keyboard reachable
    // biome-ignore lint/a11y/useKeyWithClickEvents: links follow Enter through the same click
    <div class="shell" onClick={followLink}>
      <a class="skip" href="#main">
        Skip to the view
      </a>
      <header class="top">
        <h1>sitrep</h1>
        <nav aria-label="Views">
          <ul>
            {VIEWS.map((v) => (
              <li key={v}>
                <a href={hrefFor({ view: v })} aria-current={route.view === v ? 'page' : undefined}>
                  {TITLES[v]}
                  {v === 'alerts' && fresh.text && (
                    <span class="badge" title={`${fresh.text} new alert${fresh.count === 1 ? '' : 's'}`}>
                      {fresh.text}
                      <span class="visually-hidden"> new</span>
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {!UNFILTERED.includes(route.view) && <FilterBar filters={route.filters} />}
      {strip && <Timeline route={route} compact />}
      <main id="main" tabIndex={-1} aria-label={TITLES[route.view]}>
        {route.view === 'map' && <MapView route={route} />}
        {route.view === 'timeline' && <Timeline route={route} compact={false} />}
        {route.view === 'network' && <NetworkView route={route} />}
        {route.view === 'events' && <EventsView route={route} />}
        {route.view === 'reader' && <ReaderView route={route} />}
        {route.view === 'alerts' && <AlertsView />}
        {route.view === 'ingest' && <IngestView />}
        {route.view === 'queue' && <QueueView />}
      </main>
    </div>
  )
}
