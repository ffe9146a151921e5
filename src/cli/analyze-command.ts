import { readFileSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createAnalyzer, isError } from '../analyze.js'
import type { Input } from '../core/doc.js'
import { decodeBytes } from '../stages/extract/decode.js'
import type { CommandEnv } from './command.js'
import { parseInputLine } from './input-schema.js'
import { formatReport } from './table.js'
import { maxSecondsOption, UsageError, validDateOption, writeLine } from './util.js'

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
    const read = readInput(file)
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

/** The batch contract: one JSON input per line in, one output line per input line out, in order. */
async function analyzeJsonl(analyzer: ReturnType<typeof createAnalyzer>, files: string[], published: string | undefined): Promise<number> {
  const sources = files.length ? files : ['-']
  let n = 0
  for (const file of sources) {
    const stream = file === '-' ? process.stdin : (await import('node:fs')).createReadStream(file)
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
    for await (const line of lines) {
      if (!line.trim()) continue
      n++
      const parsed = parseInputLine(line)
      const out = parsed.ok
        ? analyzer.analyze(published && !parsed.input.published ? { ...parsed.input, published } : parsed.input)
        : { id: parsed.id ?? `line:${n}`, error: parsed.error }
      await writeLine(JSON.stringify(out))
    }
  }
  return 0
}

type ReadResult = { ok: true; input: Input; note: string | null } | { ok: false; error: string }

/** Reads a file (or stdin for "-") as text or HTML, decoding its bytes. */
export function readInput(file: string): ReadResult {
  let bytes: Buffer
  try {
    if (file !== '-') {
      const size = statSync(file).size
      if (size > MAX_FILE_BYTES) return { ok: false, error: `file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB` }
    }
    bytes = readFileSync(file === '-' ? 0 : file)
  } catch (e) {
    return { ok: false, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }
  }
  if (!bytes.length) return { ok: false, error: 'the file is empty' }
  const decoded = decodeBytes(bytes)
  const isHtml = /\.x?html?$/i.test(file) || /^\s*(<!doctype html|<html|<head|<body)/i.test(decoded.text.slice(0, 1000))
  const note = decoded.guessed ? `not valid UTF-8 and no trustworthy charset declared; decoded as ${decoded.encoding}` : null
  return { ok: true, input: isHtml ? { html: decoded.text, id: file } : { text: decoded.text, id: file }, note }
}
