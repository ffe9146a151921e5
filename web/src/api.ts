// The dashboard's only way to data: the sitrep HTTP API on the server that served the page.

/** The filters the dashboard keeps in the URL: the API's and the CLI's event filters. */
export const FILTER_KEYS = ['actor', 'actor1', 'actor2', 'code', 'root', 'quad', 'country', 'bbox', 'since', 'until'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type Filters = Partial<Record<FilterKey, string>>

/** An event as the API answers it. */
export interface ApiEvent {
  id: number
  articleId: string
  articleTitle: string | null
  sourceCode: string | null
  sourceText: string | null
  targetCode: string | null
  targetText: string | null
  cameo: string
  cameoName: string
  plover: string | null
  goldstein: number | null
  quad: number
  negated: boolean
  modality: string
  date: string | null
  placeName: string | null
  lat: number | null
  lon: number | null
  evidence: string
  triggerText: string
  sentenceStart: number
  sentenceEnd: number
  rule: string
  confidence: number
}

export interface SeriesPoint {
  period: string
  quad: number
  count: number
  goldstein: number | null
}
export interface PlaceCell {
  lat: number
  lon: number
  count: number
  quads: number[]
  name: string | null
  eventId: number | null
}
export interface CountryCount {
  country: string
  count: number
  goldstein: number | null
}
export interface NetworkNode {
  code: string
  count: number
  goldstein: number | null
}
export interface NetworkEdge {
  source: string
  target: string
  count: number
  goldstein: number | null
}

interface Span {
  start: number
  end: number
}
/** An article's analysis: the layers the reader marks. */
export interface Analysis {
  article?: { title: string | null; text: string; published: string | null; url: string | null; byline?: string | null }
  sentences?: Span[]
  entities?: (Span & { type: string; text: string })[]
  actors?: (Span & { code: string; name: string })[]
  dates?: (Span & { value: string; type: string })[]
  places?: (Span & { name: string; country: string | null })[]
  quotes?: (Span & { direct: boolean; speaker: { text: string } | null; cue: (Span & { text: string }) | null })[]
  events?: {
    source: (Span & { code: string; text: string }) | null
    target: (Span & { code: string; text: string }) | null
    cameo: string
    cameoName: string
    trigger: Span & { text: string }
    sentence: Span
    rule: string
    confidence: number
    modality: string
    negated: boolean
    goldstein: number | null
    quad: number
    date: string | null
    place: { name: string } | null
    /** Every report of the act in the text, in text order, the event's own among them; absent when there is one. */
    mentions?: AnalysisMention[]
  }[]
}
/** One report of an event in its article: the sentence and the trigger word. */
export interface AnalysisMention {
  sentence: Span
  trigger: Span & { text: string }
  cameo: string
  confidence: number
}
export interface ApiArticle {
  id: string
  title: string | null
  url: string | null
  published: string | null
  pipelineVersion: string
  analysis: Analysis
}

/** A failed request: the API's error code and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Query parameters of the filters that are set (empty values are left out). */
export function filterParams(filters: Filters, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    if (value) params.set(key, value)
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.set(key, String(value))
  return params
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; path?: string } } | null
  if (!res.ok) {
    const error = body?.error
    throw new ApiFailure(
      res.status,
      error?.code ?? 'http_error',
      error ? `${error.path ? `${error.path}: ` : ''}${error.message}` : `the server answered ${res.status}`,
    )
  }
  return body as T
}

/** GET a path of the API with query parameters (and a bearer token when the route needs one). */
export async function get<T>(path: string, params?: URLSearchParams, signal?: AbortSignal, token?: string): Promise<T> {
  const query = params?.toString()
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  return answer<T>(await fetch(`${path}${query ? `?${query}` : ''}`, { signal: signal ?? null, headers }))
}

/** Where the dashboard keeps the token pasted into the Ingest or Queue view (this tab only). */
export const TOKEN_KEY = 'sitrep-token'

/** An event an alert cites. */
export interface AlertEvidence {
  id: number
  date: string | null
  source: string | null
  target: string | null
  cameo: string
  cameoName: string
  goldstein: number | null
  evidence: string
  articleId: string
  articleTitle: string | null
  articleUrl: string | null
}

/** An alert of a watch as the API answers it. */
export interface ApiAlert {
  id: number
  watch: string
  kind: string
  windowStart: string
  windowEnd: string
  summary: string
  firedAt: string
  delivery: 'none' | 'pending' | 'delivered' | 'failed'
  deliveryError: string | null
  eventCount: number
  events: AlertEvidence[]
}

/** A failed or dead job of the queue. */
export interface QueueJob {
  id: string
  where: string
  reason: string
  attempts: number
  at: string
}

/** The queue as GET /v1/queue answers it. */
export interface QueueState {
  queue: string
  redis: string
  waiting: number
  active: number
  delayed: number
  completed: number
  failed: number
  dead: number
  deadJobs: QueueJob[]
  failedJobs: QueueJob[]
  scheduled: number
  schedules: { url: string; everyMs: number; next: string | null }[]
}

/** POST JSON to the API with a bearer token. */
export async function post<T>(path: string, body: unknown, token: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  return answer<T>(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }))
}

/** Quad classes by number, with the colour each view draws them in. */
export const QUADS: Record<number, { name: string; colour: string }> = {
  1: { name: 'Verbal cooperation', colour: '#2b8cbe' },
  2: { name: 'Material cooperation', colour: '#1a9850' },
  3: { name: 'Verbal conflict', colour: '#f39c12' },
  4: { name: 'Material conflict', colour: '#d7301f' },
}

/** A colour for a mean Goldstein score: red for conflict (-10) through grey to blue for cooperation (+10). */
export function goldsteinColour(score: number | null): string {
  if (score === null) return '#888888'
  const t = Math.max(-1, Math.min(1, score / 10))
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * Math.abs(t))
  const [r, g, b] = t < 0 ? [mix(150, 200), mix(150, 40), mix(150, 30)] : [mix(150, 30), mix(150, 100), mix(150, 200)]
  return `rgb(${r}, ${g}, ${b})`
}
