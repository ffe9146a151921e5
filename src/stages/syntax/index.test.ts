import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import { runPipeline, TimeBudgetError } from '../../core/pipeline.js'
import { stageContext } from '../context.js'
import { createExtractStage } from '../extract/index.js'
import { createSegmentStage } from '../segment/index.js'
import { createSyntaxStage } from './index.js'
import { createParseView, type ParseView } from './relations.js'

const analyzer = createAnalyzer({ stages: ['syntax'] })
function view(text: string): { v: ParseView; heads: number[]; deps: string[] } {
  const out = analyzer.analyze({ text, clean: false })
  if (isError(out)) throw new Error(out.error)
  const tokens = out.tokens ?? []
  const parse = tokens.map((t) => ({ head: t.head ?? -1, dep: t.dep ?? 'dep' }))
  const toks = tokens.map((t) => ({ start: t.start, end: t.end, pos: t.pos, sentence: 0 }))
  return { v: createParseView(text, toks, parse), heads: parse.map((a) => a.head), deps: parse.map((a) => a.dep) }
}
const texts = (phrases: { text: string }[]): string[] => phrases.map((p) => p.text)
const verb = (v: ParseView, word: string): number => {
  const found = v.find(word)
  assert.ok(found.length, `"${word}" is in the sentence`)
  return found[0] as number
}

describe('syntax: the time budget', () => {
  it('stops between sentences once the document is out of time, not after its last sentence', () => {
    let parsed = 0
    // a parser that takes 20 ms a sentence: 50 sentences would take a second
    const slow = {
      parse(words: readonly string[]) {
        parsed++
        const until = performance.now() + 20
        while (performance.now() < until) {}
        return { heads: new Int32Array(words.length).fill(-1), labels: words.map(() => 'root') }
      },
    }
    const stages = [createExtractStage(), createSegmentStage(), createSyntaxStage({ parser: slow })]
    const text = 'The council met in the morning and voted on the budget. '.repeat(50)
    // warm: the tagger's model loads on first use, which is no document's fault
    runPipeline(stages.slice(0, 2), { text, clean: false }, 'warm', stageContext('2025-07-31'))
    const ctx = { ...stageContext('2025-07-31'), deadline: performance.now() + 200 }
    assert.throws(
      () => runPipeline(stages, { text, clean: false }, 'slow', ctx),
      (e: Error) => e instanceof TimeBudgetError && /in the syntax stage/.test(e.message),
    )
    assert.ok(parsed > 0 && parsed < 50, `parsed ${parsed} of 50 sentences`)
  })
})

describe('syntax: the parse', () => {
  it('gives every sentence exactly one root and every token a head inside its sentence', () => {
    const text = 'Syria is seeking Russia’s support. Moscow said it would help.\nBREAKING: Strikes hit Damascus'
    const out = analyzer.analyze({ text, clean: false })
    if (isError(out)) throw new Error(out.error)
    const tokens = out.tokens ?? []
    const roots = new Map<number, number>()
    tokens.forEach((t, i) => {
      const sentence = (out.sentences ?? []).findIndex((s) => s.start <= t.start && t.end <= s.end)
      if (t.head === -1) roots.set(sentence, (roots.get(sentence) ?? 0) + 1)
      else {
        const h = tokens[t.head as number]
        assert.ok(h, `token ${i} has a head`)
        const hs = (out.sentences ?? []).findIndex((s) => s.start <= h.start && h.end <= s.end)
        assert.equal(hs, sentence, `token ${i} and its head are in one sentence`)
      }
    })
    assert.deepEqual([...roots.values()], [1, 1, 1])
  })

  it('parses a 250-token run-on sentence into a tree', () => {
    const clause = 'the army said that rebels attacked the town of Idlib on Monday and fighters fled , '
    const text = `${clause.repeat(16)}officials said.`
    const { heads } = view(text)
    assert.ok(heads.length > 250)
    assert.equal(heads.filter((h) => h === -1).length, 1)
    // no cycles: every token reaches the root
    heads.forEach((_, i) => {
      let k = i
      for (let steps = 0; k !== -1; steps++) {
        assert.ok(steps <= heads.length, `token ${i} reaches the root`)
        k = heads[k] as number
      }
    })
  })
})

