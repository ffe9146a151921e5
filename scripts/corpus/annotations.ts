// Reads annotators' JSONL files (docs/annotation-guide.md §9), checks every line against
// the guide's rules and the code tables, and turns surface texts into character offsets
// in the text the project builds from each source.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { countries } from '../../src/lexicon/countries.js'
import type { CorpusDoc } from './documents.js'
import { SHARED_DATA, type SourceDoc } from './sources.js'

/** Where annotators write: corpus/annotations/<annotator>/part-NN.jsonl. */
export const ANNOTATIONS_DIR = fileURLToPath(new URL('../../corpus/annotations/', import.meta.url))

/** The modality values of the output model, with `requested`. */
export const MODALITIES = ['asserted', 'intended', 'hypothetical', 'reported', 'denied', 'requested'] as const

/** One party of a gold event: its code and, when the sentence names it, its offsets. */
export interface GoldParty {
  readonly code: string
  readonly start: number | null
  readonly end: number | null
}

/** One gold event with offsets into the document's built text. */
export interface GoldEvent {
  readonly doc: string
  readonly sent: number
  readonly trigger: { readonly start: number; readonly end: number; readonly text: string }
  readonly code: string
  readonly source: GoldParty | null
  readonly target: GoldParty | null
  readonly modality: (typeof MODALITIES)[number]
  readonly negated: boolean
  readonly date: string | null
  readonly background: boolean
}

/** One annotated sentence, converted. */
export interface GoldSentence {
  readonly doc: string
  readonly sent: number
  readonly events: GoldEvent[]
}

/** The result of reading one annotation file: converted sentences and every problem found. */
export interface ReadResult {
  readonly sentences: GoldSentence[]
  readonly errors: string[]
}

const readTsvColumn = (file: string): Set<string> =>
  new Set(
    readFileSync(`${SHARED_DATA}/codebooks/${file}`, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0]?.trim() ?? '')
      .filter(Boolean),
  )

let tables: { events: Set<string>; types: Set<string>; firsts: Set<string> } | null = null

// historical and special states CAMEO uses that ISO 3166 no longer lists
const EXTRA_STATES = ['YUG', 'SUN', 'CSK', 'ZAR', 'KOS', 'XKX']
// organisation elements the guide names (§6) beside the actor-type table
const ORG_ELEMENTS = ['NAT', 'EEC', 'ARL', 'AFU', 'ASN']
const INTERNATIONAL = ['IGO', 'NGO', 'IMG', 'INT', 'MNC', 'NGM', 'UIS', '---']

function codeTables(): { events: Set<string>; types: Set<string>; firsts: Set<string> } {
  if (tables) return tables
  const types = readTsvColumn('cameo-actor-types.tsv')
  for (const e of ORG_ELEMENTS) types.add(e)
  const regions = readFileSync(`${SHARED_DATA}/codebooks/cameo-actor-types.tsv`, 'utf8')
    .split('\n')
    .filter((l) => l.includes('region (first element)'))
    .map((l) => l.split('\t')[0] as string)
  const firsts = new Set([...countries().map((c) => c.code), ...EXTRA_STATES, ...INTERNATIONAL, ...regions])
  tables = { events: readTsvColumn('cameo-eventcodes.tsv'), types, firsts }
  return tables
}

/** Whether a CAMEO event code is in the code table. */
export const isEventCode = (code: string): boolean => codeTables().events.has(code)

/** Why an actor code is not a well-formed CAMEO chain (first element, then up to two type elements), or null when it is. */
export function actorCodeProblem(code: string): string | null {
  if (!/^(?:[A-Z]{3}|---)(?:[A-Z]{3}){0,2}$/.test(code)) return `actor code "${code}" is not 1-3 elements of three capital letters (or --- first)`
  const { firsts, types } = codeTables()
  const first = code.slice(0, 3)
  if (!firsts.has(first)) return `actor code "${code}": "${first}" is no country, IGO/NGO/IMG/... or region code`
  for (let i = 3; i < code.length; i += 3) {
    const el = code.slice(i, i + 3)
    if (!types.has(el)) return `actor code "${code}": "${el}" is not in cameo-actor-types.tsv (nor ${ORG_ELEMENTS.join('/')})`
  }
  return null
}

