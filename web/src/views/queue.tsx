import { useEffect, useState } from 'preact/hooks'
import { ApiFailure, get, post, type QueueJob, type QueueState, TOKEN_KEY } from '../api'

/** How often the page reads the queue again while it is open (ms). */
const POLL_MS = 5000

const COUNTS: [keyof QueueState, string][] = [
  ['waiting', 'Waiting'],
  ['active', 'Active'],
  ['delayed', 'To retry'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
  ['dead', 'Dead'],
]

/** A period in the units `--every` takes. */
function period(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`
  if (ms % 60_000 === 0) return `${ms / 60_000} min`
  return `${Math.round(ms / 1000)} s`
}

function Jobs({ title, jobs, total }: { title: string; jobs: QueueJob[]; total: number }) {
  const id = `queue-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} <span class="muted">({jobs.length < total ? `latest ${jobs.length} of ${total}` : total})</span>
      </h3>
      {jobs.length ? (
        <div class="table-scroll">
          <table class="data queue-jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">From</th>
                <th scope="col">Tries</th>
                <th scope="col">When</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>{j.id}</td>
                  <td class="where">{j.where || '—'}</td>
                  <td>{j.attempts}</td>
                  <td>{j.at ? j.at.replace('T', ' ').slice(0, 19) : '—'}</td>
                  <td class="reason">{j.reason || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">None.</p>
      )}
    </section>
  )
}

/**
 * The queue of `sitrep start|serve --queue`: jobs by state, failed and dead jobs with their
 * reasons, the feeds polled on a schedule, and the retry and clean actions. Everything here
 * needs an admin token (the one `npm start` writes).
 */
export function QueueView() {
  // what the field holds, and the token in use (the field's once submitted)
  const [input, setInput] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '')
  const [token, setToken] = useState(input)
  const [state, setState] = useState<QueueState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [olderThan, setOlderThan] = useState('3600')
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!token.trim()) {
      setState(null)
      setError(null)
      return
    }
    const controller = new AbortController()
    setLoading(true)
    get<QueueState>('/v1/queue', new URLSearchParams({ limit: '20' }), controller.signal, token.trim()).then(
      (s) => {
        if (controller.signal.aborted) return
        setState(s)
        setError(null)
        setLoading(false)
      },
      (e: unknown) => {
        if (controller.signal.aborted) return
        const f = e as ApiFailure
        let text = f.message
        if (f instanceof ApiFailure && (f.status === 401 || f.status === 403))
          text = `${f.message}. The queue needs an admin token: the one \`npm start\` wrote (its path is printed when it starts).`
        setState(null)
        setError(text)
        setLoading(false)
      },
    )
    const timer = setTimeout(() => setTick((t) => t + 1), POLL_MS)
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [token, tick])
  const act = async (what: 'retry' | 'clean'): Promise<void> => {
    setMessage(what === 'retry' ? 'Putting the dead jobs back…' : 'Cleaning…')
    try {
      if (what === 'retry') {
        const r = await post<{ retried: number }>('/v1/queue/retry', {}, token.trim())
        setMessage(`${r.retried} dead job${r.retried === 1 ? '' : 's'} put back with fresh tries.`)
      } else {
        const seconds = Number(olderThan)
        const r = await post<{ removed: number }>('/v1/queue/clean', { olderThanSeconds: seconds }, token.trim())
        setMessage(`${r.removed} finished, failed or dead job${r.removed === 1 ? '' : 's'} removed.`)
      }
    } catch (e) {
      setMessage((e as Error).message)
    }
    setTick((t) => t + 1)
  }
  return (
    <section class="queue-view" aria-labelledby="queue-title" aria-busy={loading && !state && !error}>
      <div class="view-head">
        <h2 id="queue-title">Queue</h2>
        {state && (
          <span class="muted">
            “{state.queue}” at {state.redis}, read every {POLL_MS / 1000} s
          </span>
        )}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          sessionStorage.setItem(TOKEN_KEY, input)
          setToken(input)
          setTick((t) => t + 1)
        }}
      >
        <label class="block">
          <span>Admin token</span>
          <input type="password" name="token" value={input} autoComplete="off" onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Show the queue</button>
      </form>
      {!token.trim() && <p class="muted">The queue is shown to admin tokens only: paste the one `npm start` wrote.</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {state && (
        <>
          <dl class="queue-counts">
            {COUNTS.map(([key, label]) => (
              <div key={key} class={`count count-${key}`}>
                <dt>{label}</dt>
                <dd>{(state[key] as number).toLocaleString('en')}</dd>
              </div>
            ))}
          </dl>
          <div class="queue-actions">
            <button type="button" disabled={!state.dead} onClick={() => void act('retry')}>
              Retry the dead jobs
            </button>
            <label class="inline">
              <span>Clean jobs finished over</span>
              <select value={olderThan} onChange={(e) => setOlderThan((e.target as HTMLSelectElement).value)}>
                <option value="0">0 s (all)</option>
                <option value="3600">1 hour</option>
                <option value="86400">1 day</option>
                <option value="604800">1 week</option>
              </select>
              <span>ago</span>
            </label>
            <button type="button" onClick={() => void act('clean')}>
              Clean
            </button>
          </div>
          {message && <p role="status">{message}</p>}
          <Jobs title="Dead jobs" jobs={state.deadJobs} total={state.dead} />
          <Jobs title="Failed jobs" jobs={state.failedJobs} total={state.failed} />
          <section aria-labelledby="queue-polled">
            <h3 id="queue-polled">
              Polled feeds and pages <span class="muted">({state.scheduled})</span>
            </h3>
            {state.schedules.length ? (
              <ul class="polled">
                {state.schedules.map((p) => (
                  <li key={p.url}>
                    <span class="where">{p.url}</span> every {period(p.everyMs)}
                    {p.next && <span class="muted"> (next {p.next.replace('T', ' ').slice(0, 16)})</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">None: `sitrep ingest FEED --every 15m --queue …` schedules one.</p>
            )}
          </section>
        </>
      )}
    </section>
  )
}
