import { parseArgs } from 'node:util'
import { countryByCode, countryByIso2 } from '../lexicon/countries.js'
import { createWatchRunner } from '../services/watch-runner.js'
import { createStore } from '../store/create-store.js'
import type { Store } from '../store/store.js'
import type { StoredAlert } from '../store/watches.js'
import { replayWatch, watchRule } from '../watch/engine.js'
import type { Firing } from '../watch/evaluate.js'
import { addWatch, WatchError } from '../watch/manage.js'
import { parseDays, ruleWithDefaults, WATCH_KINDS, type WatchKind, type WatchMatch, type WatchRule } from '../watch/rule.js'
import { dbLocation } from './db-option.js'
import { UsageError, validDateOption, writeLine } from './util.js'

const SUBCOMMANDS = ['add', 'list', 'remove', 'test', 'run', 'alerts'] as const

/**
 * `sitrep watch add|list|remove|test|run|alerts`: named rules over the stored events that fire
 * alerts (on any matching event, a spike, a drop or rise of mean Goldstein, a first event of a
 * kind), posted to a webhook and listed by the API and its Atom feeds.
 */
export async function watchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      name: { type: 'string' },
      actor: { type: 'string' },
      actor1: { type: 'string' },
      actor2: { type: 'string' },
      'both-ways': { type: 'boolean', default: false },
      root: { type: 'string', multiple: true },
      quad: { type: 'string', multiple: true },
      country: { type: 'string', multiple: true },
      bbox: { type: 'string' },
      'min-confidence': { type: 'string' },
      'include-negated': { type: 'boolean', default: false },
      when: { type: 'string', default: 'any' },
      window: { type: 'string' },
      baseline: { type: 'string' },
      threshold: { type: 'string' },
      'min-events': { type: 'string' },
      webhook: { type: 'string' },
      secret: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      since: { type: 'string' },
      limit: { type: 'string', default: '20' },
    },
  })
  const [sub, ...rest] = positionals
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number]))
    throw new UsageError(`"sitrep watch" needs ${SUBCOMMANDS.join(', ')}, got ${sub ? `"${sub}"` : 'nothing'}`)
  const named = (): string => {
    const name = rest[0] ?? values.name
    if (!name) throw new UsageError(`watch ${sub} needs a watch NAME`)
    return name
  }
  // the rule is read before the store is opened: a mistake in it touches no database
  const rule = sub === 'add' ? ruleFromFlags(values) : null
  if (sub === 'add' && !values.name) throw new UsageError('watch add needs --name NAME')
  if (sub === 'test' && values.since === undefined) throw new UsageError('watch test needs --since YYYY-MM-DD: the day the replay starts')
  const db = dbLocation(values.db)
  const store = createStore(db)
  try {
    await store.migrate()
    switch (sub) {
      case 'add':
        return await add(store, values.name as string, rule as WatchRule, values)
      case 'list':
        return await list(store)
      case 'remove': {
        const name = named()
        if (await store.removeWatch(name)) {
          await writeLine(`removed watch ${name} and its alerts`)
          return 0
        }
        process.stderr.write(`sitrep: no watch named "${name}" (see sitrep watch list)\n`)
        return 1
      }
      case 'test':
        return await test(store, named(), validDateOption(values.since as string, '--since'))
      case 'run':
        return await runOnce(store)
      default:
        return await alerts(store, rest[0], values.limit)
    }
  } catch (e) {
    if (e instanceof WatchError) {
      process.stderr.write(`sitrep: ${e.message}\n`)
      return 1
    }
    throw e
  } finally {
    await store.close()
  }
}

type Flags = Record<string, string | boolean | string[] | undefined>

