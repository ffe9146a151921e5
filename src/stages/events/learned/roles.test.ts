import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { need } from '../../../core/doc.js'
import { runPipeline, selectStages } from '../../../core/pipeline.js'
import { sentenceTokenRanges } from '../../../core/tokens.js'
import { createLexicon } from '../../../lexicon/lexicon.js'
import { defaultStages } from '../../../pipeline.js'
import { ruleTriggers } from '../01-triggers.js'
import { rulePairs } from '../02-arguments.js'
import { eventContextOf } from '../context.js'
import { defaultRoleModel, pickPair, ROLE_CLASSES, type RoleCandidate, roleCandidates } from './roles.js'

const NONE = Number.NEGATIVE_INFINITY

describe('events: the role model', () => {
  it('is committed, with a score per role', () => {
    const model = defaultRoleModel()
    assert.ok(model, 'models/events-roles.model.gz is missing: npm run train:event-roles')
    assert.deepEqual(model.classes, ROLE_CLASSES)
  })

  describe('pickPair', () => {
    const margins = { drop: Number.POSITIVE_INFINITY, fill: Number.POSITIVE_INFINITY, keep: 5 }
    const rules: RoleCandidate['rule'][] = ['source', 'none', 'target']
    it("overrules the rules' mention only with a lead beyond the margin", () => {
      // source scores: candidate 1 leads the rules' candidate 0 by 3, less than the margin of 5
      assert.deepEqual(pickPair(['A', 'B', 'C'], rules, [10, 13, 0, NONE], [0, 0, 20, NONE], margins), [0, 2])
      assert.deepEqual(pickPair(['A', 'B', 'C'], rules, [10, 16, 0, NONE], [0, 0, 20, NONE], margins), [1, 2])
    })
    it('never empties a role the rules filled, nor fills one they left empty, at infinite margins', () => {
      // "none" (the last option) scores best for both roles
      assert.deepEqual(pickPair(['A', 'B', 'C'], ['source', 'none', 'none'], [1, 2, 3, 99], [5, 6, 7, 99], margins), [0, 3])
    })
    it('empties and fills roles where the margins allow', () => {
      const open = { drop: 0, fill: 0, keep: 0 }
      assert.deepEqual(pickPair(['A', 'B'], ['source', 'none'], [1, 2, 99], [7, 3, 0], open), [2, 0])
    })
    it('gives the target another code than the source', () => {
      const open = { drop: 0, fill: 0, keep: 0 }
      assert.deepEqual(pickPair(['A', 'A', 'B'], ['none', 'none', 'none'], [9, 0, 0, 0], [0, 8, 4, 1], open), [0, 2])
    })
  })

  it('counts a relative pronoun as a mention of the noun its clause hangs on', () => {
    const stages = selectStages(defaultStages({}), ['tokens', 'sentences', 'parse', 'actors', 'dates', 'places', 'quotes', 'article'])
    const text = 'Police officers, who arrived in armoured cars, arrested the protesters on Tuesday.'
    const doc = runPipeline(stages, { id: 't', text, clean: false }, 't', { today: '2025-07-31', lexicon: createLexicon() })
    const tokens = need(doc, 'tokens', 'test')
    const ctx = eventContextOf(doc, 'test')
    const [r] = sentenceTokenRanges(tokens, need(doc, 'sentences', 'test').length)
    assert.ok(r)
    const m = ruleTriggers(ctx, r).find((x) => ctx.lower[x.at] === 'arrested')
    assert.ok(m, 'no trigger on "arrested"')
    const candidates = roleCandidates(ctx, m, r, rulePairs(ctx, m, r))
    const police = candidates.find((c) => /police/i.test(c.actor.text))
    assert.ok(police, `no candidate for the police: ${candidates.map((c) => c.actor.text)}`)
    assert.deepEqual(
      police.refs.map((k) => ctx.lower[k]),
      ['who'],
    )
    assert.ok(candidates.some((c) => /protesters/.test(c.actor.text)))
  })
})
