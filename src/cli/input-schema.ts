import { z } from 'zod'
import type { Input } from '../core/doc.js'
import { jsonlLines, leadingId } from './jsonl-lines.js'

/** One line of the batch contract (DESIGN §3). */
export const InputLine = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    url: z.string().optional(),
    // YYYY-MM-DD by the contract; other forms ("10 May 2015", "today") are read by the
    // extract stage, which says so in a message when it cannot read them
    published: z.string().optional(),
    clean: z.boolean().optional(),
  })
  .refine((x) => x.text !== undefined || x.html !== undefined, { message: 'needs "text" or "html"' })

/** Parses one JSONL line into an input, or says why it cannot. */
export function parseInputLine(line: string): { ok: true; input: Input } | { ok: false; id: string | null; error: string } {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch (e) {
    return { ok: false, id: null, error: `malformed JSON: ${(e as Error).message}` }
  }
  const parsed = InputLine.safeParse(raw)
  const rawId = raw && typeof raw === 'object' && 'id' in raw ? String((raw as { id: unknown }).id) : null
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { ok: false, id: rawId, error: `invalid input: ${issue ? `${issue.path.join('.') || '(line)'}: ${issue.message}` : 'unknown problem'}` }
  }
  const { id, ...rest } = parsed.data
  const input: Input = Object.fromEntries(Object.entries({ ...rest, ...(id !== undefined ? { id: String(id) } : {}) }).filter(([, v]) => v !== undefined))
  return { ok: true, input }
}

/** The longest JSONL line read; a longer one is answered with an error line, never held whole. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024

/** A parsed JSONL line: blank, an input, or why it is not one (with the id when it can be found). */
export type BatchLine =
  | { readonly n: number; readonly blank: true }
  | { readonly n: number; readonly blank: false; readonly parsed: ReturnType<typeof parseInputLine> }

/** The lines of one JSONL stream, parsed; an oversize line becomes an error naming its size. */
export async function* batchLines(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxLineBytes = MAX_LINE_BYTES,
): AsyncGenerator<BatchLine> {
  for await (const line of jsonlLines(stream, maxLineBytes)) {
    if ('tooLong' in line) {
      const size = `${(line.tooLong / 1048576).toFixed(1)} MB`
      yield {
        n: line.n,
        blank: false,
        parsed: { ok: false, id: leadingId(line.head), error: `the line is ${size}; the limit is ${maxLineBytes / 1048576} MB` },
      }
    } else if (!line.text.trim()) yield { n: line.n, blank: true }
    else yield { n: line.n, blank: false, parsed: parseInputLine(line.text) }
  }
}
