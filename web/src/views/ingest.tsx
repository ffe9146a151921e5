import { useState } from 'preact/hooks'
import { ApiFailure, post, TOKEN_KEY } from '../api'
import { hrefFor } from '../route'

type Mode = 'text' | 'html' | 'url' | 'feed'

interface Result {
  articleId: string
  inserted: boolean
  events: number
}

/** Sends a text, an HTML page, a URL or a feed to POST /v1/articles with a write token. */
export function IngestView() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '')
  const [mode, setMode] = useState<Mode>('text')
  const [body, setBody] = useState('')
  const [published, setPublished] = useState('')
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string; result?: Result } | null>(null)
  const send = async (e: Event): Promise<void> => {
    e.preventDefault()
    sessionStorage.setItem(TOKEN_KEY, token)
    const value = body.trim()
    if (!value) {
      setStatus({ kind: 'error', text: mode === 'text' || mode === 'html' ? 'Paste the article first.' : 'Give the address first.' })
      return
    }
    const payload: Record<string, string> = { [mode]: value }
    if (published && (mode === 'text' || mode === 'html')) payload.published = published
    setStatus({ kind: 'busy', text: 'Analysing…' })
    try {
      const result = await post<Result>('/v1/articles', payload, token.trim())
      setStatus({
        kind: 'ok',
        text: result.inserted ? `Stored: ${result.events} event${result.events === 1 ? '' : 's'} found.` : 'This text was stored before; nothing changed.',
        result,
      })
    } catch (err) {
      const f = err as ApiFailure
      let text = f.message
      if (f instanceof ApiFailure && f.status === 401) text = `${f.message}. Use the token that \`npm start\` wrote (its path is printed when it starts).`
      if (f instanceof ApiFailure && f.status === 501)
        text = `This server cannot fetch ${mode === 'feed' ? 'feeds' : 'URLs'} yet: ${f.message}. Paste the page as text or HTML instead.`
      setStatus({ kind: 'error', text })
    }
  }
  const long = mode === 'text' || mode === 'html'
  return (
    <section class="ingest" aria-labelledby="ingest-title">
      <h2 id="ingest-title">Add articles</h2>
      <p>
        Writing needs a token with the write scope. <code>npm start</code> makes an admin token and prints the file it is in;{' '}
        <code>sitrep tokens add NAME --scope write</code> makes another.
      </p>
      <form onSubmit={send}>
        <label class="block">
          <span>Token</span>
          <input type="password" name="token" value={token} autoComplete="off" onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset>
          <legend>What to add</legend>
          {(['text', 'html', 'url', 'feed'] as Mode[]).map((m) => (
            <label key={m} class="inline">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {{ text: 'Text', html: 'HTML page', url: 'URL', feed: 'Feed (RSS, Atom, JSON)' }[m]}
            </label>
          ))}
        </fieldset>
        <label class="block" htmlFor="ingest-body">
          <span>{{ text: 'Article text', html: 'Page HTML', url: 'Page address', feed: 'Feed address' }[mode]}</span>
          {long ? (
            <textarea id="ingest-body" name="body" rows={12} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
          ) : (
            <input id="ingest-body" type="url" name="body" value={body} placeholder="https://" onInput={(e) => setBody((e.target as HTMLInputElement).value)} />
          )}
        </label>
        {long && (
          <label class="block">
            <span>Published (when the text does not say)</span>
            <input type="date" name="published" value={published} onInput={(e) => setPublished((e.target as HTMLInputElement).value)} />
          </label>
        )}
        <button type="submit" disabled={status?.kind === 'busy'}>
          Add
        </button>
      </form>
      {status && (
        <p class={status.kind === 'error' ? 'error' : 'ok'} role="status">
          {status.text} {status.result && <a href={hrefFor({ view: 'reader', article: status.result.articleId, event: null })}>Read it with its marks</a>}
        </p>
      )}
    </section>
  )
}
