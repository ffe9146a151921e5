#!/usr/bin/env node
import { createLexicon } from '../lexicon/lexicon.js'
import { RegistryFileError, readUserRegistry } from '../lexicon/user-registry.js'
import { actorsCommand } from './actors-command.js'
import { analyzeCommand } from './analyze-command.js'
import type { Command, CommandEnv } from './command.js'
import { errorInWords } from './errors.js'
import { exportCommand } from './export-command.js'
import { ingestCommand } from './ingest-command.js'
import { queryCommand } from './query-command.js'
import { queueCommand } from './queue-command.js'
import { recodeCommand } from './recode-command.js'
import { serveCommand } from './serve-command.js'
import { startCommand } from './start-command.js'
import { statsCommand } from './stats-command.js'
import { tokensCommand } from './tokens-command.js'
import { UsageError } from './util.js'
import { watchCommand } from './watch-command.js'
import { workerCommand } from './worker-command.js'

const USAGE = `sitrep — news articles to explainable event data

Usage:
  sitrep analyze [FILE... | -] [--date YYYY-MM-DD] [--json] [--max-seconds N]
  sitrep analyze --jsonl [--stages extract,entities,...] < in.jsonl > out.jsonl
  sitrep ingest FILE|DIR|JSONL|URL|FEEDS_FILE|OPML|SITEMAP|WARC... [--db PATH] [--date YYYY-MM-DD]
                [--report] [--max-seconds N] [--every 15m] [--log json] [--contact URL] [--allow-private]
  sitrep ingest … --workers N          analyse in N threads (default: one per core), same results
  sitrep ingest … --queue redis://HOST:PORT [--queue-name NAME]   enqueue for workers instead
                (URLs and feeds become jobs the workers fetch; with --every they are polled)
  sitrep worker --queue redis://HOST:PORT [--queue-name NAME] --db URL [--lock-seconds N]
                [--allow-private] [--contact URL]
  sitrep queue status|retry|clean --queue redis://HOST:PORT [--queue-name NAME] [--older-than S]
  sitrep queue unschedule URL...|--all --queue redis://HOST:PORT [--queue-name NAME]
  sitrep query events [--since D] [--until D] [--actor C] [--actor1 C] [--actor2 C] [--code CAMEO]
                      [--root NN] [--quad 1-4] [--country ISO3] [--bbox W,S,E,N] [--limit N]
                      [--format table|jsonl|csv] [--db PATH|URL]
  sitrep query dyads --actor1 RUS --actor2 SYR [--by day|week|month] [--format csv|json]
  sitrep stats [--db PATH|URL]        one line: articles=N events=N clusters=N
  sitrep export --format gdelt|csv|jsonl|geojson|parquet [--mentions] [--out FILE] [--db PATH|URL]
                [--since D] [--until D] [--actor C] [--actor1 C] [--actor2 C] [--code CAMEO]
                [--root NN] [--quad 1-4] [--country ISO3] [--bbox W,S,E,N]
  sitrep recode [--since DATE] [--db PATH|URL]   re-analyse articles of an older pipeline
  sitrep actors check                 validate the actor registry (and --actors FILE)
  sitrep actors find NAME [--date YYYY-MM-DD]
  sitrep serve [--db PATH] [--port 8080] [--host 127.0.0.1] [--reads-need-token] [--cors ORIGIN]
               [--rate-limit N/min] [--body-limit BYTES] [--timeout S] [--allow-private] [--contact URL]
               [--watch-every S] [--queue redis://HOST:PORT [--queue-name NAME]]
  sitrep start [--db PATH] [--port 8080] [--watch-every S] [--queue redis://HOST:PORT [--queue-name NAME]]
               the dashboard (PORT or 8080, else the next free port); stores the example when the
               store is empty, keeps an admin token in .sitrep-admin-token, runs the watches every S s
  sitrep tokens add NAME [--scope read|write|admin] | list | revoke ID   [--db PATH]
  sitrep watch add --name NAME [--actor1 CODE] [--actor2 CODE] [--both-ways] [--actor CODE]
                   [--root NN] [--quad 1-4] [--country ISO] [--bbox W,S,E,N] [--min-confidence X]
                   [--when any|spike|drop|rise|first] [--window 7d] [--baseline 4w] [--threshold N]
                   [--min-events N] [--webhook URL [--secret S] [--allow-private]] [--db PATH]
  sitrep watch list | remove NAME | test NAME --since DATE | run | alerts [NAME]   [--db PATH]

Every command takes --actors FILE (or SITREP_ACTORS=FILE): your own people,
organisations, seats and role nouns, added to the registry (see lexicon/actors/README.md).

The database is --db, else SITREP_DB, else ./sitrep.db (SQLite); --db also takes a
sqlite:PATH URL or postgres://USER@HOST:PORT/DATABASE.
--debug prints the stack trace of an unexpected error.`

const COMMANDS: Record<string, Command> = {
  actors: actorsCommand,
  analyze: analyzeCommand,
  export: exportCommand,
  ingest: ingestCommand,
  query: queryCommand,
  recode: recodeCommand,
  stats: statsCommand,
  queue: queueCommand,
  worker: workerCommand,
  serve: serveCommand,
  start: startCommand,
  tokens: tokensCommand,
  watch: watchCommand,
}

// --debug (anywhere on the line) adds the stack trace to an unexpected error
const debug = process.argv.includes('--debug')

async function main(args: string[]): Promise<number> {
  const { argv, file } = takeActorsOption(args.filter((a) => a !== '--debug'))
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) throw new UsageError(`unknown command "${name}"`)
  return command(rest, commandEnv(file ?? process.env[USER_ACTORS_ENV] ?? null))
}

/** The environment variable that names a user's registry file, as `--actors FILE` does. */
const USER_ACTORS_ENV = 'SITREP_ACTORS'

/** Reads and validates the user's registry file once, for every analyzer of the command. */
function commandEnv(actorsFile: string | null): CommandEnv {
  const userActors = actorsFile ? readUserRegistry(actorsFile) : {}
  return { lexicon: createLexicon({ actors: userActors }), actorsFile, userActors }
}

/** Takes `--actors FILE` out of the arguments. */
function takeActorsOption(args: string[]): { argv: string[]; file: string | null } {
  const out: string[] = []
  let file: string | null = null
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--actors' || a.startsWith('--actors=')) {
      const value = a === '--actors' ? args[++i] : a.slice('--actors='.length)
      if (!value) throw new UsageError('--actors needs a FILE')
      file = value
    } else out.push(a)
  }
  return { argv: out, file }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const err = e as Error & { code?: string }
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes
    if (e instanceof RegistryFileError) {
      // a bad registry file fails the whole command before any document: exit 2, no stack
      process.stderr.write(`sitrep: ${err.message}\n`)
      process.exitCode = 2
    } else if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`sitrep: ${err.message}\n\n${USAGE}\n`)
      process.exitCode = 2
    } else if (err.code === 'EPIPE') {
      // the reader went away (`sitrep query events | head`): nothing left to say
    } else {
      process.stderr.write(`sitrep: ${errorInWords(e, true)}\n${debug && err.stack ? `${err.stack}\n` : ''}`)
      process.exitCode = 1
    }
  },
)
