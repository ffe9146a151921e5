import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseActors, parseAgents, parseCode, phoenixDay } from '../scripts/phoenix-format.js'

describe('Phoenix dictionary formats', () => {
  it('reads YYMMDD and YYYYMMDD days, and refuses what is no day', () => {
    assert.equal(phoenixDay('011222'), '2001-12-22')
    assert.equal(phoenixDay('750101'), '1975-01-01')
    assert.equal(phoenixDay('19270101'), '1927-01-01')
    assert.equal(phoenixDay('2004017'), null)
    assert.equal(phoenixDay('991399'), null)
  })

  it('reads code restrictions: a period, before, after, none', () => {
    assert.deepEqual(parseCode('AFGGOV 011222-141231'), { code: 'AFGGOV', from: '2001-12-22', to: '2014-12-31', undated: false })
    assert.deepEqual(parseCode('AFGGOV >011222'), { code: 'AFGGOV', from: '2001-12-22', to: null, undated: false })
    assert.deepEqual(parseCode('HTIOPPMED <061231'), { code: 'HTIOPPMED', from: null, to: '2006-12-31', undated: false })
    assert.deepEqual(parseCode('IGOUNO'), { code: 'IGOUNO', from: null, to: null, undated: true })
    assert.equal(parseCode('KORGOVBUS 2004017-20061201'), null)
  })

  it('groups a primary phrase with its synonyms and its tab-led codes, codes on the line too', () => {
    const text = [
      '# a comment',
      'HAMID_KARZAI_  # CountryInfo.txt',
      '+KARZAI_',
      '\t[AFGELI 750101-000101]',
      '\t[AFGGOV >011222]',
      'UNHCR_\t[IGOUNOREFHCR]# NGO_Actors',
      'BAD_CODE_ [XXX 2004017-20061201]',
    ].join('\n')
    const { records, unreadable } = parseActors(text)
    assert.equal(records.length, 3)
    assert.deepEqual(records[0]?.names, ['HAMID_KARZAI_', 'KARZAI_'])
    assert.equal(records[0]?.codes.length, 2)
    assert.equal(records[0]?.comment, 'CountryInfo.txt')
    assert.deepEqual(
      records[1]?.codes.map((c) => c.code),
      ['IGOUNOREFHCR'],
    )
    assert.equal(unreadable, 1)
  })

  it('reads name lines without "+" right after a name with no code yet as one record, a blank line ends it', () => {
    const text = ['OLGA_PETROVNA_IVANOVA_', 'PREMIER_IVANOVA_', 'IVANOVA_', '\t[RUSGOV 950101-970630]', '', 'LONE_NAME_', '', 'OTHER_BODY_', '\t[RUSMED]'].join(
      '\n',
    )
    const { records } = parseActors(text)
    assert.deepEqual(
      records.map((r) => [r.names.length, r.codes.length]),
      [
        [3, 1],
        [1, 0],
        [1, 1],
      ],
    )
  })

  it('expands substitution sets and forms plurals in the agents file', () => {
    const agents = parseAgents(
      [
        '!PERSON! = MAN, WOMAN',
        'CONGRESS!PERSON! [~LEG]',
        'MILITIA [~UAF]',
        'POLICE {} [~COP]',
        'ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]',
        'NGO_WORKER_ [NGO~]',
      ].join('\n'),
    )
    const byTerm = new Map(agents.map((a) => [a.term, a]))
    assert.equal(byTerm.get('congressman')?.code, 'LEG')
    assert.equal(byTerm.get('congresswoman')?.plural, null)
    assert.equal(byTerm.get('militia')?.plural, 'militias')
    assert.equal(byTerm.get('police')?.plural, null)
    assert.equal(byTerm.get('attorney general')?.plural, 'attorneys general')
    assert.equal(byTerm.get('ngo worker')?.code, 'NGO')
    assert.equal(byTerm.get('ngo worker')?.plural, null)
  })
})
