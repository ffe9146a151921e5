import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseRobots } from './robots.js'

describe('robots.txt', () => {
  const text = [
    'User-agent: *',
    'Disallow: /',
    '',
    'User-agent: sitrep',
    'User-agent: otherbot',
    'Disallow: /drafts/',
    'Allow: /drafts/public$',
    'Disallow: /*.pdf$',
  ].join('\n')
  it('reads the group naming sitrep before the * group', () => {
    const rules = parseRobots(text, 'sitrep')
    assert.equal(rules.allows('/news/1'), true)
    assert.equal(rules.allows('/drafts/2'), false)
    assert.equal(rules.allows('/drafts/public'), true)
    assert.equal(rules.allows('/drafts/public/more'), false)
    assert.equal(rules.allows('/files/report.pdf'), false)
    assert.equal(rules.allows('/files/report.pdf?x=1'), true)
  })
  it('falls back to the * group, and an empty Disallow allows all', () => {
    assert.equal(parseRobots(text, 'someone').allows('/news/1'), false)
    assert.equal(parseRobots('User-agent: *\nDisallow:\n', 'sitrep').allows('/x'), true)
  })
})