/**
 * Finds the occ-th occurrence of needle in a sentence span, counting only whole-word
 * occurrences ("he" is not the end of "the") unless the needle occurs only inside words;
 * returns absolute offsets or null.
 */
function locate(text: string, [start, end]: readonly [number, number], needle: string, occ: number): { start: number; end: number } | null {
  const sentence = text.slice(start, end)
  const all: number[] = []
  for (let at = sentence.indexOf(needle); at >= 0; at = sentence.indexOf(needle, at + 1)) all.push(at)
  const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c)
  const whole = all.filter((at) => !isWordChar(sentence[at - 1]) && !isWordChar(sentence[at + needle.length]))
  const at = (whole.length ? whole : all)[occ]
  return at === undefined ? null : { start: start + at, end: start + at + needle.length }
}

const EVENT_KEYS = new Set(['trigger', 'trigger_occ', 'code', 'source', 'target', 'modality', 'negated', 'date', 'background', 'note'])
const PARTY_KEYS = new Set(['text', 'code', 'occ'])
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/

const isOcc = (v: unknown): v is number => v === undefined || (Number.isInteger(v) && (v as number) >= 0)

function readParty(raw: unknown, role: string, text: string, span: readonly [number, number], err: (m: string) => void): GoldParty | null {
  if (raw === null) return null
  if (!raw || typeof raw !== 'object') {
    err(`${role} must be {"text", "code"} or null`)
    return null
  }
  const p = raw as Record<string, unknown>
  for (const k of Object.keys(p)) if (!PARTY_KEYS.has(k)) err(`${role}: unknown field "${k}"`)
  if (typeof p.code !== 'string') {
    err(`${role}: "code" must be a string`)
    return null
  }
  const problem = actorCodeProblem(p.code)
  if (problem) err(`${role}: ${problem}`)
  if (!isOcc(p.occ)) err(`${role}: "occ" must be a whole number >= 0`)
  if (p.text === null) return { code: p.code, start: null, end: null }
  if (typeof p.text !== 'string' || !p.text.trim()) {
    err(`${role}: "text" must be the words of the sentence, or null`)
    return { code: p.code, start: null, end: null }
  }
  const at = locate(text, span, p.text, (p.occ as number | undefined) ?? 0)
  if (!at) err(`${role}: "${p.text}"${p.occ ? ` (occurrence ${p.occ})` : ''} is not in the sentence`)
  return { code: p.code, start: at?.start ?? null, end: at?.end ?? null }
}

const fail = (err: (m: string) => void, message: string): null => {
  err(message)
  return null
}

