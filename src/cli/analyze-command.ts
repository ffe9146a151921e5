import { createReadStream, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createAnalyzer, isError } from '../analyze.js'
import type { Input } from '../core/doc.js'
import { decodeBytes } from '../stages/extract/decode.js'
import type { CommandEnv } from './command.js'
import { errorInWords } from './errors.js'
import { batchLines } from './input-schema.js'
import { formatReport } from './table.js'
import { type CappedRead, maxSecondsOption, readFileCapped, readStreamCapped, UsageError, validDateOption, writeLine } from './util.js'

// A file larger than this is refused before it is read.
const MAX_FILE_BYTES = 64 * 1024 * 1024

/** `sitrep analyze`: files or stdin -> a readable report, the full output (--json), or the batch contract (--jsonl). */
export async function analyzeCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      jsonl: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      stages: { type: 'string' },
      date: { type: 'string' },
      'max-seconds': { type: 'string' },
    },
  })
  const stages = values.stages
    ? values.stages
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null
  const published = values.date !== undefined ? validDateOption(values.date, '--date') : undefined
  let analyzer: ReturnType<typeof createAnalyzer>
  try {
    analyzer = createAnalyzer({ stages, lexicon: env.lexicon, maxSeconds: maxSecondsOption(values['max-seconds']) })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (values.jsonl) return analyzeJsonl(analyzer, positionals, published)
  const files = positionals.length ? positionals : ['-']
  let failed = 0
  for (const file of files) {
    const read = await readInput(file)
    const out = read.ok ? analyzer.analyze({ ...read.input, ...(published && { published }) }) : { id: file, error: read.error }
    if (isError(out)) {
      failed++
      process.stderr.write(`sitrep: ${file}: ${out.error}\n`)
      continue
    }
    if (read.ok && read.note) process.stderr.write(`sitrep: ${file}: ${read.note}\n`)
    await writeLine(values.json ? JSON.stringify(out, null, 2) : `${formatReport(out)}\n`)
  }
  return failed ? 1 : 0
}

/** The batch contract: one JSON input per line in, one output line per input line out, in order; a file that cannot be read is reported and the others go on. */
async function analyzeJsonl(analyzer: ReturnType<typeof createAnalyzer>, files: string[], published: string | undefined): Promise<number> {
  const sources = files.length ? files : ['-']
  let n = 0
  let unreadable = 0
  for (const file of sources) {
    try {
      for await (const line of batchLines(file === '-' ? process.stdin : createReadStream(file))) {
        if (line.blank) continue
        n++
        const { parsed } = line
        const out = parsed.ok
          ? analyzer.analyze(published && !parsed.input.published ? { ...parsed.input, published } : parsed.input)
          : { id: parsed.id ?? `line:${n}`, error: parsed.error }
        await writeLine(JSON.stringify(out))
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'EPIPE') throw e
      unreadable++
      process.stderr.write(`sitrep: ${file}: cannot read: ${errorInWords(e)}\n`)
    }
  }
  return unreadable ? 1 : 0
}

type ReadResult = { ok: true; input: Input; note: string | null } | { ok: false; error: string }

/** Reads a file (or stdin for "-") as text or HTML, decoding its bytes; never more than 64 MB. */
export async function readInput(file: string): Promise<ReadResult> {
  const read = file === '-' ? await readStreamCapped(process.stdin, MAX_FILE_BYTES, 'stdin') : await readFile(file)
  if (!read.ok) return read
  const bytes = read.bytes
  if (!bytes.length) return { ok: false, error: 'the file is empty' }
  const decoded = decodeBytes(bytes)
  const isHtml = /\.x?html?$/i.test(file) || /^\s*(<!doctype html|<html|<head|<body)/i.test(decoded.text.slice(0, 1000))
  const note = decoded.guessed ? `not valid UTF-8 and no trustworthy charset declared; decoded as ${decoded.encoding}` : null
  return { ok: true, input: isHtml ? { html: decoded.text, id: file } : { text: decoded.text, id: file }, note }
}

async function readFile(file: string): Promise<CappedRead> {
  try {
    const size = statSync(file).size
    if (size > MAX_FILE_BYTES) return { ok: false, error: `file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB` }
  } catch (e) {
    return { ok: false, error: `cannot read: ${errorInWords(e)}` }
  }
  // the size check above misses devices and pipes ("/dev/zero"): the read is capped too
  const read = await readFileCapped(file, MAX_FILE_BYTES)
  return read.ok ? read : { ok: false, error: read.error.replace(/^cannot read the file: /, 'cannot read: ') }
}
