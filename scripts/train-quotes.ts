// Trains the attribution taggers (cue words, then the source and content of each cue) on
// PolNeAR, over sitrep's own tokens and POS tags, as at run time.
// Usage: npm run train:quotes [-- --iterations 8 --train PATH --dev PATH]
// Needs the POS model. Writes models/quotes-cue.model.gz and models/quotes-role.model.gz and
// prints dev cue F1 and, for gold cues, token accuracy of sources and contents.
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { createAnalyzer, isError } from '../src/analyze.js'
import type { Span, Token } from '../src/core/types.js'
import { type FeatureBuffer, PerceptronTrainer } from '../src/models/perceptron.js'
import { quoteMarks } from '../src/stages/quotes/01-marks.js'
import {
  type AttrSentence,
  attrSentences,
  CUE_CLASSES,
  CUE_MODEL_PATH,
  createAttributionTagger,
  cueFeatures,
  prepare,
  ROLE_CLASSES,
  ROLE_MODEL_PATH,
  roleFeatures,
  runTagger,
  spansOf,
  type TokenRange,
} from '../src/stages/quotes/attribution-model.js'
import { seededRandom, shuffle } from './conll.js'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/quotes/polnear-train.jsonl' },
    dev: { type: 'string', default: '../shared/data/quotes/polnear-dev.jsonl' },
    iterations: { type: 'string', default: '8' },
  },
})
const started = Date.now()

interface GoldQuote {
  quote_fragments?: [number, number][]
  quote_start: number
  quote_end: number
  speaker_start: number | null
  speaker_end: number | null
  cue_start: number | null
  cue_end: number | null
}

/** A sentence with its gold cue tags and, per gold cue, its gold role tags. */
interface Example {
  sentence: AttrSentence
  cueTags: string[]
  roles: { cue: TokenRange; tags: string[] }[]
}

const analyzer = createAnalyzer({ stages: ['segment'] })

function load(path: string): Example[] {
  const out: Example[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const d = JSON.parse(line) as { text: string; quotes?: GoldQuote[] }
    if (!d.text) continue
    const o = analyzer.analyze({ text: d.text, clean: false })
    if (isError(o)) continue
    // the analyzer keeps the text as given when clean is false; the output's tokens carry no sentence index
    if (o.article?.text !== d.text) continue
    const sentences = o.sentences ?? []
    let k = 0
    const tokens: Token[] = (o.tokens ?? []).map((t) => {
      while (k + 1 < sentences.length && (sentences[k] as Span).end <= t.start) k++
      return { ...t, sentence: k }
    })
    const marks = quoteMarks(d.text).map((m) => m.content)
    const overlaps = (t: Span, a: number | null, b: number | null): boolean => a !== null && b !== null && t.start < b && a < t.end
    for (const { first, sentence } of attrSentences(d.text, tokens, marks)) {
      const n = sentence.words.length
      const toks = tokens.slice(first, first + n)
      const cueTags = new Array<string>(n).fill('O')
      const byCue = new Map<string, { cue: TokenRange; quotes: GoldQuote[] }>()
      for (const q of d.quotes ?? []) {
        const idx = toks.flatMap((t, i) => (overlaps(t, q.cue_start, q.cue_end) ? [i] : []))
        if (idx.length === 0) continue
        const cue = { start: idx[0] as number, end: (idx[idx.length - 1] as number) + 1 }
        const key = `${cue.start}:${cue.end}`
        const entry = byCue.get(key) ?? { cue, quotes: [] }
        entry.quotes.push(q)
        byCue.set(key, entry)
      }
      const roles: Example['roles'] = []
      for (const { cue, quotes } of byCue.values()) {
        for (let i = cue.start; i < cue.end; i++) cueTags[i] = i === cue.start ? 'B' : 'I'
        const kinds = new Array<string>(n).fill('')
        toks.forEach((t, i) => {
          if (i >= cue.start && i < cue.end) return
          for (const q of quotes) {
            if (overlaps(t, q.speaker_start, q.speaker_end)) kinds[i] = 'SRC'
            else if (!kinds[i] && (q.quote_fragments ?? [[q.quote_start, q.quote_end]]).some(([a, b]) => overlaps(t, a, b))) kinds[i] = 'CON'
          }
        })
        const tags = kinds.map((k, i) => (k === '' ? 'O' : kinds[i - 1] === k && !(i - 1 >= cue.start && i - 1 < cue.end) ? `I-${k}` : `B-${k}`))
        roles.push({ cue, tags })
      }
      out.push({ sentence, cueTags, roles })
    }
  }
  return out
}

const train = load(values.train)
const dev = load(values.dev)
console.log(`loaded ${train.length} training and ${dev.length} dev sentences in ${((Date.now() - started) / 1000).toFixed(0)} s`)

const cueTrainer = new PerceptronTrainer(CUE_CLASSES)
const roleTrainer = new PerceptronTrainer(ROLE_CLASSES)
const random = seededRandom(7)
const update = (t: PerceptronTrainer) => (f: FeatureBuffer, truth: number, guess: number) => t.update(f, truth, guess)
for (let it = 0; it < Number(values.iterations); it++) {
  for (const ex of shuffle([...train], random)) {
    const s = ex.sentence
    const { x, view } = prepare(s)
    runTagger(
      cueTrainer.model,
      s.words.length,
      (out, i, prev) => cueFeatures(out, s, x, i, prev),
      () => false,
      {
        gold: ex.cueTags,
        update: update(cueTrainer),
      },
    )
    for (const r of ex.roles) {
      const c = view(r.cue)
      runTagger(
        roleTrainer.model,
        s.words.length,
        (out, i, prev) => roleFeatures(out, s, x, c, i, prev),
        (i) => i >= r.cue.start && i < r.cue.end,
        { gold: r.tags, update: update(roleTrainer) },
      )
    }
  }
  console.log(`iteration ${it + 1} done`)
}
const cueModel = cueTrainer.average()
const roleModel = roleTrainer.average()
const tagger = createAttributionTagger(cueModel, roleModel)

// dev: cue spans (exact), and role tokens for gold cues
let tp = 0
let predicted = 0
let gold = 0
let roleRight = 0
let roleTotal = 0
const key = (r: TokenRange): string => `${r.start}:${r.end}`
for (const ex of dev) {
  const g = new Set(spansOf(ex.cueTags, '').map(key))
  const p = spansOf(tagger.tagCues(ex.sentence), '').map(key)
  gold += g.size
  predicted += p.length
  tp += p.filter((k) => g.has(k)).length
  for (const r of ex.roles) {
    const tags = tagger.tagRoles(ex.sentence, r.cue)
    tags.forEach((t, i) => {
      if (t === 'O' && r.tags[i] === 'O') return
      roleTotal++
      if (t.slice(2) === (r.tags[i] as string).slice(2)) roleRight++
    })
  }
}
writeFileSync(CUE_MODEL_PATH, gzipSync(cueModel.serialize(), { level: 9 }))
writeFileSync(ROLE_MODEL_PATH, gzipSync(roleModel.serialize(), { level: 9 }))
const f1 = (2 * tp) / (predicted + gold)
console.log(`features: cue ${cueModel.size}, role ${roleModel.size}`)
console.log(
  `dev cue F1 ${(100 * f1).toFixed(2)} (P ${((100 * tp) / predicted).toFixed(2)}, R ${((100 * tp) / gold).toFixed(2)}); role token accuracy on gold cues ${((100 * roleRight) / roleTotal).toFixed(2)}% in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
