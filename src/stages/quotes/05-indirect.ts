import { indexSpans } from '../../core/spans.js'
import type { Quote, Span } from '../../core/types.js'
import type { Mark } from './01-marks.js'
import { type Reader, reportingVerbs, speechVerbs, stanceVerbs } from './02-speakers.js'
import { type AttributionTagger, attrSentences } from './attribution-model.js'

// a reported clause shorter than this (tokens) is an object, not speech: "said goodbye"
const MIN_CLAUSE_TOKENS = 3
// verbs whose hearer stands between the cue and the clause: "told reporters that ..."
const HEARER_VERBS = /^(tell|tells|told|telling|inform|informed|informs|assure|assured|assures|remind|reminded|reminds|warn|warned|warns|ask|asked|asks)$/

/**
 * Reported speech without quotation marks: "Lavrov said Moscow is closely following ...",
 * "..., sources said.", "according to the poll, ..."; never inside a direct quote.
 */
export function indirectQuotes(r: Reader, direct: readonly Span[], directCues: ReadonlySet<number>): Quote[] {
  const out: Quote[] = []
  // the direct quotes by offset: asked once per token of a long document
  const directSpans = indexSpans(direct)
  const overlapsDirect = (s: Span): boolean => directSpans.overlapping(s.start, s.end).length > 0
  const taken = new Set<number>()
  for (let k = 0; k < r.tokens.length; k++) {
    const w = r.lower(k)
    const isAccording = w === 'according' && r.lower(k + 1) === 'to'
    if (!isAccording && !reportingVerbs().has(w) && !speechVerbs().has(w) && !stanceVerbs().has(w)) continue
    // "“...,” she said several months after her release" — the cue of a direct quote reports nothing more
    if (directCues.has(k) || overlapsDirect(r.tokens[k] as Span)) continue
    // "as cited by TASS" names a channel, "Russia’s support" is a noun
    if (r.lower(k + 1) === 'by' || /^(’s|'s|the|a|an|his|her|its|their|our)$/i.test(r.word(k - 1))) continue
    const quote = isAccording ? accordingTo(r, k) : (postposed(r, k) ?? preposed(r, k))
    if (!quote || overlapsDirect(quote) || taken.has(quote.start)) continue
    taken.add(quote.start)
    out.push(quote)
  }
  return out
}

/**
 * Attributions found by the trained taggers (see MODELS.md): a cue ("said", "called for",
 * "laid out"), its source and its content, in every sentence; PolNeAR counts nearly any
 * stance as an attribution ("Clinton laid out her proposals"), far more than word lists reach.
 * Cues of direct quotes and contents inside quotation marks belong to the direct passes.
 */
export function modelQuotes(r: Reader, tagger: AttributionTagger, direct: readonly Mark[], directCues: ReadonlySet<number>): Quote[] {
  const out: Quote[] = []
  // the direct quotes by offset: asked once per token of a long document
  const directSpans = indexSpans(direct)
  const overlapsDirect = (s: Span): boolean => directSpans.overlapping(s.start, s.end).length > 0
  const span = (first: number, from: number, to: number): Span => ({
    start: (r.tokens[first + from] as Span).start,
    end: (r.tokens[first + to - 1] as Span).end,
  })
  for (const { first, sentence } of attrSentences(
    r.text,
    r.tokens,
    direct.map((m) => m.content),
  )) {
    for (const a of tagger.attributions(sentence)) {
      if (!a.content) continue
      const cue = span(first, a.cue.start, a.cue.end)
      if (directCues.has(first + a.cue.start) || overlapsDirect(cue)) continue
      // PolNeAR's contents keep the complementizer ("told CBS that the campaign expects ..."); the clause starts after it
      const from = a.content.start + (a.content.end - a.content.start > 1 && sentence.words[a.content.start]?.toLowerCase() === 'that' ? 1 : 0)
      const content = span(first, from, a.content.end)
      if (overlapsDirect(content)) continue
      const source = a.source ? span(first, a.source.start, a.source.end) : r.subjectBefore(first + a.cue.start)
      out.push({
        start: content.start,
        end: content.end,
        text: r.text.slice(content.start, content.end),
        direct: false,
        speaker: source ? r.speakerOf(source) : null,
        cue: { ...cue, text: r.text.slice(cue.start, cue.end) },
        via: null,
      })
    }
  }
  return out
}

function clause(r: Reader, from: number, to: number, min = MIN_CLAUSE_TOKENS): Span | null {
  let e = to
  while (e > from && /^[.!?,;:”"“]$/.test(r.word(e - 1))) e--
  if (e - from < min) return null
  return { start: (r.tokens[from] as Span).start, end: (r.tokens[e - 1] as Span).end }
}

function make(r: Reader, content: Span, speaker: Span, cue: number): Quote {
  return {
    start: content.start,
    end: content.end,
    text: r.text.slice(content.start, content.end),
    direct: false,
    speaker: r.speakerOf(speaker),
    cue: { start: (r.tokens[cue] as Span).start, end: (r.tokens[cue] as Span).end, text: r.word(cue) },
    via: null,
  }
}

/** "Lavrov said Moscow is closely following ...", "Mook told CBS This Morning that ...". */
function preposed(r: Reader, k: number): Quote | null {
  const end = r.sentenceEnd(k)
  let from = k + 1
  // "said during a visit", "pledged to continue": no reported clause follows
  if (/^[,.:“"”]$/.test(r.word(from))) return null
  // "Hillary Clinton says in Ohio that she's thrilled ...", "Mook told CBS This Morning that ...":
  // a place or a hearer may stand before "that"
  const hearer = HEARER_VERBS.test(r.lower(k))
  if (hearer || r.pos(from) === 'ADP') {
    for (let j = from; j < Math.min(end, from + 10); j++) {
      if (r.lower(j) === 'that') {
        from = j
        break
      }
      if (r.word(j) === ',' && r.lower(j + 1) !== 'that') break
    }
  }
  if (hearer && r.lower(from) !== 'that') {
    const phrase = r.phraseAfter(from)
    if (phrase) from = r.firstTokenAt(phrase.end)
  }
  const hasThat = r.lower(from) === 'that'
  const stance = stanceVerbs().has(r.lower(k)) && !reportingVerbs().has(r.lower(k))
  if (hasThat) from++
  // "Clinton wants to triple ...", "Trump attacked Machado", "talked about ...": a position, not a clause
  else if (stance && /^[,.:;“"”]$/.test(r.word(from))) return null
  else if (!stance && /^(ADP|PART|PUNCT|ADV|AUX|VERB)$/.test(r.pos(from)) && !/^(he|she|they|it|we|i)$/.test(r.lower(from))) return null
  // a position ends at the first comma: "Syria is seeking Russia’s support ..., Foreign Minister al-Shaibani has said"
  let stop = end
  for (let j = from; stance && j < end; j++) {
    if (r.word(j) === ',') {
      stop = j
      break
    }
  }
  const content = clause(r, from, stop, stance ? 1 : MIN_CLAUSE_TOKENS)
  if (!content) return null
  let subject = r.subjectBefore(k)
  // "he said, adding that ...": a participle reports for the subject of the verb before it
  for (let s = k - 1; !subject && s >= r.sentenceStart(k); s--) {
    if (reportingVerbs().has(r.lower(s)) || speechVerbs().has(r.lower(s))) subject = r.subjectBefore(s)
  }
  return subject ? make(r, content, subject, k) : null
}

/** "..., sources said." and "..., said a spokesman.": the attribution closes the sentence. */
function postposed(r: Reader, k: number): Quote | null {
  // "Despite the removal of Assad, ..., Russia has pledged to continue": a position, not a closing attribution
  if (!speechVerbs().has(r.lower(k)) && !reportingVerbs().has(r.lower(k))) return null
  const start = r.sentenceStart(k)
  const end = r.sentenceEnd(k)
  const subject = r.subjectBefore(k, start)
  const afterVerb = subject ? k + 1 : r.firstTokenAt((r.phraseAfter(k + 1) ?? { end: r.tokens[k]?.end ?? 0 }).end)
  let comma = subject ? r.firstTokenAt(subject.start) - 1 : k - 1
  while (comma > start && /^(ADV|AUX)$/.test(r.pos(comma))) comma--
  if (r.word(comma) !== ',') return null
  // the attribution must close the sentence or the clause: "..., a source said." / "..., he said, adding ..."
  let tail = afterVerb
  while (tail < end && !/^[.,;!?]$/.test(r.word(tail)) && tail - afterVerb < 5) {
    if (/^(VERB|PART|AUX)$/.test(r.pos(tail)) || r.lower(tail) === 'that') return null
    tail++
  }
  if (tail < end && !/^[.,;!?]$/.test(r.word(tail))) return null
  const speaker = subject ?? r.phraseAfter(k + 1)
  const content = clause(r, start, comma)
  if (!speaker || !content) return null
  return make(r, content, speaker, k)
}

/** "According to exit polls, Mitt Romney had ..." and "..., according to the poll." */
function accordingTo(r: Reader, k: number): Quote | null {
  const source = r.phraseAfter(k + 2)
  if (!source) return null
  const start = r.sentenceStart(k)
  const end = r.sentenceEnd(k)
  const content = k - start >= MIN_CLAUSE_TOKENS ? clause(r, start, k) : clause(r, r.firstTokenAt(source.end) + 1, end)
  return content ? make(r, content, source, k) : null
}
