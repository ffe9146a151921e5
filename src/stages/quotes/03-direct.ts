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
    const found = inside ? (findBefore(r, before) ?? findAfter(r, after) ?? findSubject(r, before)) : (findAfter(r, after) ?? findColon(r, before))
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
  // "“... with us on this path.” He added that ...": a quote closed by a full stop ends its sentence
  const last = r.tokens[from - 1]
  const closed = last ? /[.]\s*[”"»]?$/.test(r.text.slice(Math.max(0, last.start - 2), last.end)) : false
  if (closed && /^[A-Z]/.test(r.word(from)) && !speechVerbs().has(r.lower(from))) return null
  let k = from
  while (r.word(k) === ',') k++
  // "“Maybe, we can build a wall around Donald Trump.” ― Steve Quinlan": a dash signs the quote
  if (/^[―—–-]$/.test(r.word(k))) {
    const phrase = r.phraseAfter(k + 1)
    if (phrase) return { speaker: r.speakerOf(phrase), cue: r.cueAt(k), via: null }
  }
  const sentence = r.sentenceOf(from)
  for (let j = k; j < Math.min(r.tokens.length, from + AFTER_WINDOW); j++) {
    const w = r.lower(j)
    // "Rep. Gwen Moore (D-Wis.) said": a full stop inside brackets ends nothing
    if (w === '.' && r.word(j + 1) === ')') continue
    if (/^[“"”.!?;:]$/.test(w) || r.text.slice(r.tokens[j - 1]?.end ?? 0, r.tokens[j]?.start ?? 0).includes('\n')) return null
    if (r.sentenceOf(j) !== sentence && j > k) return null
    if (w === 'according' && r.lower(j + 1) === 'to' && j === k) {
      const phrase = r.phraseAfter(j + 2)
      return phrase ? { speaker: r.speakerOf(phrase), cue: r.cueAt(j), via: null } : null
    }
    if (!speechVerbs().has(w)) continue
    // "“...,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the EPA, said"
    const subject = j > k ? (r.phraseAfter(k) ?? r.subjectBefore(j, k)) : null
    const phrase = subject ?? r.phraseAfter(j + 1)
    const speaker = phrase ? r.speakerOf(phrase) : null
    const cueEnd = r.tokens[j]?.end ?? 0
    const via = r.viaAfter(r.firstTokenAt(phrase && phrase.start > cueEnd ? phrase.end : cueEnd))
    return { speaker, cue: r.cueAt(j), via }
  }
  return null
}

/**
 * "Clinton says she hopes to be elected president, but she knows that “LeBron will always
 * be the king.”": the first cue of the sentence before the quote, and its subject, speak.
 */
function findBefore(r: Reader, from: number): Found | null {
  const start = r.sentenceStart(from)
  let bare: Found | null = null
  for (let j = start; j <= from; j++) {
    const w = r.lower(j)
    if (w === 'according' && r.lower(j + 1) === 'to') {
      const phrase = r.phraseAfter(j + 2)
      if (phrase) return { speaker: r.speakerOf(phrase), cue: r.cueAt(j), via: null }
    }
    if (!isCue(w) || /^[“”"]$/.test(r.word(j - 1)) || isInsideQuote(r, j)) continue
    const subject = r.subjectBefore(j)
    if (subject) return { speaker: r.speakerOf(subject), cue: r.cueAt(j), via: null }
    bare ??= { speaker: null, cue: r.cueAt(j), via: null }
  }
  return bare
}

/** "Trump openly admires Putin as a “strong leader”": no cue word, the sentence's subject speaks. */
function findSubject(r: Reader, from: number): Found | null {
  let start = r.sentenceStart(from)
  // "In recent weeks, Reid has gone after Trump as a “human leech”" — skip the opening phrase
  if (r.pos(start) === 'ADP' || r.pos(start) === 'ADV') {
    let comma = start
    while (comma < from && r.word(comma) !== ',') comma++
    if (comma < from) start = comma + 1
  }
  const phrase = r.phraseAfter(start)
  if (phrase && phrase.end <= (r.tokens[from]?.start ?? 0)) return { speaker: r.speakerOf(phrase), cue: null, via: null }
  return null
}

/** True when token j lies between an opening and a closing mark earlier in its sentence. */
function isInsideQuote(r: Reader, j: number): boolean {
  let open = false
  for (let i = r.sentenceStart(j); i < j; i++) {
    const w = r.word(i)
    if (w === '“') open = true
    else if (w === '”') open = false
    else if (w === '"') open = !open
  }
  return open
}

/** "He said:\n\n“We have a situation ...”": a sentence that ends in a colon introduces the quote. */
function findColon(r: Reader, before: number): Found | null {
  if (r.word(before) !== ':') return null
  return findBefore(r, before - 1)
}
