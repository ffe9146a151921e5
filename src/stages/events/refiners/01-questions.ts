import type { Span } from '../../../core/types.js'
import type { Refined, TriggerMention } from '../mention.js'

// a sentence that ends with a question mark, before any closing quotation mark
const QUESTION = /\?["”’]?$/

/** Refiner 1: a question asks, it does not report: "Will Russia attack Ukraine?" codes nothing. */
export function dropQuestions(mentions: readonly TriggerMention[], text: string, sentences: readonly Span[]): Refined<TriggerMention> {
  const kept: TriggerMention[] = []
  const dropped: Refined<TriggerMention>['dropped'] = []
  for (const m of mentions) {
    const s = sentences[m.sentence] as Span
    if (QUESTION.test(text.slice(s.start, s.end))) dropped.push({ item: m, ruleId: 'question', reason: 'the sentence asks a question: no act is reported' })
    else kept.push(m)
  }
  return { kept, dropped }
}
