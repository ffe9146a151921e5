import { z } from '@hono/zod-openapi'
import { isCalendarDate } from '../core/calendar-date.js'
import { EventFilterSchema } from '../store/event-filter.js'

/** The one error shape every failing request gets: a stable code and a sentence, never a stack trace. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'since: expects a calendar date as YYYY-MM-DD' }),
      path: z.string().optional().openapi({ description: 'The field at fault, when one is' }),
    }),
  })
  .openapi('Error')

/** The content of a JSON body of a schema, as a route's request or response declares it. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } })

/** The error answers every read route may give. */
export const READ_ERRORS = {
  400: { description: 'A malformed or unknown query parameter', content: json(ErrorSchema) },
  401: { description: 'A bad, revoked or (when reads need one) missing token', content: json(ErrorSchema) },
  429: { description: 'Over the rate limit', content: json(ErrorSchema) },
}

/** The largest page of events one request gets. */
export const MAX_PAGE = 1000

/** The page size when a request gives none. */
export const DEFAULT_PAGE = 100

/** A page size in a query string: a whole number from 1 to `max` (as many digits as `max` has, then capped). */
export function pageSize(max: number) {
  const message = `expects a whole number from 1 to ${max}`
  return z
    .string()
    .regex(new RegExp(`^[1-9]\\d{0,${String(max).length - 1}}$`), { message })
    .transform(Number)
    .refine((n) => n <= max, { message })
    .optional()
}

/** A page cursor in a query string: the "next" value of the previous page (the id of the last row seen). */
export const PageCursor = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, { message: 'expects the "next" value of a previous page' })
  .transform(Number)
  .optional()
  .openapi({ description: 'The "next" value of the previous page' })

// the filters are the CLI's (the shared zod EventFilter, so a new filter shows up here by
// itself); the page size is capped and the cursor is the id of the last event seen
/** Query of GET /v1/events: the shared filters, a capped page size and a cursor. */
export const EventsQuerySchema = EventFilterSchema.extend({
  limit: pageSize(MAX_PAGE).openapi({ description: `Events per page (default ${DEFAULT_PAGE}, at most ${MAX_PAGE})`, example: '50' }),
  cursor: PageCursor,
}).strict()

/** An event as the API shows it (a stored event: one coded act in one sentence of one article, with its evidence). */
export const EventSchema = z
  .object({
    id: z.number().int(),
    articleId: z.string(),
    articleTitle: z.string().nullable(),
    sourceCode: z.string().nullable(),
    sourceText: z.string().nullable(),
    targetCode: z.string().nullable(),
    targetText: z.string().nullable(),
    cameo: z.string(),
    cameoName: z.string(),
    plover: z.string().nullable(),
    goldstein: z.number().nullable(),
    quad: z.number().int(),
    negated: z.boolean(),
    modality: z.string(),
    date: z.string().nullable(),
    placeName: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    evidence: z.string().openapi({ description: 'The sentence that says so' }),
    triggerText: z.string(),
    sentenceStart: z.number().int(),
    sentenceEnd: z.number().int(),
    rule: z.string(),
    confidence: z.number(),
    pipelineVersion: z.string(),
  })
  .openapi('Event')

/** A page of events and the cursor of the next one (null on the last page). */
export const EventsPageSchema = z
  .object({
    events: z.array(EventSchema),
    next: z.string().nullable().openapi({ description: 'Pass as ?cursor= for the next page; null when there is none' }),
  })
  .openapi('EventsPage')

/** A numeric id in a path. */
export const EventIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, { message: 'expects an event id (a whole number)' })
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, example: '42' }),
})

/** One event with the article it comes from. */
export const EventDetailSchema = z
  .object({
    event: EventSchema,
    article: z.object({ id: z.string(), title: z.string().nullable(), url: z.string().nullable(), published: z.string().nullable() }),
    evidence: z.object({
      sentence: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      trigger: z.string(),
      rule: z.string(),
    }),
  })
  .openapi('EventDetail')

/** An article's content id (from its text) in a path. */
export const ArticleIdParams = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { message: 'expects an article id (32 hexadecimal characters)' })
    .openapi({ param: { name: 'id', in: 'path' }, example: '3f2a9c0d1b7e4f6a8c5d2e1f0a9b8c7d' }),
})

/** The stages a caller may ask for (their dependencies run too). */
export const STAGE_NAMES = ['extract', 'segment', 'entities', 'syntax', 'actors', 'dates', 'places', 'quotes', 'events', 'tone'] as const

/** The layers an article view may be narrowed to. */
export const LAYER_NAMES = ['article', 'sentences', 'tokens', 'entities', 'actors', 'dates', 'places', 'quotes', 'events', 'tone', 'messages'] as const

/** Query of GET /v1/articles/{id}: which layers to include. */
export const ArticleQuerySchema = z
  .object({
    layers: z
      .string()
      .regex(new RegExp(`^(${LAYER_NAMES.join('|')})(,(${LAYER_NAMES.join('|')}))*$`), {
        message: `expects a comma-separated list of ${LAYER_NAMES.join(', ')}`,
      })
      .optional()
      .openapi({ description: 'Comma-separated layers to include (all by default)', example: 'events,actors' }),
  })
  .strict()

