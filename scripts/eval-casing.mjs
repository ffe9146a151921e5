// Casing: the scorers of ../shared/eval run on the dev sets as they are, lower-cased and
// upper-cased — only the text changes, the gold stays — so the figures show what is lost
// when a source writes without capitals (or in capitals), against the normal-cased run.
//
// Usage: node scripts/eval-casing.mjs [--half develop|check] [--sets events,actors,ner,sentences] [--modes same,lower,upper]
// The half is picked on the original records (as the scorers pick it), then transformed, so the
// three runs score the same items. Uses SITREP_CMD like the scorers (default: the built CLI).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const argv = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback
}
const HALF = flag('half', process.env.SITREP_HALF || 'develop')
const SETS = flag('sets', 'sentences,events,cameo,actors,ner').split(',')
const MODES = flag('modes', 'same,lower,upper').split(',')
const DATA = resolve('../shared/data')
const EVAL = resolve('../shared/eval')
const TMP = join(process.env.TMPDIR || '/tmp', `sitrep-casing-${process.pid}`)
mkdirSync(TMP, { recursive: true })

// the scorers' half: FNV-1a of the record's key, even for develop, odd for check
function fnv1a(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}
const inHalf = (key) => fnv1a(key) % 2 === (HALF === 'check' ? 1 : 0)
const CASE = { same: (s) => s, lower: (s) => s.toLowerCase(), upper: (s) => s.toUpperCase() }

const jsonlHalf = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && inHalf(l))
    .map((l) => JSON.parse(l))

/** Writes the half of a JSONL set with one field re-cased; returns the file. */
function recasedJsonl(name, path, field, mode) {
  const out = join(TMP, `${name}-${mode}.jsonl`)
  const lines = jsonlHalf(path).map((r) => JSON.stringify(typeof r[field] === 'string' ? { ...r, [field]: CASE[mode](r[field]) } : r))
  writeFileSync(out, `${lines.join('\n')}\n`)
  return out
}

/** Writes the half of a CoNLL file (documents keyed by their first sentence) with the words re-cased. */
function recasedConll(path, mode) {
  const out = join(TMP, `ner-${mode}.txt`)
  const docs = []
  let doc = null
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      doc = { lines: [line], first: [], firstDone: false }
      docs.push(doc)
      continue
    }
    if (!doc) {
      doc = { lines: [], first: [], firstDone: false }
      docs.push(doc)
    }
    if (!line.trim()) {
      if (doc.first.length) doc.firstDone = true
      doc.lines.push(line)
      continue
    }
    const cols = line.split(' ')
    if (!doc.firstDone) doc.first.push(cols[0])
    cols[0] = CASE[mode](cols[0])
    doc.lines.push(cols.join(' '))
  }
  const kept = docs.filter((d) => d.first.length && inHalf(d.first.join(' ')))
  writeFileSync(out, `${kept.flatMap((d) => d.lines).join('\n')}\n`)
  return out
}

function lastLine(cmd, args, env = {}) {
  const { SITREP_HALF: _half, ...base } = process.env
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...base, ...env }, maxBuffer: 1 << 30 })
  const lines = `${r.stdout}`.trim().split('\n')
  return r.status === 0 ? lines[lines.length - 1] : `FAILED (${r.status}): ${`${r.stderr}`.slice(-400)}`
}

/** Sentences and tokens found by the segment stage on the long texts of the speed set, per casing. */
function sentenceCounts(mode) {
  const texts = ['geo/gwn.jsonl', 'quotes/polnear-dev.jsonl'].flatMap((p) =>
    jsonlHalf(join(DATA, p))
      .map((d) => d.text)
      .filter(Boolean),
  )
  const input = texts.map((t, i) => JSON.stringify({ id: String(i), text: CASE[mode](t), clean: false })).join('\n')
  const [cmd, ...base] = (process.env.SITREP_CMD || 'npx --no-install sitrep').split(/\s+/)
  const r = spawnSync(cmd, [...base, 'analyze', '--jsonl', '--stages', 'segment'], { input, encoding: 'utf8', maxBuffer: 1 << 30 })
  if (r.status !== 0) return `FAILED: ${`${r.stderr}`.slice(-400)}`
  // sentence ends by document; re-casing keeps the offsets (the texts have no letter whose case changes its length)
  const ends = new Set()
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue
    const doc = JSON.parse(line)
    for (const s of doc.sentences ?? []) ends.add(`${doc.id}:${s.end}`)
  }
  baseEnds ??= ends
  let agree = 0
  for (const e of ends) if (baseEnds.has(e)) agree++
  const p = ends.size ? agree / ends.size : 0
  const rc = baseEnds.size ? agree / baseEnds.size : 0
  return `casing-sentences: docs=${texts.length} sentences=${ends.size} ends_as_cased_p=${p.toFixed(3)} r=${rc.toFixed(3)} f1=${(p + rc ? (2 * p * rc) / (p + rc) : 0).toFixed(3)}`
}
// the sentence ends of the text as it is written, which the re-cased runs are compared with
let baseEnds

for (const set of SETS) {
  for (const mode of MODES) {
    let line
    if (set === 'sentences') line = sentenceCounts(mode)
    else if (set === 'events')
      line = lastLine('node', [join(EVAL, 'events.mjs'), recasedJsonl('plover', join(DATA, 'events/plover-gsr-dev.jsonl'), 'text', mode)])
    else if (set === 'cameo')
      line = lastLine('node', [join(EVAL, 'events.mjs'), recasedJsonl('cameo', join(DATA, 'events/cameo-examples-dev.jsonl'), 'text', mode)])
    else if (set === 'actors') line = lastLine('node', [join(EVAL, 'actors.mjs'), recasedJsonl('actors', join(DATA, 'events/actors-dev.jsonl'), 'actor', mode)])
    else if (set === 'ner') line = lastLine('node', [join(EVAL, 'ner.mjs'), recasedConll(join(DATA, 'ner/conll2003/dev.txt'), mode)])
    else throw new TypeError(`unknown set "${set}": use sentences, events, cameo, actors or ner`)
    console.log(`${set} ${mode} half=${HALF}: ${line}`)
  }
}
