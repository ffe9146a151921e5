/**
 * Runs the batch contract (`node dist/cli/main.js analyze --jsonl`) over the dev sets of
 * ../shared/data and saves or compares the outputs: a refactoring that must not change what
 * sitrep extracts is checked by saving before and comparing after.
 *
 *   node --import tsx scripts/diff-dev-output.ts save /tmp/before
 *   node --import tsx scripts/diff-dev-output.ts compare /tmp/before [--sets events,geo]
 *
 * `compare` prints, per set, the documents whose output differs outside the `messages`
 * layer, and the message kinds (source/ruleId) added or removed, with counts.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

const DATA = '../shared/data'

interface Record {
  readonly id: string
  readonly text?: string
  readonly html?: string
  readonly published?: string
  readonly clean?: boolean
}

const jsonl = (path: string): Array<{ [k: string]: unknown }> =>
  readFileSync(join(DATA, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))

const day = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined)

function textSet(path: string, idKey: string, dateKey?: string): Record[] {
  return jsonl(path)
    .filter((r) => typeof r.text === 'string' && r.text)
    .map((r) => {
      const published = dateKey ? day(r[dateKey]) : undefined
      return { id: String(r[idKey]), text: r.text as string, clean: false, ...(published ? { published } : {}) }
    })
}

// CoNLL-2003: one document per -DOCSTART-, sentences one per line, tokens joined by spaces
function conllDocs(path: string): Record[] {
  const docs: Record[] = []
  let sentences: string[] = []
  let words: string[] = []
  const flush = (): void => {
    if (words.length) sentences.push(words.join(' '))
    words = []
  }
  const close = (): void => {
    flush()
    if (sentences.length) docs.push({ id: `conll-${docs.length}`, text: sentences.join('\n'), clean: false })
    sentences = []
  }
  for (const line of readFileSync(join(DATA, path), 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) close()
    else if (!line.trim()) flush()
    else words.push(line.split(' ')[0] as string)
  }
  close()
  return docs
}

function htmlPages(folder: string): Record[] {
  const dir = join(DATA, folder, 'html')
  return readdirSync(dir)
    .sort()
    .map((f) => ({ id: f, html: (f.endsWith('.gz') ? gunzipSync(readFileSync(join(dir, f))) : readFileSync(join(dir, f))).toString('utf8') }))
}

const SETS: { [name: string]: () => Record[] } = {
  plover: () => textSet('events/plover-gsr-dev.jsonl', 'id'),
  cameo: () => textSet('events/cameo-examples-dev.jsonl', 'id'),
  gwn: () => textSet('geo/gwn.jsonl', 'doc_id'),
  geovirus: () => textSet('geo/geovirus.jsonl', 'doc_id'),
  tbaq: () => textSet('time/tbaq.jsonl', 'doc_id', 'dct'),
  polnear: () => textSet('quotes/polnear-dev.jsonl', 'doc_id', 'date'),
  conll: () => conllDocs('ner/conll2003/dev.txt'),
  zyte: () => htmlPages('extraction/zyte-dev'),
  wcxb: () => htmlPages('extraction/wcxb-articles-dev'),
}

function analyzeAll(records: readonly Record[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'analyze', '--jsonl'], { stdio: ['pipe', 'pipe', 'inherit'] })
    const out: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`analyze exited with ${code}`))))
    child.stdin.end(records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  })
}

type Counts = Map<string, number>

function messageKinds(lines: readonly string[]): Counts {
  const counts: Counts = new Map()
  for (const line of lines) {
    const doc = JSON.parse(line) as { messages?: Array<{ source: string; ruleId: string }> }
    for (const m of doc.messages ?? []) counts.set(`${m.source}/${m.ruleId}`, (counts.get(`${m.source}/${m.ruleId}`) ?? 0) + 1)
  }
  return counts
}

function withoutMessages(line: string): string {
  const { messages: _dropped, ...rest } = JSON.parse(line) as { messages?: unknown }
  return JSON.stringify(rest)
}

async function main(): Promise<void> {
  const [mode, dir, ...rest] = process.argv.slice(2)
  if ((mode !== 'save' && mode !== 'compare') || !dir) {
    process.stderr.write('usage: diff-dev-output.ts save|compare DIR [--sets a,b]\n')
    process.exit(2)
  }
  const setsArg = rest[rest.indexOf('--sets') + 1]
  const names = rest.includes('--sets') && setsArg ? setsArg.split(',') : Object.keys(SETS)
  mkdirSync(dir, { recursive: true })
  let differing = 0
  const added: Counts = new Map()
  const removed: Counts = new Map()
  for (const name of names) {
    const build = SETS[name]
    if (!build) throw new TypeError(`unknown set ${name}: expected one of ${Object.keys(SETS).join(', ')}`)
    const records = build()
    const output = await analyzeAll(records)
    const file = join(dir, `${name}.jsonl`)
    if (mode === 'save') {
      writeFileSync(file, output)
      process.stdout.write(`${name}: ${records.length} documents saved\n`)
      continue
    }
    if (!existsSync(file)) throw new TypeError(`no saved output ${file}: run save first`)
    const before = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    const after = output.split('\n').filter(Boolean)
    let diff = 0
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const a = before[i]
      const b = after[i]
      if (a === undefined || b === undefined || withoutMessages(a) !== withoutMessages(b)) {
        diff++
        if (diff <= 3) process.stdout.write(`  ${name}: line ${i + 1} differs outside messages\n`)
      }
    }
    const kb = messageKinds(before)
    const ka = messageKinds(after)
    for (const [k, n] of ka) if (n > (kb.get(k) ?? 0)) added.set(k, (added.get(k) ?? 0) + n - (kb.get(k) ?? 0))
    for (const [k, n] of kb) if (n > (ka.get(k) ?? 0)) removed.set(k, (removed.get(k) ?? 0) + n - (ka.get(k) ?? 0))
    differing += diff
    process.stdout.write(`${name}: documents=${records.length} differing=${diff}\n`)
  }
  if (mode === 'compare') {
    const list = (c: Counts): string => [...c].map(([k, n]) => `${k}=${n}`).join(' ') || 'none'
    process.stdout.write(`messages added: ${list(added)}\nmessages removed: ${list(removed)}\n`)
    process.stdout.write(`diff-dev-output: sets=${names.length} differing_outside_messages=${differing}\n`)
    if (differing) process.exitCode = 1
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`diff-dev-output: ${(e as Error).message}\n`)
  process.exit(1)
})
