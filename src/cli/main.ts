#!/usr/bin/env node
import { existsSync } from 'node:fs'
import { USER_ACTORS_ENV } from '../lexicon/actors.js'
import { actorsCommand } from './actors-command.js'
import { analyzeCommand } from './analyze-command.js'
import { ingestCommand } from './ingest-command.js'
import { queryCommand } from './query-command.js'
import { UsageError } from './util.js'

const USAGE = `sitrep — news articles to explainable event data

Usage:
  sitrep analyze [FILE... | -] [--date YYYY-MM-DD] [--json]
  sitrep analyze --jsonl [--stages extract,entities,...] < in.jsonl > out.jsonl
  sitrep ingest FILE|DIR|JSONL|URL|FEEDS_FILE|OPML|SITEMAP|WARC... [--db PATH] [--date YYYY-MM-DD]
                [--report] [--every 15m] [--log json] [--contact URL] [--allow-private]
  sitrep query events [--actor CODE] [--code CAMEO] [--since DATE] [--until DATE]
                      [--format table|jsonl|csv] [--db PATH]
  sitrep actors check                 validate the actor registry (and --actors FILE)
  sitrep actors find NAME [--date YYYY-MM-DD]

Every command takes --actors FILE (or SITREP_ACTORS=FILE): your own people,
organisations, seats and role nouns, added to the registry (see lexicon/actors/README.md).

The database defaults to ./sitrep.db (SQLite).`

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  actors: actorsCommand,
  analyze: analyzeCommand,
  ingest: ingestCommand,
  query: queryCommand,
}

async function main(args: string[]): Promise<number> {
  const argv = takeActorsOption(args)
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) throw new UsageError(`unknown command "${name}"`)
  return command(rest)
}

/** Removes `--actors FILE` from the arguments and names the file in SITREP_ACTORS, which the registry reads. */
function takeActorsOption(args: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--actors' || a.startsWith('--actors=')) {
      const file = a === '--actors' ? args[++i] : a.slice('--actors='.length)
      if (!file) throw new UsageError('--actors needs a FILE')
      if (!existsSync(file)) throw new UsageError(`--actors: no file at ${file}`)
      process.env[USER_ACTORS_ENV] = file
    } else out.push(a)
  }
  return out
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
