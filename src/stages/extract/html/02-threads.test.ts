import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { walkPage } from './01-walk.js'
import { markThreads } from './02-threads.js'

/** The texts of the blocks that the thread pass puts inside reader comments. */
function threadTexts(html: string): string[] {
  const page = walkPage(html)
  markThreads(page)
  return page.blocks.filter((b) => page.info.get(b.owner)?.thread).map((b) => b.text)
}

const item = (who: string, when: string, text: string, extra = ''): string =>
  `<div class="c"><img src="/a.png" alt=""><span class="n">${who}</span><div class="d">${when}</div><p>${text}</p>${extra}</div>`

describe('extract: comment threads told by structure', () => {
  it('marks repeated items with a date, an avatar or a reply action and no heading, whatever their words', () => {
    const html = `<body><article><p>Ein kurzer Artikel über den Stadtrat und seine Entscheidung vom Dienstag.</p></article><div id="x">${[
      item('Anna', '03.04.2025 10:12', 'Das hätte man früher entscheiden können, finde ich.'),
      item('Jonas', '03.04.2025 11:40', 'Endlich eine klare Entscheidung für die Innenstadt.'),
      item('Lea', '04.04.2025 08:05', 'Was passiert jetzt mit den Parkplätzen am Fluss?'),
    ].join('')}</div></body>`
    const texts = threadTexts(html)
    assert.ok(texts.includes('Endlich eine klare Entscheidung für die Innenstadt.'))
    assert.ok(!texts.some((t) => t.startsWith('Ein kurzer Artikel')), 'the article is not part of the thread')
  })

  it('leaves live-blog entries alone: they carry headings', () => {
    const entry = (t: string, h: string, p: string): string => `<article class="e"><time>${t}</time><h2>${h}</h2><p>${p}</p><button>Share</button></article>`
    const html = `<body><main>${entry('10:32', 'Opening', 'The session opened ten minutes late.')}${entry('10:58', 'First speech', 'The minister defended the budget.')}${entry('11:20', 'Reply', 'The opposition asked for the text to be withdrawn.')}</main></body>`
    assert.deepEqual(threadTexts(html), [])
  })

  it('leaves live-blog entries without headings alone when one name signs them all, and marks the same shape signed by many', () => {
    const post = (who: string, when: string, text: string): string =>
      `<div class="post"><div class="head"><img src="/a.png" alt=""><a href="/staff/1">${who}</a> <time>${when}</time></div><p>${text}</p><a href="#">Reply</a></div>`
    const texts = [
      'The ferry service has been suspended for the day.',
      'The coastal road is closed north of the harbour.',
      'Some four thousand homes have no power.',
    ]
    const one = `<body><main>${texts.map((t, n) => post('Mira Okafor', `0${n + 7}:15`, t)).join('')}</main></body>`
    assert.deepEqual(threadTexts(one), [])
    const many = `<body><main>${texts.map((t, n) => post(['Mira Okafor', 'Tom Haas', 'Lin Wei'][n] as string, `0${n + 7}:15`, t)).join('')}</main></body>`
    assert.ok(threadTexts(many).includes(texts[1] as string))
  })

  it('leaves paragraphs that mention years alone: no avatar, no action', () => {
    const html = `<body><div>${['In 2019 the plant was closed.', 'By 2021 the site had been sold.', 'In 2024 the first flats were let.'].map((p) => `<p>${p}</p>`).join('')}</div></body>`
    assert.deepEqual(threadTexts(html), [])
  })

  it('leaves a product list alone: a price is not a date', () => {
    const card = (name: string, price: string): string =>
      `<div class="p"><img src="/p.png" alt=""><div>${name}</div><div>$${price}</div><p>A fine choice for small kitchens and tight budgets.</p><a href="/buy">Buy now</a></div>`
    const html = `<body><section>${card('Kettle A', '74.99')}${card('Kettle B', '39.50')}${card('Kettle C', '59.00')}</section></body>`
    assert.deepEqual(threadTexts(html), [])
  })
})
