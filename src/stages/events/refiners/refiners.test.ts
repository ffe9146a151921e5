import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Span } from '../../../core/types.js'
import type { EventContext } from '../context.js'
import type { TriggerMention } from '../mention.js'
import { dropQuestions } from './01-questions.js'
import { dropSports } from './03-sports.js'

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

describe('the sports refiner alone', () => {
  // one token per word, one sentence per mention's range
  const context = (text: string): { ctx: EventContext; sentences: Span[] } => {
    const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, pos: 'X', sentence: 0 }))
    const ctx = { text, tokens, lower: tokens.map((t) => text.slice(t.start, t.end).toLowerCase()) } as unknown as EventContext
    return { ctx, sentences: [{ start: 0, end: text.length }] }
  }
  const at = (n: number): TriggerMention => ({ ...mention(0), range: { start: 0, end: n } })
  it('drops a sentence with two sports words or one beside a score, keeps politics', () => {
    for (const [text, drop] of [
      ['Celtic attacked in the semifinal and scored late', true],
      ['Celtic won 3-1 in the cup', true],
      ['Russia attacked Ukraine on 2024-02-24 in the cup of tea', false],
      ['Russia attacked Ukraine overnight', false],
    ] as const) {
      const { ctx, sentences } = context(text)
      const r = dropSports(ctx, [at(ctx.tokens.length)], sentences)
      assert.equal(r.dropped.length, drop ? 1 : 0, text)
    }
  })
})
