import { useEffect, useState } from 'preact/hooks'
import { type ApiAlert, get } from '../api'
import { hrefFor } from '../route'
import { useFetch } from '../use-fetch'

/** Where the browser keeps the id of the newest alert the user has seen on the Alerts view. */
const SEEN_KEY = 'sitrep-alerts-seen'
/** How many alerts the badge looks at: more new ones than this show as "50+". */
const BADGE_PAGE = 50
/** How often the badge asks for new alerts (ms). */
const BADGE_POLL_MS = 15_000
/** Alerts per page of the view. */
const PAGE = 25

/** The newest alert id the user has seen (0 when none). */
export function seenAlert(): number {
  const n = Number(localStorage.getItem(SEEN_KEY))
  return Number.isSafeInteger(n) && n > 0 ? n : 0
}

/** Remembers `id` as seen (never going back to an older one) and tells the badge. */
function markSeen(id: number): void {
  if (id <= seenAlert()) return
  localStorage.setItem(SEEN_KEY, String(id))
  window.dispatchEvent(new Event('sitrep:alerts-seen'))
}

/** The count of alerts newer than the newest seen, read from GET /v1/alerts now and every 15 s: `text` is what the badge shows ('' when none). */
export function useNewAlerts(): { count: number; text: string } {
  const [state, setState] = useState({ count: 0, more: false })
  useEffect(() => {
    let stopped = false
    let controller: AbortController | null = null
    const check = async (): Promise<void> => {
      controller?.abort()
      controller = new AbortController()
      try {
        const page = await get<{ alerts: ApiAlert[]; next: string | null }>('/v1/alerts', new URLSearchParams({ limit: String(BADGE_PAGE) }), controller.signal)
        const seen = seenAlert()
        const fresh = page.alerts.filter((a) => a.id > seen).length
        if (!stopped) setState({ count: fresh, more: fresh === page.alerts.length && page.next !== null })
      } catch {
        // the badge stays as it was; the Alerts view says what went wrong
      }
    }
    void check()
    const timer = setInterval(() => void check(), BADGE_POLL_MS)
    const seen = (): void => void check()
    window.addEventListener('sitrep:alerts-seen', seen)
    return () => {
      stopped = true
      controller?.abort()
      clearInterval(timer)
      window.removeEventListener('sitrep:alerts-seen', seen)
    }
  }, [])
  return { count: state.count, text: state.count ? `${state.count}${state.more ? '+' : ''}` : '' }
}

/** The watches' alerts, newest first: what fired, when, and the events that made it fire, each linked to its evidence. */
export function AlertsView() {
  const [cursors, setCursors] = useState<string[]>([])
  const cursor = cursors[cursors.length - 1]
  // what was new when the view opened stays marked while it is open
  const [before] = useState(seenAlert)
  const page = useFetch(cursor ?? 'first', (signal) =>
    get<{ alerts: ApiAlert[]; next: string | null }>('/v1/alerts', new URLSearchParams({ limit: String(PAGE), ...(cursor && { cursor }) }), signal),
  )
  const alerts = page.data?.alerts ?? []
  useEffect(() => {
    const newest = alerts[0]
    if (newest) markSeen(newest.id)
  }, [page.data])
  return (
    <section class="alerts-view" aria-labelledby="alerts-title" aria-busy={page.loading}>
      <div class="view-head">
        <h2 id="alerts-title">Alerts</h2>
        <span class="muted" aria-live="polite">
          {page.loading ? 'Loading…' : alerts.length ? `${alerts.length} shown, newest first` : ''}
        </span>
      </div>
      {page.error && <p class="error">{page.error}</p>}
      {!page.loading && !page.error && !alerts.length && (
        <p class="muted">
          No alert yet. Add a watch with <code>sitrep watch add</code>; this server evaluates the watches on new events while it runs.
        </p>
      )}
      <ol class="alerts">
        {alerts.map((a) => (
          <li key={a.id} class={a.id > before ? 'alert new' : 'alert'}>
            <div class="alert-head">
              <strong>{a.watch}</strong> <span class="kind">{a.kind}</span>
              {a.id > before && <span class="tag">new</span>}
              <time dateTime={a.firedAt} class="muted">
                fired {a.firedAt.replace('T', ' ').slice(0, 16)}
              </time>
            </div>
            <p>{a.summary}</p>
            <p class="muted">
              Window {a.windowStart} to {a.windowEnd}; {a.eventCount} event{a.eventCount === 1 ? '' : 's'}
              {a.delivery === 'failed' && `; the webhook failed: ${a.deliveryError ?? 'no reason given'}`}
              {a.delivery === 'pending' && '; the webhook is still to be told'}
            </p>
            {a.events.length > 0 && (
              <ul class="alert-events">
                {a.events.map((e) => (
                  <li key={e.id}>
                    <a href={hrefFor({ view: 'reader', event: e.id, article: null })}>
                      {e.date ?? 'undated'}: {e.source ?? '—'} → {e.target ?? '—'}, {e.cameoName}
                    </a>
                    <blockquote>{e.evidence}</blockquote>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <div class="pager">
        {cursors.length > 0 && (
          <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
        )}
        {page.data?.next && (
          <button type="button" onClick={() => setCursors([...cursors, page.data?.next as string])}>
            Older
          </button>
        )}
      </div>
    </section>
  )
}
