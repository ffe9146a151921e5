import { type ApiEvent, get, QUADS } from './api'
import { hrefFor } from './route'
import { useFetch } from './use-fetch'

/** One event in short: who did what to whom, when and where, the sentence, and a link to its evidence in the reader. */
export function EventCard({ id, onClose }: { id: number; onClose: () => void }) {
  const detail = useFetch(String(id), (signal) => get<{ event: ApiEvent }>(`/v1/events/${id}`, undefined, signal))
  const e = detail.data?.event
  return (
    <section class="card event-card" aria-labelledby="event-card-title">
      <div class="card-head">
        <h2 id="event-card-title">Event {id}</h2>
        <button type="button" class="close" onClick={onClose} aria-label="Close the event">
          ×
        </button>
      </div>
      {detail.error && <p class="error">{detail.error}</p>}
      {e && (
        <>
          <p>
            <strong>{e.sourceText ?? e.sourceCode ?? 'Someone'}</strong> {e.cameoName.toLowerCase()} <strong>{e.targetText ?? e.targetCode ?? ''}</strong>
          </p>
          <dl class="facts">
            <dt>Codes</dt>
            <dd>
              {e.sourceCode ?? '—'} → {e.targetCode ?? '—'}, CAMEO {e.cameo}
            </dd>
            <dt>Quad class</dt>
            <dd>{QUADS[e.quad]?.name ?? e.quad}</dd>
            <dt>Date</dt>
            <dd>{e.date ?? 'undated'}</dd>
            <dt>Place</dt>
            <dd>{e.placeName ?? '—'}</dd>
          </dl>
          <blockquote>{e.evidence}</blockquote>
          <a class="button" href={hrefFor({ view: 'reader', event: id })}>
            Open the evidence
          </a>
        </>
      )}
    </section>
  )
}