/** The rule the flags of `watch add` say, with the kind's defaults; a UsageError naming the flag at fault. */
export function ruleFromFlags(values: Flags): WatchRule {
  const when = values.when as WatchKind
  if (!WATCH_KINDS.includes(when)) throw new UsageError(`--when expects one of ${WATCH_KINDS.join(', ')}, got "${values.when}"`)
  const list = (flag: string): string[] => ((values[flag] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim())
  const match: Record<string, unknown> = {}
  for (const flag of ['actor', 'actor1', 'actor2'] as const) if (values[flag] !== undefined) match[flag] = values[flag]
  if (values['both-ways']) {
    if (values.actor1 === undefined || values.actor2 === undefined) throw new UsageError('--both-ways needs --actor1 and --actor2 (the dyad, either way)')
    match.bothWays = true
  }
  const roots = list('root')
  if (roots.length) match.roots = roots
  const quads = list('quad')
  if (quads.length) {
    for (const q of quads) if (!/^[1-4]$/.test(q)) throw new UsageError(`--quad expects a QuadClass from 1 to 4, got "${q}"`)
    match.quads = quads.map(Number)
  }
  const countries = list('country')
  if (countries.length) match.countries = countries.map(countryCode)
  if (values.bbox !== undefined) {
    const parts = String(values.bbox).split(',').map(Number)
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)))
      throw new UsageError(`--bbox expects west,south,east,north in degrees, got "${values.bbox}"`)
    match.bbox = parts
  }
  if (values['min-confidence'] !== undefined) match.minConfidence = decimal(values['min-confidence'] as string, '--min-confidence')
  if (values['include-negated']) match.includeNegated = true
  const figures: Parameters<typeof ruleWithDefaults>[2] = {
    ...(values.window !== undefined && { windowDays: days(values.window as string, '--window') }),
    ...(values.baseline !== undefined && { baselineDays: days(values.baseline as string, '--baseline') }),
    ...(values.threshold !== undefined && { threshold: decimal(values.threshold as string, '--threshold') }),
    ...(values['min-events'] !== undefined && { minEvents: whole(values['min-events'] as string, '--min-events') }),
  }
  try {
    return ruleWithDefaults(match as WatchMatch, when, figures)
  } catch (e) {
    // "watch rule match.roots.0: …" is said as "--root: …"
    throw new UsageError((e as Error).message.replace(/^watch rule (?:match\.)?(\w+)(?:\.\d+)?:/, (_, f: string) => `--${flagOf(f)}:`))
  }
}

// the flag that sets a field of the match, for messages
const flagOf = (field: string): string =>
  ({
    roots: 'root',
    quads: 'quad',
    countries: 'country',
    minConfidence: 'min-confidence',
    baselineDays: 'baseline',
    windowDays: 'window',
    minEvents: 'min-events',
  })[field] ?? field

function countryCode(value: string): string {
  const code = value.toUpperCase()
  const country = code.length === 2 ? countryByIso2().get(code) : countryByCode().get(code)
  if (!country) throw new UsageError(`--country expects an ISO country code such as SYR or SY, got "${value}"`)
  return country.code
}

