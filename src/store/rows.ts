import { type Event, mentionsOf, type Place } from '../core/types.js'
import type { Output } from '../output.js'
import { articleId } from './article-id.js'
import type { StoredArticle, StoredCluster, StoredEvent } from './store.js'

/** The columns of the articles table, in the order `articleRow` gives their values. */
export const ARTICLE_COLUMNS = [
  'id',
  'doc_id',
  'title',
  'url',
  'published',
  'byline',
  'lang',
  'text',
  'analysis',
  'pipeline_version',
  'tone',
  'outlet',
  'text_length',
] as const

/** The columns of the events table a save writes, in the order `eventRows` gives their values. */
export const EVENT_COLUMNS = [
  'article_id',
  'ordinal',
  'source_code',
  'source_text',
  'target_code',
  'target_text',
  'cameo',
  'cameo_name',
  'plover',
  'goldstein',
  'quad',
  'negated',
  'modality',
  'date',
  'place_name',
  'lat',
  'lon',
  'sentence_start',
  'sentence_end',
  'trigger_start',
  'trigger_end',
  'trigger_text',
  'evidence',
  'rule',
  'confidence',
  'pipeline_version',
  'place_id',
  'place_country',
  'place_admin1',
  'place_feature',
  'is_root',
  'source_start',
  'target_start',
  'sentence_index',
] as const

/** A value a row holds: what both SQLite and PostgreSQL bind. */
export type Cell = string | number | null

/** An article row as the query for it returns it. */
export interface ArticleRow {
  id: string
  title: string | null
  url: string | null
  published: string | null
  text: string
  analysis: string
  pipeline_version: string
}

/** An event row joined with its article's title, as the event query returns it. */
export interface EventRow {
  id: number
  article_id: string
  title: string | null
  source_code: string | null
  source_text: string | null
  target_code: string | null
  target_text: string | null
  cameo: string
  cameo_name: string
  plover: string | null
  goldstein: number | null
  quad: number
  negated: number | boolean
  modality: string
  date: string | null
  place_name: string | null
  lat: number | null
  lon: number | null
  evidence: string
  trigger_text: string
  sentence_start: number
  sentence_end: number
  rule: string
  confidence: number
  pipeline_version: string
  place_id: string | null
  place_country: string | null
  place_admin1: string | null
  place_feature: string | null
  is_root: number | boolean | null
  source_start: number | null
  target_start: number | null
  sentence_index: number | null
  trigger_start: number
  article_url: string | null
  article_tone: number | null
  article_outlet: string | null
  article_added: string | null
  article_length: number | null
  cluster_id?: number | string | null
}

/** A cluster row: its first mention's event row and the cluster's counts, as CLUSTER_SELECT returns it. */
export interface ClusterRow extends EventRow {
  c_mentions: number
  c_articles: number
  c_sources: number
  c_is_root: number | boolean
  c_first_seen: string | null
  c_last_seen: string | null
  c_tone_sum: number
  c_tone_count: number
  c_confidence_sum: number
}

/** The article row of an analysis, its values in ARTICLE_COLUMNS order; throws a TypeError without an article layer. */
export function articleRow(analysis: Output, pipelineVersion: string): Cell[] {
  const article = analysis.article
  if (!article) throw new TypeError('save() needs an analysis with its article layer: run the extract stage')
  return [
    articleId(article.text),
    analysis.id,
    article.title,
    article.url,
    article.published,
    article.byline,
    article.lang,
    article.text,
    JSON.stringify(analysis),
    pipelineVersion,
    analysis.tone ?? null,
    outletOf(article.url),
    article.text.length,
  ]
}

/** The outlet of an article: its URL's host without "www." (null without a URL). */
export function outletOf(url: string | null): string | null {
  if (!url) return null
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase() || null
  } catch {
    return null
  }
}

/**
 * The span of an article's lead, where GDELT's root events are reported: the first paragraph
 * after a title line, or the first sentence when the text has no paragraphs.
 */
export function leadSpan(analysis: Output): { start: number; end: number } | null {
  const article = analysis.article
  if (!article) return null
  const title = article.title?.trim()
  const paragraphs = article.paragraphs.filter((p) => article.text.slice(p.start, p.end).trim())
  const first = paragraphs[0]
  if (first) {
    const isTitle = title !== undefined && article.text.slice(first.start, first.end).trim() === title
    return (isTitle ? paragraphs[1] : first) ?? first
  }
  return analysis.sentences?.[0] ?? null
}

// The gazetteer place an event's place names: the article's place with the same name and point.
function placeOf(analysis: Output, place: Event['place']): Place | null {
  if (!place) return null
  return analysis.places?.find((p) => p.name === place.name && p.lat === place.lat && p.lon === place.lon) ?? null
}

/**
 * The event rows of an analysis, each in EVENT_COLUMNS order, with the evidence sentence cut
 * from the text: a stored event is one mention, so an event the text reports twice (its
 * `mentions`) gives a row for each, with the event's codes, date and place and the mention's
 * sentence, trigger and confidence; the clusters then count both (GDELT's NumMentions).
 */
