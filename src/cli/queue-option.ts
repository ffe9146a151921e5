import { QueueUrlError } from '../queue/redis-url.js'
import { openQueueMonitor, type QueueMonitor } from '../services/queue-monitor.js'
import { UsageError } from './util.js'

/** The queue of `--queue URL [--queue-name NAME]` for a server to show; a malformed URL or name is a usage error. */
export function queueMonitor(url: string, name: string | undefined): QueueMonitor {
  try {
    return openQueueMonitor(url, name)
  } catch (e) {
    if (e instanceof QueueUrlError) throw new UsageError(e.message)
    throw e
  }
}
