import { parseArgs } from 'node:util'
import { openQueueAdmin } from '../queue/queue-admin.js'
import { queueName, redactUrl } from '../queue/redis-url.js'
import type { CommandEnv } from './command.js'
import { UsageError, writeLine } from './util.js'

/**
 * `sitrep queue status|retry|clean|unschedule`: a queue's jobs by state with the dead ones'
 * reasons and the URLs it polls; dead jobs back in; old jobs out; polls stopped.
 */
export async function queueCommand(argv: string[], _env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      limit: { type: 'string', default: '10' },
      'older-than': { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
    },
  })
  const [action, ...extra] = positionals
  if (action !== 'status' && action !== 'retry' && action !== 'clean' && action !== 'unschedule')
    throw new UsageError('queue needs one of: status, retry, clean, unschedule')
  if (action === 'unschedule') {
    if (!extra.length && !values.all) throw new UsageError('queue unschedule needs the URLs to stop polling, or --all')
    if (extra.length && values.all) throw new UsageError('queue unschedule takes URLs or --all, not both')
  } else if (extra.length) throw new UsageError(`queue ${action} takes no more arguments (got "${extra[0]}")`)
  if (values.queue === undefined) throw new UsageError(`queue ${action} needs --queue redis://HOST:PORT`)
  if (!/^\d+$/.test(values.limit)) throw new UsageError(`--limit expects a number, got "${values.limit}"`)
  if (!/^\d+$/.test(values['older-than'])) throw new UsageError(`--older-than expects a number of seconds, got "${values['older-than']}"`)
  const name = queueName(values['queue-name'])
  const admin = openQueueAdmin(values.queue, name)
  try {
    await admin.ready()
    if (action === 'unschedule') {
      const n = await admin.unschedule(values.all ? null : extra)
      process.stderr.write(`sitrep: ${n} URL(s) of "${name}" no longer polled\n`)
      if (!values.all && n < extra.length) {
        process.stderr.write(`sitrep: ${extra.length - n} of the URLs given were not polled\n`)
        return 1
      }
    } else if (action === 'retry') {
      const n = await admin.retryDead()
      process.stderr.write(`sitrep: ${n} dead job(s) of "${name}" put back with fresh tries\n`)
    } else if (action === 'clean') {
      const n = await admin.clean(Number(values['older-than']) * 1000)
      process.stderr.write(`sitrep: ${n} finished, failed or dead job(s) of "${name}" removed\n`)
    } else {
      const s = await admin.status(Number(values.limit))
      if (values.json) await writeLine(JSON.stringify({ queue: name, ...s }))
      else {
        await writeLine(`queue "${name}" at ${redactUrl(values.queue)}`)
        await writeLine(
          `  waiting ${s.waiting}  active ${s.active}  delayed (to retry) ${s.delayed}  completed ${s.completed}  failed ${s.failed}  dead ${s.dead}`,
        )
        if (s.scheduled) await writeLine(`  polled ${s.scheduled} URL(s)`)
        for (const p of s.schedules) await writeLine(`  poll every ${period(p.everyMs)} ${p.url}${p.next ? ` (next ${p.next})` : ''}`)
        for (const d of s.deadJobs) await writeLine(`  dead ${d.id} after ${d.attempts} tr${d.attempts === 1 ? 'y' : 'ies'} (${d.at}) ${d.where}: ${d.reason}`)
      }
    }
  } finally {
    await admin.close()
  }
  return 0
}

/** A period in the units `--every` takes. */
function period(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  return `${Math.round(ms / 1000)}s`
}
