import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Input } from '../core/doc.js'

/** The largest document a job may carry (text or HTML, in characters); bigger ones are refused at enqueue time. */
export const MAX_JOB_CHARS = 16 * 1024 * 1024

/** The name every analysis job carries inside its queue. */
export const ARTICLE_JOB = 'article'

/** What one analysis job holds: the document and where it came from (for messages). Versioned so old workers refuse new shapes. */
export const ArticleJob = z
  .object({
    v: z.literal(1),
    where: z.string().max(4096),
    input: z
      .object({
        id: z.string().max(1024).optional(),
        text: z.string().max(MAX_JOB_CHARS).optional(),
        html: z.string().max(MAX_JOB_CHARS).optional(),
        url: z.string().max(8192).optional(),
        published: z.string().max(64).optional(),
        clean: z.boolean().optional(),
      })
      .strict()
      .refine((x) => x.text !== undefined || x.html !== undefined, { message: 'needs "text" or "html"' }),
  })
  .strict()

/** A validated analysis job. */
export type ArticleJob = z.infer<typeof ArticleJob>

/** Reads a job's data, or says in one line why it is not an analysis job. */
export function parseArticleJob(data: unknown): { ok: true; job: ArticleJob } | { ok: false; error: string } {
  const parsed = ArticleJob.safeParse(data)
  if (parsed.success) return { ok: true, job: parsed.data }
  const issue = parsed.error.issues[0]
  return { ok: false, error: `not a sitrep analysis job: ${issue ? `${issue.path.join('.') || '(job)'}: ${issue.message}` : 'unknown problem'}` }
}

/** The input a job carries, as the analyzer takes it. */
export function jobInput(job: ArticleJob): Input {
  return Object.fromEntries(Object.entries(job.input).filter(([, v]) => v !== undefined)) as Input
}

/** Builds the job for an input, dropping absent fields. */
export function articleJob(input: Input, where: string): ArticleJob {
  const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ArticleJob['input']
  return { v: 1, where: where.slice(0, 4096), input: clean }
}

/**
 * The job id of an input: a hash of its content (text, or HTML when there is no text) and
 * its fallback date, so enqueueing the same document twice makes one job. A URL alone is not
 * the key: a page re-scraped with new text is a new document (the store keys by text too).
 */
export function articleJobId(input: Input): string {
  const hash = createHash('sha256')
    .update(input.text !== undefined ? `t\u0000${input.text}` : `h\u0000${input.html ?? ''}`)
    .update(`\u0000${input.published ?? ''}`)
    .digest('hex')
  return `doc-${hash.slice(0, 40)}`
}

/** The name of a source job: a URL (page, feed, sitemap, OPML file) that a worker fetches and ingests. */
export const SOURCE_JOB = 'source'

/** What one source job holds: the URL to read, and where it came from (for messages). */
export const SourceJob = z
  .object({
    v: z.literal(1),
    where: z.string().max(4096),
    url: z
      .string()
      .max(8192)
      .regex(/^https?:\/\/\S+$/i, 'needs an http(s) URL'),
  })
  .strict()

/** A validated source job. */
export type SourceJob = z.infer<typeof SourceJob>

/** Reads a source job's data, or says in one line why it is not one. */
export function parseSourceJob(data: unknown): { ok: true; job: SourceJob } | { ok: false; error: string } {
  const parsed = SourceJob.safeParse(data)
  if (parsed.success) return { ok: true, job: parsed.data }
  const issue = parsed.error.issues[0]
  return { ok: false, error: `not a sitrep source job: ${issue ? `${issue.path.join('.') || '(job)'}: ${issue.message}` : 'unknown problem'}` }
}

/**
 * The job id of a one-off read of a URL: a hash of the URL, so enqueueing it twice while the
 * job is kept makes one job. A feed polled on a schedule is a job scheduler instead
 * (`scheduleId`), whose runs BullMQ names itself.
 */
export function sourceJobId(url: string): string {
  return `src-${createHash('sha256').update(url).digest('hex').slice(0, 40)}`
}

/** The id of the scheduler that polls a URL. */
export function scheduleId(url: string): string {
  return `poll:${url}`
}
