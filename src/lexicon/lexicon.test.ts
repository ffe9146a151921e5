import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../analyze.js'
import type { UserActors } from './actors.js'
import { createLexicon } from './lexicon.js'
import { packageRegistry } from './registry.js'
import { parseUserRegistry, RegistryFileError, readUserRegistry } from './user-registry.js'

const person = (code: string, title: string): UserActors => ({
  people: [
    {
      id: 'test-halvorsen',
      name: 'Ingrid Halvorsen',
      aliases: [],
      roles: [{ code, title, from: '2020-01-01', to: null, source: 'test' }],
    },
  ],
})

const TEXT = 'Ingrid Halvorsen criticised the plan on Monday.'

function actorCodes(actors: UserActors | undefined): string[] {
  const analyzer = createAnalyzer({ stages: ['actors'], today: '2025-07-31', ...(actors && { lexicon: createLexicon({ actors }) }) })
  const out = analyzer.analyze({ text: TEXT, published: '2025-07-31' })
  if (isError(out)) throw new Error(out.error)
  return (out.actors ?? []).filter((a) => a.text === 'Ingrid Halvorsen').map((a) => a.code)
}

describe('lexicon', () => {
  it('two analyzers in one process read their own user registries', () => {
    // built in an interleaved order: neither registry may leak into the other
    const norway = createAnalyzer({ stages: ['actors'], today: '2025-07-31', lexicon: createLexicon({ actors: person('NORGOV', 'Foreign Minister') }) })
    const sweden = createAnalyzer({ stages: ['actors'], today: '2025-07-31', lexicon: createLexicon({ actors: person('SWEMIL', 'Chief of Defence') }) })
    const code = (a: typeof norway): string[] => {
      const out = a.analyze({ text: TEXT, published: '2025-07-31' })
      if (isError(out)) throw new Error(out.error)
      return (out.actors ?? []).filter((x) => x.text === 'Ingrid Halvorsen').map((x) => x.code)
    }
    assert.deepEqual(code(norway), ['NORGOV'])
    assert.deepEqual(code(sweden), ['SWEMIL'])
    assert.deepEqual(code(norway), ['NORGOV'])
    assert.notDeepEqual(actorCodes(undefined), ['NORGOV'])
  })

  it('without user lists every lexicon shares the package registry', () => {
    assert.equal(createLexicon().actors, packageRegistry())
    assert.equal(createLexicon({ actors: {} }).actors, packageRegistry())
    assert.notEqual(createLexicon({ actors: person('NORGOV', 'x') }).actors, packageRegistry())
  })

  it('a user entry with a package id replaces the package entry', () => {
    const someone = packageRegistry().people[0]
    assert.ok(someone)
    const lexicon = createLexicon({ actors: { people: [{ ...someone, roles: [] }] } })
    const found = lexicon.actors.people.filter((p) => p.id === someone.id)
    assert.equal(found.length, 1)
    assert.deepEqual(found[0]?.roles, [])
    assert.equal(lexicon.actors.people.length, packageRegistry().people.length)
  })
})

describe('user registry files', () => {
  it('accepts the package entry shapes', () => {
    const lists = parseUserRegistry(JSON.stringify(person('NORGOV', 'Foreign Minister')), 'mine.json')
    assert.equal(lists.people?.[0]?.name, 'Ingrid Halvorsen')
  })

  it('names the entry and the field of a wrong entry', () => {
    const bad = {
      people: [
        { id: 'ok', name: 'A B', aliases: [], roles: [] },
        { id: 'x-1', name: 'C D', aliases: [], roles: [{ code: 'norway', title: 't', from: null, to: null, source: 's' }] },
      ],
    }
    assert.throws(
      () => parseUserRegistry(JSON.stringify(bad), 'mine.json'),
      (e: Error) => {
        assert.ok(e instanceof RegistryFileError)
        assert.match(e.message, /mine\.json/)
        assert.match(e.message, /people\[1\] \("x-1"\) field roles\.0\.code/)
        assert.match(e.message, /CAMEO chain/)
        return true
      },
    )
  })

  it('refuses unknown top-level keys, a prototype key among them, and leaves Object.prototype alone', () => {
    assert.throws(() => parseUserRegistry('{"persons": []}', 'f.json'), /persons/)
    assert.throws(() => parseUserRegistry('{"__proto__": {"polluted": true}, "people": []}', 'f.json'), RegistryFileError)
    assert.equal(({} as { polluted?: boolean }).polluted, undefined)
  })

  it('refuses a role date the calendar does not have', () => {
    const dated = (from: string | null, to: string | null): string => {
      const lists = person('NORGOV', 'Foreign Minister')
      const role = lists.people?.[0]?.roles[0]
      if (role) Object.assign(role, { from, to })
      return JSON.stringify(lists)
    }
    assert.throws(() => parseUserRegistry(dated('2019-13-01', null), 'f.json'), /field roles\.0\.from.*calendar/)
    assert.throws(() => parseUserRegistry(dated('2019-02-30', null), 'f.json'), /calendar/)
    assert.throws(() => parseUserRegistry(dated('2019-00', null), 'f.json'), /calendar/)
    // leap days, open ends and periods of different precision are fine
    assert.equal(parseUserRegistry(dated('2024-02-29', null), 'f.json').people?.length, 1)
    assert.equal(parseUserRegistry(dated('2019', '2019-06-30'), 'f.json').people?.length, 1)
    assert.equal(parseUserRegistry(dated(null, '2019-06'), 'f.json').people?.length, 1)
  })

  it('refuses a file that is not JSON, not an object, missing or too large', () => {
    assert.throws(() => parseUserRegistry('{people: []}', 'f.json'), /not JSON/)
    assert.throws(() => parseUserRegistry('[1, 2]', 'f.json'), /not a registry/)
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-registry-'))
    assert.throws(() => readUserRegistry(join(dir, 'missing.json')), /does not exist/)
    const big = join(dir, 'big.json')
    writeFileSync(big, JSON.stringify({ people: [] }).padEnd(2000, ' '))
    assert.throws(() => readUserRegistry(big, 1000), /over the limit of 1000/)
    assert.deepEqual(readUserRegistry(big), { people: [] })
  })
})
