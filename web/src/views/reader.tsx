import { useEffect, useMemo, useState } from 'preact/hooks'
import { type Analysis, type AnalysisMention, type ApiArticle, type ApiEvent, get, QUADS } from '../api'
import { hrefFor, type Route } from '../route'
import { useFetch } from '../use-fetch'

type Kind = 'entity' | 'actor' | 'place' | 'date' | 'quote' | 'trigger'
interface Mark {
  start: number
  end: number
  kind: Kind
  label: string
  event?: number
  /** Which of its event's mentions a trigger is. */
  mention?: number
}

type AnalysisEvent = NonNullable<Analysis['events']>[number]
type Mention = Pick<AnalysisMention, 'sentence' | 'trigger'>

/** An event's reports in text order: its mentions, or its own evidence alone when it has none listed. */
const mentionsOf = (e: AnalysisEvent): Mention[] => (e.mentions?.length ? e.mentions : [{ sentence: e.sentence, trigger: e.trigger }])

/** The chosen event (its index in the analysis) and which of its mentions is in view. */
interface Choice {
  event: number
  mention: number
}

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'entity', label: 'Named entity' },
  { kind: 'actor', label: 'Actor' },
  { kind: 'place', label: 'Place' },
  { kind: 'date', label: 'Date' },
  { kind: 'quote', label: 'Quote' },
  { kind: 'trigger', label: 'Event trigger' },
]

/** Every layer's spans as marks on the text. */
function marksOf(a: Analysis): Mark[] {
  const marks: Mark[] = []
  for (const e of a.entities ?? []) marks.push({ start: e.start, end: e.end, kind: 'entity', label: `${e.type} entity` })
  for (const e of a.actors ?? []) marks.push({ start: e.start, end: e.end, kind: 'actor', label: `actor ${e.code} (${e.name})` })
  for (const e of a.places ?? []) marks.push({ start: e.start, end: e.end, kind: 'place', label: `place ${e.name}${e.country ? `, ${e.country}` : ''}` })
  for (const e of a.dates ?? []) marks.push({ start: e.start, end: e.end, kind: 'date', label: `${e.type.toLowerCase()} ${e.value}` })
  for (const q of a.quotes ?? [])
    marks.push({ start: q.start, end: q.end, kind: 'quote', label: `${q.direct ? 'direct' : 'indirect'} quote${q.speaker ? ` of ${q.speaker.text}` : ''}` })
  for (const [i, e] of (a.events ?? []).entries()) {
    const mentions = mentionsOf(e)
    for (const [k, m] of mentions.entries()) {
      const which = mentions.length > 1 ? ` (mention ${k + 1} of ${mentions.length})` : ''
      marks.push({
        start: m.trigger.start,
        end: m.trigger.end,
        kind: 'trigger',
        label: `event trigger: ${e.cameo} ${e.cameoName}${which}`,
        event: i,
        mention: k,
      })
    }
  }
  return marks
}

interface Segment {
  start: number
  end: number
  marks: Mark[]
}

/** The text cut at every mark's edge (and the chosen sentence's), each piece with the marks over it. */
function segments(text: string, marks: Mark[], cuts: number[]): Segment[] {
  const edges = new Set<number>([0, text.length, ...cuts])
  for (const m of marks) {
    edges.add(Math.max(0, Math.min(text.length, m.start)))
    edges.add(Math.max(0, Math.min(text.length, m.end)))
  }
  const sorted = [...edges].sort((a, b) => a - b)
  const out: Segment[] = []
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number
    const end = sorted[i + 1] as number
    out.push({ start, end, marks: marks.filter((m) => m.start <= start && m.end >= end) })
  }
  return out
}

/** The event and mention a stored event is: a stored event is one mention of an analysis event. */
function choiceOf(events: readonly AnalysisEvent[], stored: ApiEvent | undefined): Choice | null {
  if (!stored) return null
  for (const [i, e] of events.entries()) {
    const k = mentionsOf(e).findIndex((m) => m.sentence.start === stored.sentenceStart && m.trigger.text === stored.triggerText)
    if (k >= 0) return { event: i, mention: k }
  }
  return null
}

const within = (s: Segment, span: { start: number; end: number }): boolean => s.start >= span.start && s.end <= span.end

