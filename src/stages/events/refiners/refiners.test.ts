import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Span } from '../../../core/types.js'
import type { TriggerMention } from '../mention.js'
import { dropQuestions } from './01-questions.js'

// a refiner alone, on hand-built mentions: no pipeline, no parse
const mention = (sentence: number): TriggerMention => ({
  match: { trigger: { code: '190', lemma: 'attack', pos: 'verb' }, at: 1, last: 1, objectAt: null },
  sentence,
  range: { start: 0, end: 3 },
})

describe('events refiners alone', () => {
  it('drops the triggers of a question, keeps those of a statement', () => {
    const text = 'Will Russia attack? Russia attacked. "Who attacked?”'
    const sentences: Span[] = [
      { start: 0, end: 19 },
      { start: 20, end: 36 },
      { start: 37, end: 52 },
    ]
    const r = dropQuestions([mention(0), mention(1), mention(2)], text, sentences)
    assert.deepEqual(
      r.kept.map((m) => m.sentence),
      [1],
    )
    assert.deepEqual(
      r.dropped.map((d) => d.ruleId),
      ['question', 'question'],
    )
  })
})