export function eventRows(analysis: Output, id: string, pipelineVersion: string): Cell[][] {
  const text = analysis.article?.text ?? ''
  const lead = leadSpan(analysis)
  const reports = (analysis.events ?? []).flatMap((event) =>
    mentionsOf(event).map((m) => ({ ...event, sentence: m.sentence, trigger: m.trigger, confidence: m.confidence })),
  )
  return reports.map((e, i) => [
    id,
    i,
    e.source?.code ?? null,
    e.source?.text ?? null,
    e.target?.code ?? null,
    e.target?.text ?? null,
    e.cameo,
    e.cameoName,
    e.plover,
    e.goldstein,
    e.quad,
    e.negated ? 1 : 0,
    e.modality,
    e.date,
    e.place?.name ?? null,
    e.place?.lat ?? null,
    e.place?.lon ?? null,
    e.sentence.start,
    e.sentence.end,
    e.trigger.start,
    e.trigger.end,
    e.trigger.text,
    text.slice(e.sentence.start, e.sentence.end),
    e.rule,
    e.confidence,
    pipelineVersion,
    ...placeCells(placeOf(analysis, e.place)),
    lead && e.sentence.start >= lead.start && e.sentence.start < lead.end ? 1 : 0,
    e.source?.start ?? null,
    e.target?.start ?? null,
    sentenceIndex(analysis, e.sentence.start),
  ])
}

// The 0-based number of the sentence that starts at `start` (binary search), null without a sentence layer.
function sentenceIndex(analysis: Output, start: number): number | null {
  const sentences = analysis.sentences
  if (!sentences?.length) return null
  let lo = 0
  let hi = sentences.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((sentences[mid] as { start: number }).start <= start) lo = mid
    else hi = mid - 1
  }
  return lo
}

function placeCells(place: Place | null): Cell[] {
  return place ? [place.id, place.country, place.admin1, place.feature] : [null, null, null, null]
}

// The article columns every event query reads beside the event's own.
const ARTICLE_FIELDS = `a.title, a.url AS article_url, a.tone AS article_tone, a.outlet AS article_outlet,
  a.created_at AS article_added, a.text_length AS article_length`

/** What the event queries select: each event with its article's title, URL, tone, outlet, time stored and length, and its cluster. */
export const EVENT_SELECT = `SELECT e.*, ${ARTICLE_FIELDS}, cm.cluster_id FROM events e JOIN articles a ON a.id = e.article_id
  LEFT JOIN cluster_mentions cm ON cm.event_id = e.id`

/** What the cluster queries select: each cluster's first mention as `e` (so event filters apply to it), its article and the cluster's counts. */
export const CLUSTER_SELECT = `SELECT e.*, ${ARTICLE_FIELDS}, c.id AS cluster_id, c.num_mentions AS c_mentions,
  c.num_articles AS c_articles, c.num_sources AS c_sources, c.is_root AS c_is_root, c.first_seen AS c_first_seen,
  c.last_seen AS c_last_seen, c.tone_sum AS c_tone_sum, c.tone_count AS c_tone_count, c.confidence_sum AS c_confidence_sum
  FROM clusters c JOIN events e ON e.id = c.seed_id JOIN articles a ON a.id = e.article_id`

/** A stored article from its row. */
export function toStoredArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    published: row.published,
    text: row.text,
    analysis: JSON.parse(row.analysis) as Output,
    pipelineVersion: row.pipeline_version,
  }
}

/** A stored event from its row. */
export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    id: Number(r.id),
    articleId: r.article_id,
    articleTitle: r.title,
    sourceCode: r.source_code,
    sourceText: r.source_text,
    targetCode: r.target_code,
    targetText: r.target_text,
    cameo: r.cameo,
    cameoName: r.cameo_name,
    plover: r.plover,
    goldstein: r.goldstein,
    quad: r.quad,
    negated: r.negated === 1 || r.negated === true,
    modality: r.modality,
    date: r.date,
    placeName: r.place_name,
    lat: r.lat,
    lon: r.lon,
    evidence: r.evidence,
    triggerText: r.trigger_text,
    sentenceStart: r.sentence_start,
    sentenceEnd: r.sentence_end,
    rule: r.rule,
    confidence: r.confidence,
    pipelineVersion: r.pipeline_version,
    placeId: r.place_id ?? null,
    placeCountry: r.place_country ?? null,
    placeAdmin1: r.place_admin1 ?? null,
    placeFeature: r.place_feature ?? null,
    isRoot: r.is_root === 1 || r.is_root === true,
    sourceStart: r.source_start ?? null,
    targetStart: r.target_start ?? null,
    sentenceIndex: r.sentence_index ?? null,
    triggerStart: r.trigger_start,
    articleUrl: r.article_url ?? null,
    articleTone: r.article_tone ?? null,
    articleOutlet: r.article_outlet ?? null,
    articleAdded: r.article_added ?? null,
    articleLength: r.article_length === null || r.article_length === undefined ? null : Number(r.article_length),
    clusterId: r.cluster_id === null || r.cluster_id === undefined ? null : Number(r.cluster_id),
  }
}

/** A stored cluster from its row. */
export function toStoredCluster(r: ClusterRow): StoredCluster {
  const mentions = Number(r.c_mentions)
  const tones = Number(r.c_tone_count)
  return {
    id: Number(r.cluster_id),
    event: toStoredEvent(r),
    numMentions: mentions,
    numSources: Number(r.c_sources),
    numArticles: Number(r.c_articles),
    firstSeen: r.c_first_seen,
    lastSeen: r.c_last_seen,
    isRoot: r.c_is_root === 1 || r.c_is_root === true,
    avgTone: tones ? Number(r.c_tone_sum) / tones : null,
    avgConfidence: mentions ? Number(r.c_confidence_sum) / mentions : 0,
  }
}
