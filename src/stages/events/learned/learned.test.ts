import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../../analyze.js'
import type { EventContext } from '../context.js'
import { defaultEventModels, MODALITY_CLASSES, TRIGGER_CLASSES } from './model.js'
import { phoenixVerb } from './phoenix-verbs.js'

/** Just enough of an event context for the Phoenix lookup, which reads the lower-case words. */
const words = (text: string): EventContext => ({ lower: text.toLowerCase().split(' ') }) as unknown as EventContext

describe('events: the Phoenix verb dictionary', () => {
  it('gives a verb form its block code and the longest pattern that follows it', () => {
    // RUSH: "* (TO BORDER)" 154 is longer than "* (TO)" 042
    const ctx = words('the army rushed more tanks to the border overnight')
    const cue = phoenixVerb(ctx, 2, { start: 0, end: 9 })
    assert.ok(cue)
    assert.equal(cue.pattern, '154')
  })
  it('keeps a pattern to its sentence and knows only verbs it lists', () => {
    const ctx = words('the army rushed more tanks . to the border')
    assert.equal(phoenixVerb(ctx, 2, { start: 0, end: 5 })?.pattern, undefined)
    assert.equal(phoenixVerb(words('the tanks'), 1, { start: 0, end: 2 }), null)
  })
  it('reads a phrasal verb with its particle, next or one word on', () => {
    // +CALL_OFF [160] is its own verb, not CALL's block
    assert.equal(phoenixVerb(words('the unions called off the strike'), 2, { start: 0, end: 5 })?.code, '160')
    assert.equal(phoenixVerb(words('the unions called it off'), 2, { start: 0, end: 5 })?.code, '160')
    assert.notEqual(phoenixVerb(words('the unions called a strike'), 2, { start: 0, end: 5 })?.code, '160')
  })
  it('expands synonym sets: food words after a verb of giving', () => {
    const ctx = words('they distributed nutriment to the villagers')
    assert.equal(phoenixVerb(ctx, 1, { start: 0, end: 6 })?.pattern, '073')
  })
})

describe('events: the learned decisions', () => {
  const models = defaultEventModels()
  it('are committed, with the classes the stage expects', () => {
    assert.ok(models, 'models/events-*.model.gz are missing: npm run train:events')
    assert.deepEqual(models.trigger.classes, TRIGGER_CLASSES)
    assert.deepEqual(models.modality.classes, MODALITY_CLASSES)
    assert.ok(models.leaf.classes.every((c) => /^\d{3,4}$/.test(c)))
  })
  it('name what decided them in the event rule', () => {
    const analyzer = createAnalyzer({ today: '2025-07-31' })
    const text =
      'The interior ministry said on Tuesday that police detained four opposition activists in the capital. Officials in Lisbon praised the mediators and signed a trade accord with Brazil.'
    const out = analyzer.analyze({ text, published: '2025-07-31', clean: false })
    if (isError(out)) throw new Error(out.error)
    assert.ok((out.events ?? []).length > 0)
    for (const e of out.events ?? []) {
      assert.match(e.rule, /^(verb|noun):/)
      // a trigger the model made says so, with its root and margin
      const made = /\(model (\d\d) [+-]\d+\.\d\)/.exec(e.rule)
      if (made) assert.equal(e.cameo.slice(0, 2), made[1])
    }
  })
})