/** Checks one parsed line against its document and converts it; problems go to err. */
export function convertLine(
  raw: unknown,
  docs: ReadonlyMap<string, CorpusDoc>,
  texts: ReadonlyMap<string, SourceDoc>,
  err: (m: string) => void,
): GoldSentence | null {
  if (!raw || typeof raw !== 'object') return fail(err, 'a line must be a JSON object {doc, sent, events}')
  const line = raw as Record<string, unknown>
  const doc = typeof line.doc === 'string' ? docs.get(line.doc) : undefined
  if (!doc) return fail(err, `unknown document "${String(line.doc)}"`)
  const sent = line.sent
  if (!Number.isInteger(sent) || (sent as number) < 0 || (sent as number) >= doc.sentences.length) {
    return fail(err, `${doc.id}: "sent" must be 0..${doc.sentences.length - 1}`)
  }
  if (!Array.isArray(line.events)) return fail(err, `${doc.id} [${sent}]: "events" must be a list (empty when the sentence has none)`)
  const text = texts.get(doc.id)?.text ?? ''
  const span = doc.sentences[sent as number] as readonly [number, number]
  const events: GoldEvent[] = []
  line.events.forEach((rawEvent: unknown, i: number) => {
    const where = `${doc.id} [${sent}] event ${i + 1}`
    const e = (rawEvent && typeof rawEvent === 'object' ? rawEvent : {}) as Record<string, unknown>
    let ok = true
    const fail = (m: string): void => {
      ok = false
      err(`${where}: ${m}`)
    }
    for (const k of Object.keys(e)) if (!EVENT_KEYS.has(k)) fail(`unknown field "${k}"`)
    if (typeof e.trigger !== 'string' || !e.trigger.trim()) fail('"trigger" must be the verbatim words of the act')
    if (!isOcc(e.trigger_occ)) fail('"trigger_occ" must be a whole number >= 0')
    const trigger = typeof e.trigger === 'string' ? locate(text, span, e.trigger, (e.trigger_occ as number | undefined) ?? 0) : null
    if (typeof e.trigger === 'string' && !trigger) fail(`trigger "${e.trigger}" is not in the sentence`)
    if (typeof e.code !== 'string' || !isEventCode(e.code)) fail(`code "${String(e.code)}" is not in cameo-eventcodes.tsv (codes are strings: "0253")`)
    if (!('source' in e) || !('target' in e)) fail('"source" and "target" are required (null when absent)')
    const source = readParty(e.source ?? null, 'source', text, span, fail)
    const target = readParty(e.target ?? null, 'target', text, span, fail)
    if (!MODALITIES.includes(e.modality as (typeof MODALITIES)[number])) fail(`modality "${String(e.modality)}" is not one of ${MODALITIES.join(', ')}`)
    if (typeof e.negated !== 'boolean') fail('"negated" must be true or false')
    if (e.date !== undefined && (typeof e.date !== 'string' || !DATE.test(e.date))) fail('"date" must be YYYY, YYYY-MM or YYYY-MM-DD')
    if (e.background !== undefined && typeof e.background !== 'boolean') fail('"background" must be true (or left out)')
    if (e.modality === 'denied' && e.negated === true) fail('a denied act is not also negated (guide §7)')
    if (!ok || !trigger) return
    events.push({
      doc: doc.id,
      sent: sent as number,
      trigger: { ...trigger, text: e.trigger as string },
      code: e.code as string,
      source,
      target,
      modality: e.modality as GoldEvent['modality'],
      negated: e.negated as boolean,
      date: typeof e.date === 'string' ? e.date : null,
      background: e.background === true,
    })
  })
  return { doc: doc.id, sent: sent as number, events }
}

/** Reads and checks one annotation file; `expected` lists the documents whose every sentence must be there. */
export function readAnnotationFile(
  path: string,
  docs: ReadonlyMap<string, CorpusDoc>,
  texts: ReadonlyMap<string, SourceDoc>,
  expected: readonly CorpusDoc[],
): ReadResult {
  const errors: string[] = []
  const sentences: GoldSentence[] = []
  const seen = new Set<string>()
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (!l.trim()) return
      const err = (m: string): void => {
        errors.push(`line ${i + 1}: ${m}`)
      }
      let raw: unknown
      try {
        raw = JSON.parse(l)
      } catch (e) {
        err(`malformed JSON: ${(e as Error).message}`)
        return
      }
      const s = convertLine(raw, docs, texts, err)
      if (!s) return
      const key = `${s.doc}#${s.sent}`
      if (seen.has(key)) err(`${s.doc} [${s.sent}] is annotated twice`)
      seen.add(key)
      sentences.push(s)
    })
  for (const d of expected) {
    const missing = d.sentences.map((_, i) => i).filter((i) => !seen.has(`${d.id}#${i}`))
    if (missing.length) errors.push(`${d.id}: sentences without a line: ${missing.join(', ')}`)
  }
  return { sentences, errors }
}

/** The annotation files present: annotator, part and path of each. */
export function listAnnotationFiles(dir = ANNOTATIONS_DIR): { annotator: string; part: string; path: string }[] {
  const out: { annotator: string; part: string; path: string }[] = []
  let annotators: string[] = []
  try {
    annotators = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  } catch {
    return out
  }
  for (const annotator of annotators.sort()) {
    for (const f of readdirSync(join(dir, annotator)).sort()) {
      const m = /^part-(?<part>\d{2})\.jsonl$/.exec(f)
      if (m?.groups?.part) out.push({ annotator, part: m.groups.part, path: join(dir, annotator, f) })
    }
  }
  return out
}
