import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Parser } from 'htmlparser2'
import { seededRandom } from '../../../models/random.js'
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

  it('counts what the parser nests: "/>" opens an HTML element, "<noscript>" holds tags', () => {
    // "<div/>" is an open div to the parser, and "<noscript>" is no raw-text element: both once let a
    // page of 60,000 levels through untouched (15 s and 5 s in the parser)
    assert.equal(depthOf(boundDepth(`${'<i/>x'.repeat(50)}end`, 10).replace(/<i\/>/g, '<i>')), 10)
    assert.equal(depthOf(boundDepth(`<noscript>${'<i>x'.repeat(50)}`, 10)), 9)
    // what follows an unclosed "<iframe>" is its text: nothing to bound
    const framed = `<iframe>${'<i>x'.repeat(50)}`
    assert.equal(boundDepth(framed, 10), framed)
  })

  it('leaves siblings the parser closes by themselves alone: unclosed <p>, <li>, <option>, <td>', () => {
    const page = `<div>${'<p>para'.repeat(40)}</div><ul>${'<li><a href="/x">item</a>'.repeat(40)}</ul><select>${'<option>o'.repeat(40)}</select><table>${'<tr><td>a<td>b'.repeat(40)}</table>`
    assert.equal(boundDepth(page, 8), page)
    // "/>" closes inside SVG, so an icon of many paths is shallow too
    const icon = `<svg>${'<path d="M0"/>'.repeat(40)}</svg>`
    assert.equal(boundDepth(icon, 4), icon)
  })

  it('touches a page exactly when the parser would nest it deeper than the bound (random tag soup)', () => {
    const pieces = ['<p>', '</p>', '<li>', '<a>', '</a>', '<div>', '</div>', '<div/>', '<svg>', '</svg>', '<path/>', '<i>', '</i>', '<br>', '<br/>']
    pieces.push(
      '<ul>',
      '</ul>',
      '<option>',
      '<select>',
      '</select>',
      '<tr>',
      '<td>',
      '<foreignObject>',
      '</foreignObject>',
      '<form>',
      '</form>',
      '<h1>',
      '<h2>',
    )
    pieces.push('<noscript>', '</noscript>', '<input>', '<dd>', '<dt>', '<hr>', '</b>', '<b>')
    const random = seededRandom(3)
    for (let round = 0; round < 300; round++) {
      const page = Array.from({ length: 60 }, () => `${pieces[Math.floor(random() * pieces.length)]}x`).join('')
      // the deepest text is the deepest open element: every piece is followed by text
      let depth = 0
      let deepest = 0
      const parser = new Parser({
        onopentag: () => depth++,
        onclosetag: () => depth--,
        ontext: () => {
          deepest = Math.max(deepest, depth)
        },
      })
      parser.end(page)
      const bound = 3 + Math.floor(random() * 10)
      assert.equal(boundDepth(page, bound) !== page, deepest > bound, page)
    }
  })
})
