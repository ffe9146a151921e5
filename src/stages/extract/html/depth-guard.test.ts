import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { boundDepth } from './depth-guard.js'

const depthOf = (html: string): number => {
  // the deepest nesting of <i> in a page of only <i> and text
  let depth = 0
  let max = 0
  for (const m of html.matchAll(/<(\/?)i>/g)) {
    depth += m[1] ? -1 : 1
    max = Math.max(max, depth)
  }
  return max
}

describe('boundDepth', () => {
  it('leaves a page that never nests that deep as it is', () => {
    const page = '<html><head><title>a < b</title><script>if (a<b) x = "<i>"</script></head><body><p>One<br>two</p></body></html>'
    assert.equal(boundDepth(page, 8), page)
  })

  it('drops opening tags past the bound and keeps every piece of text, in order', () => {
    const page = `${'<i>x'.repeat(50)}end`
    const bounded = boundDepth(page, 10)
    assert.equal(depthOf(bounded), 10)
    assert.equal(bounded.replace(/<[^>]*>/g, ''), `${'x'.repeat(50)}end`)
  })

  it('closes elements as a parser does, so a well-formed page deeper in total stays whole', () => {
    // 30 siblings, each 5 deep: never more than 5 open at once
    const page = '<div><p><b><i><span>t</span></i></b></p></div>'.repeat(30)
    assert.equal(boundDepth(page, 6), page)
  })

  it('does not count void elements, self-closing tags, comments or stray closing tags', () => {
    const page = `${'<br><img src="x"><hr/><!-- <i> --></u></i>'.repeat(100)}<i>kept</i>`
    assert.equal(boundDepth(page, 2), page)
  })

  it('reads text full of stray "<" and unclosed quotes in one pass (negative case)', () => {
    const junk = `<p>Text</p>${'<a "'.repeat(20_000)}${"<p x='".repeat(20_000)}${'<!--'.repeat(100)}`
    assert.equal(typeof boundDepth(junk, 4), 'string')
  })
})
