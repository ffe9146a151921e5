import { parseArgs } from 'node:util'
import { openQueueAdmin } from '../queue/queue-admin.js'
import { queueName, redactUrl } from '../queue/redis-url.js'
import type { CommandEnv } from './command.js'
import { UsageError, writeLine } from './util.js'

/** `sitrep queue status|retry|clean`: a queue's jobs by state with the dead ones' reasons; dead jobs back in; old jobs out. */
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
    },
  })
  const [action, ...extra] = positionals
  if (action !== 'status' && action !== 'retry' && action !== 'clean') throw new UsageError('queue needs one of: status, retry, clean')
  if (extra.length) throw new UsageError(`queue ${action} takes no more arguments (got "${extra[0]}")`)
  if (values.queue === undefined) throw new UsageError(`queue ${action} needs --queue redis://HOST:PORT`)
  if (!/^\d+$/.test(values.limit)) throw new UsageError(`--limit expects a number, got "${values.limit}"`)
  if (!/^\d+$/.test(values['older-than'])) throw new UsageError(`--older-than expects a number of seconds, got "${values['older-than']}"`)
  const name = queueName(values['queue-name'])
  const admin = openQueueAdmin(values.queue, name)
  try {
    await admin.ready()
    if (action === 'retry') {
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
        for (const d of s.deadJobs) await writeLine(`  dead ${d.id} after ${d.attempts} tr${d.attempts === 1 ? 'y' : 'ies'} (${d.at}) ${d.where}: ${d.reason}`)
      }
    }
  } finally {
    await admin.close()
  }
  return 0
}