/**
 * An article with every layer marked (entities, actors, places, dates, quotes, event triggers);
 * the chosen event's sentence is scrolled to and shaded, every other mention of the event shaded
 * too and stepped through from the card beside it, with why it was coded so, the article's
 * source and date, and other reports of the same event.
 */
export function ReaderView({ route }: { route: Route }) {
  const eventId = Number(route.params.get('event')) || null
  const articleParam = route.params.get('article')
  const detail = useFetch(`event:${eventId}`, (signal) =>
    eventId ? get<{ event: ApiEvent; article: { id: string } }>(`/v1/events/${eventId}`, undefined, signal) : Promise.resolve(null),
  )
  const articleId = detail.data?.article.id ?? articleParam
  const article = useFetch(`article:${articleId}`, (signal) =>
    articleId ? get<ApiArticle>(`/v1/articles/${articleId}`, undefined, signal) : Promise.resolve(null),
  )
  const reports = useFetch(`reports:${eventId}`, (signal) =>
    eventId ? get<{ others: ApiEvent[]; clusterId: number }>(`/v1/events/${eventId}/reports`, undefined, signal) : Promise.resolve(null),
  )
  const analysis = article.data?.analysis
  const events = analysis?.events ?? []
  // the stored event is the mention of an analysis event in the same sentence with the same trigger
  const initial = useMemo(() => choiceOf(events, detail.data?.event), [events, detail.data])
  const [chosen, setChosen] = useState<Choice | null>(null)
  useEffect(() => setChosen(null), [eventId, articleId])
  const selected = chosen ?? initial
  const event = selected === null ? null : (events[selected.event] ?? null)
  const mentions = useMemo(() => (event ? mentionsOf(event) : []), [event])
  const mention = selected ? (mentions[selected.mention] ?? mentions[0]) : undefined
  const text = analysis?.article?.text ?? ''
  const marks = useMemo(() => (analysis ? marksOf(analysis) : []), [analysis])
  const pieces = useMemo(
    () =>
      segments(
        text,
        marks,
        mentions.flatMap((m) => [m.sentence.start, m.sentence.end]),
      ),
    [text, marks, mentions],
  )
  useEffect(() => {
    document.getElementById('chosen-sentence')?.scrollIntoView({ block: 'center' })
  }, [mention, pieces])
  const step = (by: number): void => {
    if (selected) setChosen({ event: selected.event, mention: Math.max(0, Math.min(mentions.length - 1, selected.mention + by)) })
  }

  if (!eventId && !articleParam)
    return (
      <section class="reader empty">
        <h2>Reader</h2>
        <p>Choose an event on the map, in the network or in the events table to read its article here.</p>
      </section>
    )
  const error = detail.error ?? article.error
  let firstInSentence = true
  return (
    <div class="reader-view">
      <article class="reader" aria-labelledby="article-title" aria-busy={article.loading || detail.loading}>
        <h2 id="article-title">{article.data?.title ?? analysis?.article?.title ?? (article.loading ? 'Loading…' : 'Untitled article')}</h2>
        <p class="muted">
          {article.data?.url ? (
            <a href={article.data.url} rel="noreferrer noopener" target="_blank">
              {new URL(article.data.url).hostname}
            </a>
          ) : (
            'No source URL'
          )}
          {' · '}published {article.data?.published ?? 'on an unknown date'}
        </p>
        {error && <p class="error">{error}</p>}
        <ul class="legend" aria-label="Marks">
          {KINDS.map((k) => (
            <li key={k.kind}>
              <span class={`m-${k.kind} sample`}>{k.label}</span>
            </li>
          ))}
        </ul>
        <div class="article-text">
          {pieces.map((s) => {
            const inSentence = mention !== undefined && within(s, mention.sentence)
            const inOther = !inSentence && mentions.some((m) => within(s, m.sentence))
            const triggers = s.marks.filter((m) => m.kind === 'trigger')
            const trigger = triggers.find((m) => m.event === selected?.event) ?? triggers[0]
            const classes = [...new Set(s.marks.map((m) => `m-${m.kind}`))]
            if (inSentence) classes.push('chosen-sentence')
            if (inOther) classes.push('mention-sentence')
            if (trigger && trigger.event === selected?.event) classes.push(inSentence ? 'chosen-trigger' : 'mention-trigger')
            const id = inSentence && firstInSentence ? 'chosen-sentence' : undefined
            if (inSentence) firstInSentence = false
            const body = text.slice(s.start, s.end)
            if (!classes.length) return body
            const title = s.marks.map((m) => m.label).join('; ') || undefined
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: the event list beside the text chooses the same events from the keyboard
              // biome-ignore lint/a11y/useKeyWithClickEvents: the event list beside the text chooses the same events from the keyboard
              <span
                key={s.start}
                id={id}
                class={classes.join(' ')}
                title={title}
                onClick={trigger ? () => setChosen({ event: trigger.event ?? 0, mention: trigger.mention ?? 0 }) : undefined}
              >
                {body}
              </span>
            )
          })}
        </div>
      </article>
      <aside class="side" aria-label="Why it was coded so">
        {event && (
          <section class="card why" aria-labelledby="why-title">
            <h2 id="why-title">Why this event</h2>
            <p>
              <strong>{event.source?.text ?? 'Someone'}</strong> → <strong>{event.target?.text ?? '—'}</strong>: {event.cameoName}
            </p>
            <dl class="facts">
              <dt>Rule</dt>
              <dd class="code">{event.rule}</dd>
              <dt>Trigger</dt>
              <dd>“{(mention ?? event).trigger.text}”</dd>
              <dt>Mentions</dt>
              <dd>{mentions.length}</dd>
              <dt>Confidence</dt>
              <dd>{event.confidence.toFixed(2)}</dd>
              <dt>Modality</dt>
              <dd>{event.modality}</dd>
              <dt>Negated</dt>
              <dd>{event.negated ? 'yes' : 'no'}</dd>
              <dt>CAMEO</dt>
              <dd>{event.cameo}</dd>
              <dt>Actors</dt>
              <dd>
                {event.source?.code ?? '—'} → {event.target?.code ?? '—'}
              </dd>
              <dt>Quad, Goldstein</dt>
              <dd>
                {QUADS[event.quad]?.name ?? event.quad}, {event.goldstein ?? '—'}
              </dd>
              <dt>Date, place</dt>
              <dd>
                {event.date ?? 'undated'}, {event.place?.name ?? 'no place'}
              </dd>
            </dl>
            {mentions.length > 1 && selected && (
              <nav class="mention-steps" aria-label="Mentions of this event">
                <button type="button" disabled={selected.mention <= 0} onClick={() => step(-1)}>
                  Previous mention
                </button>
                <span aria-live="polite">
                  Mention {selected.mention + 1} of {mentions.length}
                </span>
                <button type="button" disabled={selected.mention >= mentions.length - 1} onClick={() => step(1)}>
                  Next mention
                </button>
              </nav>
            )}
          </section>
        )}
        <section class="card" aria-labelledby="article-events-title">
          <h2 id="article-events-title">Events in this article</h2>
          <ol class="compact-list">
            {events.map((e, i) => (
              <li key={`${e.sentence.start}:${e.trigger.start}`}>
                <button type="button" aria-pressed={i === selected?.event} onClick={() => setChosen({ event: i, mention: 0 })}>
                  {e.source?.code ?? '—'} → {e.target?.code ?? '—'} · {e.cameoName} (“{e.trigger.text}”)
                  {(e.mentions?.length ?? 0) > 1 && ` · ${e.mentions?.length} mentions`}
                </button>
              </li>
            ))}
          </ol>
          {!events.length && !article.loading && <p>No events were found in this article.</p>}
        </section>
        {eventId && (
          <section class="card" aria-labelledby="reports-title">
            <h2 id="reports-title">Other reports of this event</h2>
            {reports.error && <p class="error">{reports.error}</p>}
            {reports.data && !reports.data.others.length && <p>No other report in the store.</p>}
            <ul class="compact-list">
              {reports.data?.others.map((o) => (
                <li key={o.id}>
                  <a href={hrefFor({ view: 'reader', event: o.id, article: null })}>
                    {o.articleTitle ?? 'Untitled'} · {o.date ?? 'undated'}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </aside>
    </div>
  )
}
