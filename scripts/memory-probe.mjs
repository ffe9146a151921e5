// Preloaded into a benchmarked server (`node --expose-gc --import ./scripts/memory-probe.mjs …`):
// on SIGUSR2 it writes one line to stderr,
//   memory-probe {"found":{…},"spaces":{…},"kept":{…}}
// where `found` is process.memoryUsage() as the signal found it, `spaces` the size of each V8
// heap space then (bytes), and `kept` process.memoryUsage() after two full garbage collections:
// what the process keeps, apart from what it had not yet collected.
import { getHeapSpaceStatistics } from 'node:v8'

process.on('SIGUSR2', () => {
  const found = process.memoryUsage()
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]))
  if (typeof globalThis.gc === 'function') {
    globalThis.gc()
    globalThis.gc()
  }
  process.stderr.write(`memory-probe ${JSON.stringify({ found, spaces, kept: process.memoryUsage() })}\n`)
})