function days(value: string, flag: string): number {
  try {
    return parseDays(value, flag)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

function decimal(value: string, flag: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`${flag} expects a number such as 0.5 or 3, got "${value}"`)
  return Number(value)
}

function whole(value: string, flag: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new UsageError(`${flag} expects a whole number of at least 1, got "${value}"`)
  return Number(value)
}

/** A rule in one line: what it matches and when it fires. */
export function describeRule(rule: WatchRule): string {
  const m = rule.match
  const parts: string[] = []
  if (m.actor) parts.push(`actor ${m.actor}`)
  if (m.actor1 || m.actor2) parts.push(`${m.actor1 ?? '*'} ${m.bothWays ? '<->' : '->'} ${m.actor2 ?? '*'}`)
  if (m.roots) parts.push(`root ${m.roots.join(',')}`)
  if (m.quads) parts.push(`quad ${m.quads.join(',')}`)
  if (m.countries) parts.push(`in ${m.countries.join(',')}`)
  if (m.bbox) parts.push(`in box ${m.bbox.join(',')}`)
  if (m.minConfidence !== undefined) parts.push(`confidence >= ${m.minConfidence}`)
  if (m.includeNegated) parts.push('negated too')
  const what = parts.length ? parts.join(', ') : 'every event'
  const windows = `${rule.windowDays}-day windows`
  const when = {
    any: `any event (${windows})`,
    spike: `spike: z >= ${rule.threshold} against ${rule.baselineDays} days, at least ${rule.minEvents} events (${windows})`,
    drop: `drop of mean Goldstein by ${rule.threshold} against ${rule.baselineDays} days, ${rule.minEvents}+ events each (${windows})`,
    rise: `rise of mean Goldstein by ${rule.threshold} against ${rule.baselineDays} days, ${rule.minEvents}+ events each (${windows})`,
    first: 'first event of each CAMEO root',
  }[rule.when]
  return `${what}; fires on ${when}`
}

async function add(store: Store, name: string, rule: WatchRule, values: Flags): Promise<number> {
  if (values.secret !== undefined && values.webhook === undefined) throw new UsageError('--secret goes with --webhook URL')
  const watch = await addWatch(store, {
    name,
    rule,
    webhookUrl: (values.webhook as string | undefined) ?? null,
    webhookSecret: (values.secret as string | undefined) ?? null,
    allowPrivate: values['allow-private'] === true,
  })
  await writeLine(`added watch ${name}: ${describeRule(rule)}`)
  if (watch.webhookUrl) {
    await writeLine(`webhook ${watch.webhookUrl}, signing secret ${watch.webhookSecret}`)
    process.stderr.write('sitrep: posts carry X-Sitrep-Timestamp and X-Sitrep-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)\n')
  }
  process.stderr.write(
    `sitrep: it fires on events stored from now on (after event ${watch.afterEventId}); try it on the past with: sitrep watch test ${name} --since DATE\n`,
  )
  return 0
}

async function list(store: Store): Promise<number> {
  const watches = await store.listWatches()
  for (const w of watches) {
    const webhook = w.webhookUrl ? `  webhook ${new URL(w.webhookUrl).host}` : ''
    await writeLine(`${w.name}  ${describeRule(watchRule(w))}${webhook}`)
  }
  if (!watches.length) await writeLine('no watches')
  return 0
}

async function printFiring(f: Firing, prefix: string): Promise<void> {
  await writeLine(`${prefix} ${f.windowStart}${f.windowEnd !== f.windowStart ? `..${f.windowEnd}` : ''} ${f.kind}: ${f.summary}`)
  for (const e of f.events.slice(0, 3)) await writeLine(`    ${e.date} ${e.sourceCode ?? '?'} -> ${e.targetCode ?? '?'} ${e.cameo}: ${e.evidence}`)
  if (f.events.length > 3) await writeLine(`    … ${f.events.length - 3} more`)
}

async function test(store: Store, name: string, since: string): Promise<number> {
  const watch = await store.getWatch(name)
  if (!watch) {
    process.stderr.write(`sitrep: no watch named "${name}" (see sitrep watch list)\n`)
    return 1
  }
  const firings = await replayWatch(store, watchRule(watch), since)
  for (const f of firings) await printFiring(f, 'fired')
  process.stderr.write(
    `sitrep: watch ${name} would have fired ${firings.length} time(s) on the events stored since ${since} (nothing recorded, nothing sent)\n`,
  )
  return 0
}

async function runOnce(store: Store): Promise<number> {
  const log: string[] = []
  const runner = createWatchRunner({ store, log: (line) => log.push(line) })
  await runner.run()
  for (const line of log) await writeLine(line)
  if (!log.length) await writeLine('no watch fired')
  return 0
}

async function alerts(store: Store, name: string | undefined, limitFlag: string | undefined): Promise<number> {
  const limit = whole(limitFlag ?? '20', '--limit')
  const rows: StoredAlert[] = await store.listAlerts({ ...(name !== undefined && { watch: name }), limit })
  for (const a of rows) {
    const delivery =
      a.delivery === 'none' ? '' : `  [${a.delivery}${a.attempts ? `, ${a.attempts} attempt(s)` : ''}${a.deliveryError ? `: ${a.deliveryError}` : ''}]`
    await writeLine(`#${a.id} ${a.firedAt} ${a.watch} ${a.windowStart} ${a.kind}: ${a.summary}${delivery}`)
  }
  if (!rows.length) await writeLine('no alerts')
  return 0
}
