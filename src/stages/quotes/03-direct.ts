import type { Quote, QuoteSpeaker } from '../../core/types.js'
import type { Mark } from './01-marks.js'
import { type Cue, type Reader, reportingVerbs, speechVerbs } from './02-speakers.js'

/** How a direct quote found its speaker. */
export type Attribution = 'after' | 'before' | 'subject' | 'continued' | 'none'

/** A direct quote with what the later passes need: its marks, cue token and how it was attributed. */
export interface DirectCandidate {
  readonly mark: Mark
  readonly quote: Quote
  readonly cueIndex: number | null
  readonly how: Attribution
}

// how far (in tokens) after a closing mark the attribution may stand: "”, Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
const AFTER_WINDOW = 16
// a quote with no cue of its own continues the previous speaker when it follows this closely (characters)
const CONTINUATION_GAP = 600

interface Found {
  readonly speaker: QuoteSpeaker | null
  readonly cue: Cue | null
  readonly via: string | null
}

const isCue = (w: string): boolean => speechVerbs().has(w) || reportingVerbs().has(w)

/** Attributes every pair of marks: a cue and speaker after the quote, before it, or the previous quote's speaker. */
export function attributeDirect(r: Reader, marks: readonly Mark[]): DirectCandidate[] {
  const out: DirectCandidate[] = []
  let previous: DirectCandidate | null = null
  for (const mark of marks) {
    const open = r.firstTokenAt(mark.start)
    const after = r.firstTokenAt(mark.end)
    const before = open - 1
    const gapBefore = r.text.slice(r.tokens[before]?.end ?? 0, mark.start)
    // "al-Shaibani acknowledged Syria is facing “challenges and threats”": the quote sits inside a sentence
    const inside = before >= 0 && !gapBefore.includes('\n') && !/^[.!?:]$/.test(r.word(before)) && !/^[“”"]$/.test(r.word(before))
    const found = inside ? (findBefore(r, before) ?? findAfter(r, after)) : (findAfter(r, after) ?? findColon(r, before))
    let how: Attribution = !found ? 'none' : !found.cue ? 'subject' : found.cue.start < mark.start ? 'before' : 'after'
    let speaker = found?.speaker ?? null
    if (!found && previous?.quote.speaker && mark.start - previous.mark.end < CONTINUATION_GAP) {
      speaker = previous.quote.speaker
      how = 'continued'
    }
    const quote: Quote = {
      start: mark.content.start,
      end: mark.content.end,
      text: r.text.slice(mark.content.start, mark.content.end),
      direct: true,
      speaker,
      cue: found?.cue ? { start: found.cue.start, end: found.cue.end, text: found.cue.text } : null,
      via: found?.via ?? null,
    }
    const candidate: DirectCandidate = { mark, quote, cueIndex: found?.cue?.index ?? null, how }
    out.push(candidate)
    if (speaker) previous = candidate
  }
  return out
}

/** "“...,” he said", "“...,” said Lavrov", "“...,” according to state media". */
function findAfter(r: Reader, from: number): Found | null {
  let k = from
  while (r.word(k) === ',') k++
  const sentence = r.sentenceOf(from)
  for (let j = k; j < Math.min(r.tokens.length, from + AFTER_WINDOW); j++) {
    const w = r.lower(j)
    if (/^[“"”.!?;:]$/.test(w) || r.text.slice(r.tokens[j - 1]?.end ?? 0, r.tokens[j]?.start ?? 0).includes('\n')) return null
    if (r.sentenceOf(j) !== sentence && j > k) return null
    if (w === 'according' && r.lower(j + 1) === 'to' && j === k) {
      const phrase = r.phraseAfter(j + 2)
      return phrase ? { speaker: r.speakerOf(phrase), cue: r.cueAt(j), via: null } : null
    }
    if (!speechVerbs().has(w)) continue
    const subject = j > k ? r.subjectBefore(j, k) : null
    const phrase = subject ?? r.phraseAfter(j + 1)
    const speaker = phrase ? r.speakerOf(phrase) : null
    const via = r.viaAfter(r.firstTokenAt(phrase && phrase.start > r.tokens[j]!.start ? phrase.end : r.tokens[j]!.end))
    return { speaker, cue: r.cueAt(j), via }
  }
  return null
}

/** "Hillary Clinton is describing as “unhinged” ...": the nearest cue before the quote in its sentence, and its subject. */
function findBefore(r: Reader, from: number): Found | null {
  const start = r.sentenceStart(from)
  for (let j = from; j >= start; j--) {
    const w = r.lower(j)
    if (/^[“”"]$/.test(w)) break
    if (w === 'according' && r.lower(j + 1) === 'to') {
      const phrase = r.phraseAfter(j + 2)
      if (phrase) return { speaker: r.speakerOf(phrase), cue: r.cueAt(j), via: null }
    }
    if (!isCue(w)) continue
    // "he said, adding that it would take “more hours”": a participle takes the subject of the verb before it
    for (let s = j; s >= start; s--) {
      if (s !== j && !isCue(r.lower(s))) continue
      const subject = r.subjectBefore(s)
      if (subject) return { speaker: r.speakerOf(subject), cue: r.cueAt(j), via: null }
    }
    return { speaker: null, cue: r.cueAt(j), via: null }
  }
  // "Trump openly admires Putin as a “strong leader”": no cue word, the sentence's subject speaks
  const phrase = r.phraseAfter(start)
  if (phrase && phrase.end <= (r.tokens[from]?.start ?? 0)) return { speaker: r.speakerOf(phrase), cue: null, via: null }
  return null
}

/** "He said:\n\n“We have a situation ...”": a sentence that ends in a colon introduces the quote. */
function findColon(r: Reader, before: number): Found | null {
  if (r.word(before) !== ':') return null
  return findBefore(r, before - 1)
}
