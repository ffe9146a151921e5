#!/usr/bin/env node
// A receiver for sitrep watch webhooks, for trying them out: it checks each POST's
// signature and age, prints the alert, and answers 204 (401 for a bad signature).
//
//   SITREP_WEBHOOK_SECRET=… node examples/webhook-receiver.mjs [PORT]
//
// Standalone on purpose (node:http and node:crypto only): a real receiver does the same
// checks in whatever it is written in.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const secret = process.env.SITREP_WEBHOOK_SECRET
if (!secret) {
  process.stderr.write('set SITREP_WEBHOOK_SECRET to the secret `sitrep watch add --webhook` printed\n')
  process.exit(2)
}
const port = Number(process.argv[2] ?? 9000)
// a signed POST older than this is refused: a captured one cannot be replayed later
const MAX_AGE_S = 300

const valid = (timestamp, body, signature) => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`)
  const given = Buffer.from(String(signature ?? ''))
  return expected.length === given.length && timingSafeEqual(expected, given)
}

createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    const body = Buffer.concat(chunks)
    const timestamp = String(req.headers['x-sitrep-timestamp'] ?? '')
    const age = Math.abs(Date.now() / 1000 - Number(timestamp))
    if (!valid(timestamp, body, req.headers['x-sitrep-signature']) || !(age <= MAX_AGE_S)) {
      process.stdout.write(`refused a POST: bad signature or stale timestamp\n`)
      res.writeHead(401).end()
      return
    }
    const { watch, alert } = JSON.parse(body.toString('utf8'))
    process.stdout.write(`signature verified: watch ${watch} alert #${alert.id} ${alert.kind} ${alert.windowStart}: ${alert.summary}\n`)
    for (const e of alert.events.slice(0, 3)) process.stdout.write(`  ${e.date} ${e.source} -> ${e.target} ${e.cameo} ${e.articleUrl ?? e.articleId}\n`)
    res.writeHead(204).end()
  })
}).listen(port, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${port}/\n`))