describe('syntax: relations for the events stage', () => {
  // [sentence, verb, subjects, objects, agents]
  const ROLES: [string, string, string[], string[], string[]][] = [
    ['Assad, a close ally of Moscow, was replaced by HTS leader Ahmed al-Sharaa.', 'replaced', ['Assad'], [], ['HTS leader Ahmed al-Sharaa']],
    ['Russia condemned the Israeli strikes on Damascus.', 'condemned', ['Russia'], ['the Israeli strikes on Damascus'], []],
    ['The army resumed airstrikes on rebel positions.', 'resumed', ['The army'], ['airstrikes on rebel positions'], []],
    ['The convoy was attacked by militants.', 'attacked', ['The convoy'], [], ['militants']],
    ['Iran and Iraq signed a trade agreement.', 'signed', ['Iran', 'Iraq'], ['a trade agreement'], []],
    ['Turkey shelled Kurdish positions and accused the YPG of attacks.', 'accused', ['Turkey'], ['the YPG'], []],
  ]
  for (const [text, trigger, subjects, objects, agents] of ROLES)
    it(`finds who did what to whom around "${trigger}" in "${text}"`, () => {
      const { v } = view(text)
      const i = verb(v, trigger)
      assert.deepEqual(texts(v.subjects(i)), subjects)
      assert.deepEqual(texts(v.objects(i)), objects)
      assert.deepEqual(texts(v.agents(i)), agents)
    })

  it('tells passive from active voice', () => {
    assert.equal(view('Assad was replaced by al-Sharaa.').v.isPassive(0 + 2), true)
    assert.equal(view('Al-Sharaa replaced Assad.').v.isPassive(1), false)
  })

  // [sentence, head word, expected "prep object" pairs]
  const OBLIQUES: [string, string, string[]][] = [
    ['Russia condemned the strikes on Syria.', 'strikes', ['on Syria']],
    [
      'Clashes between Druze fighters, Bedouin tribes and government forces.',
      'Clashes',
      ['between Druze fighters', 'between Bedouin tribes', 'between government forces'],
    ],
    ['Lavrov met al-Shaibani in Moscow.', 'met', ['in Moscow']],
  ]
  for (const [text, head, expected] of OBLIQUES)
    it(`finds the obliques of "${head}" in "${text}"`, () => {
      const { v } = view(text)
      assert.deepEqual(
        v.obliques(verb(v, head)).map((o) => `${o.prep} ${o.text}`),
        expected,
      )
    })

  it('finds appositions', () => {
    const { v } = view('Assad, a close ally of Moscow, was replaced by HTS leader Ahmed al-Sharaa.')
    assert.deepEqual(texts(v.appositions(verb(v, 'Assad'))), ['a close ally of Moscow'])
  })

  // [sentence, speech verb, head verbs of the reported clause]
  const REPORTED: [string, string, string[]][] = [
    ['He added that Damascus is interested in establishing proper relations.', 'added', ['interested']],
    ['“We are working to ensure the reunification of the people,” he said.', 'said', ['working']],
    ['Lavrov said Moscow would help.', 'said', ['help']],
    ['The minister visited Moscow on Thursday.', 'visited', []],
  ]
  for (const [text, speech, expected] of REPORTED)
    it(`finds the clause reported by "${speech}" in "${text}"`, () => {
      const { v } = view(text)
      assert.deepEqual(
        v.reportedClauses(verb(v, speech)).map((i) => v.word(i)),
        expected,
      )
    })

  // [sentence, verb, negated, modality]
  const MARKERS: [string, string, boolean, string | null][] = [
    ['Russia will not recognise the new government.', 'recognise', true, 'future'],
    ['Moscow didn’t condemn the strikes.', 'condemn', true, null],
    ['Israel may resume airstrikes.', 'resume', false, 'possible'],
    ['Turkey never recognised the vote.', 'recognised', true, null],
    ['Syria must restore unity.', 'restore', false, 'obligation'],
    ['Iran condemned the attack.', 'condemned', false, null],
  ]
  for (const [text, trigger, negated, modality] of MARKERS)
    it(`reads negation and modality of "${trigger}" in "${text}"`, () => {
      const { v } = view(text)
      const m = v.markers(verb(v, trigger))
      assert.equal(m.negated, negated)
      assert.equal(m.modality, modality)
    })

  it('rejects a parse that does not match the tokens', () => {
    assert.throws(() => createParseView('a b', [{ start: 0, end: 1, pos: 'X', sentence: 0 }], []), TypeError)
  })
})