/** The output model of an analysed document (DESIGN §2): its id, article and layers. */
export const AnalysisSchema = z
  .object({
    id: z.string(),
    article: z.record(z.string(), z.unknown()).optional(),
    sentences: z.array(z.object({ start: z.number(), end: z.number() })).optional(),
    tokens: z.array(z.record(z.string(), z.unknown())).optional(),
    entities: z.array(z.record(z.string(), z.unknown())).optional(),
    actors: z.array(z.record(z.string(), z.unknown())).optional(),
    dates: z.array(z.record(z.string(), z.unknown())).optional(),
    places: z.array(z.record(z.string(), z.unknown())).optional(),
    quotes: z.array(z.record(z.string(), z.unknown())).optional(),
    events: z.array(z.record(z.string(), z.unknown())).optional(),
    tone: z.number().optional(),
    messages: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .openapi('Analysis')

/** A stored article with its layers. */
export const ArticleSchema = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    pipelineVersion: z.string(),
    analysis: AnalysisSchema,
  })
  .openapi('Article')

const day = z.string().refine(isCalendarDate, { message: 'expects a calendar date as YYYY-MM-DD' })

// the document fields of the batch contract (DESIGN §3), capped by the body limit
const documentFields = {
  id: z.string().max(200).optional(),
  text: z.string().optional().openapi({ description: 'Plain text of the article' }),
  html: z.string().optional().openapi({ description: 'The article page as HTML' }),
  published: day.optional().openapi({ description: 'Publication date, when the article gives none' }),
  clean: z.boolean().optional().openapi({ description: 'false: the text is already clean and kept byte for byte' }),
}

/** Body of POST /v1/analyze: a text or an HTML page, analysed and not stored. */
export const AnalyzeBodySchema = z
  .object({
    ...documentFields,
    stages: z
      .array(z.enum(STAGE_NAMES))
      .max(STAGE_NAMES.length)
      .optional()
      .openapi({ description: 'Stages to run (their dependencies run too); all by default' }),
  })
  .strict()
  .refine((b) => b.text !== undefined || b.html !== undefined, { message: 'needs "text" or "html"', path: ['text'] })
  .openapi('AnalyzeRequest')

/** Body of POST /v1/articles: a text, an HTML page, a URL or a feed, analysed and stored once. */
export const IngestBodySchema = z
  .object({
    ...documentFields,
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .openapi({ description: 'The page to fetch, or the article URL kept as metadata with text or html' }),
    feed: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .openapi({ description: 'An RSS, Atom or JSON feed whose items are ingested' }),
  })
  .strict()
  .refine((b) => b.text !== undefined || b.html !== undefined || b.url !== undefined || b.feed !== undefined, {
    message: 'needs "text", "html", "url" or "feed"',
    path: ['text'],
  })
  .openapi('IngestRequest')

/** What an ingest stored. */
export const IngestResultSchema = z
  .object({
    articleId: z.string(),
    inserted: z.boolean().openapi({ description: 'false when the same text was stored before' }),
    events: z.number().int().openapi({ description: 'Events the new article brought (0 when it was stored before)' }),
  })
  .openapi('IngestResult')

/** Query of GET /v1/actors: a name and the day its roles are wanted for. */
export const ActorQuerySchema = z
  .object({
    name: z.string().trim().min(1, { message: 'expects a name' }).max(200).openapi({ example: 'Lavrov' }),
    date: day.optional().openapi({ description: 'The day roles are read for (today by default)' }),
  })
  .strict()

const RoleSchema = z.object({ code: z.string(), title: z.string(), from: z.string().nullable(), to: z.string().nullable(), source: z.string() })

/** People and organisations of the registry known by a name. */
export const ActorResultSchema = z
  .object({
    date: z.string(),
    people: z.array(z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), roles: z.array(RoleSchema), rolesOnDate: z.array(RoleSchema) })),
    organisations: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        aliases: z.array(z.string()),
        code: z.string(),
        country: z.string().nullable(),
        sector: z.string().nullable(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        source: z.string(),
      }),
    ),
  })
  .openapi('ActorSearch')

/** The server's state. */
export const HealthSchema = z.object({ status: z.literal('ok'), version: z.string() }).openapi('Health')

/** What the store holds. */
export const StatsSchema = z
  .object({ articles: z.number().int(), events: z.number().int(), latestEventId: z.number().int(), pipelineVersion: z.string() })
  .openapi('Stats')

/** Query of GET /v1/stream: the shared filters (without a limit: a stream has no end) and where to resume. */
export const StreamQuerySchema = EventFilterSchema.omit({ limit: true })
  .extend({
    after: z
      .string()
      .regex(/^\d{1,15}$/, { message: 'expects an event id' })
      .transform(Number)
      .optional()
      .openapi({ description: 'Send the events written after this event id (default: only new ones); the Last-Event-ID header does the same' }),
  })
  .strict()
