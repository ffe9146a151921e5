#!/usr/bin/env node
import { analyzeCommand } from './analyze-command.js'
import { ingestCommand } from './ingest-command.js'
import { queryCommand } from './query-command.js'
import { UsageError } from './util.js'

const USAGE = `sitrep — news articles to explainable event data

Usage:
  sitrep analyze [FILE... | -] [--date YYYY-MM-DD] [--json]
  sitrep analyze --jsonl [--stages extract,entities,...] < in.jsonl > out.jsonl
  sitrep ingest FILE|DIR|JSONL... [--db PATH] [--date YYYY-MM-DD] [--report]
  sitrep query events [--actor CODE] [--code CAMEO] [--since DATE] [--until DATE]
                      [--format table|jsonl|csv] [--db PATH]

The database defaults to ./sitrep.db (SQLite).`

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  analyze: analyzeCommand,
  ingest: ingestCommand,
  query: queryCommand,
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) throw new UsageError(`unknown command "${name}"`)
  return command(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const err = e as Error & { code?: string }
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`sitrep: ${err.message}\n\n${USAGE}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`sitrep: ${err.stack ?? String(e)}\n`)
      process.exitCode = 1
    }
  },
)
