import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDoc } from '../../core/doc.js'
import { UnusableInputError } from '../../core/pipeline.js'
import { decodeBytes } from './decode.js'
import { createExtractStage, paragraphSpans } from './index.js'
import { cleanText } from './text-article.js'

const ctx = { today: '2025-07-31' }
const extract = (input: Parameters<typeof createDoc>[0]) => createExtractStage().run(createDoc(input, 't'), ctx)

describe('extract: plain text', () => {
  it('takes a headline line as the title and drops debris lines', () => {
    const c = cleanText('Syria counting on Russian support – FM\n\nWait 5 sec.\n\nDamascus is eager to restore ties with Moscow.')
    assert.equal(c.title, 'Syria counting on Russian support – FM')
    assert.deepEqual(c.paragraphs, ['Damascus is eager to restore ties with Moscow.'])
  })

  it('cuts teasers run into a paragraph up to the next sentence', () => {
    const c = cleanText('Title here\n\nWe are with you. Read more US takes credit for Israel-Syria ceasefire He added that it works.')
    assert.deepEqual(c.paragraphs, ['We are with you. He added that it works.'])
    const d = cleanText('Title here\n\nIt was a call. READ MORE: Kremlin reveals details of Putin-Netanyahu call Moscow has condemned it.')
    assert.deepEqual(d.paragraphs, ['It was a call. Moscow has condemned it.'])
  })

  it('restores the space lost between two sentences, and after a closing quote', () => {
    const c = cleanText('Title here\n\nHe went on a visit to Moscow.The situation is calm.“We agree,” he said.“Good.”')
    assert.deepEqual(c.paragraphs, ['He went on a visit to Moscow. The situation is calm. “We agree,” he said. “Good.”'])
  })

  it('leaves abbreviations and decimals alone', () => {
    const c = cleanText('Title here\n\nThe U.S. economy grew 2.5% in the U.K. and e.g. in Japan.')
    assert.deepEqual(c.paragraphs, ['The U.S. economy grew 2.5% in the U.K. and e.g. in Japan.'])
  })

  it('splits a standfirst run into the first sentence before a country subject', () => {
    const text =
      'Headline\n\nDamascus is eager to restore proper ties with Moscow, jeopardized following last year’s ouster of former President Bashar Assad Syria is seeking Russia’s support in its efforts to restore unity in the country after continued outbreaks of violence, the minister has said.'
    const c = cleanText(text)
    assert.equal(c.paragraphs.length, 2)
    assert.ok(c.paragraphs[1]?.startsWith('Syria is seeking'))
  })

  it('does not split a long sentence with a person’s name before a verb', () => {
    const text =
      'Headline\n\nIn a long statement issued on Monday after a day of talks with officials from several countries in the region, President Donald Trump is expected to announce new measures aimed at the economy and at trade with partners.'
    assert.equal(cleanText(text).paragraphs.length, 1)
  })

  it('keeps "clean: false" text byte for byte', () => {
    const text = 'Wait 5 sec.\n\nMoscow.The  text\r\nstays.'
    const doc = extract({ text, clean: false })
    assert.equal(doc.text, text)
    assert.equal(doc.layers.article?.title, null)
  })

  it('rejects empty, binary and oversized inputs with a clear error', () => {
    assert.throws(() => extract({ text: '  \n ' }), UnusableInputError)
    assert.throws(() => extract({ text: 'abc\u0000\u0001\u0002def' }), /not text/)
    assert.throws(() => createExtractStage({ maxChars: 10 }).run(createDoc({ text: 'x'.repeat(11) }, 't'), ctx), /limit/)
  })

  it('gives paragraph spans over blank-line separated blocks', () => {
    assert.deepEqual(paragraphSpans('ab\ncd\n\nef'), [
      { start: 0, end: 5 },
      { start: 7, end: 9 },
    ])
  })
})

describe('extract: HTML', () => {
  it('reads title, date, author, language and the main paragraphs, without share blocks', () => {
    const html = `<html lang="en"><head><title>Site | Headline</title>
      <meta property="og:title" content="Headline here"><meta name="author" content="Jane Roe">
      <meta property="article:published_time" content="2025-07-31T10:00:00Z"></head>
      <body><nav><p>Home News Sport and other links of the site menu</p></nav>
      <article><p>Moscow has condemned the strikes on Damascus, the ministry said on Thursday.</p>
      <div class="share-bar"><p>Share this story on all of your favourite networks now</p></div>
      <p>Lavrov said Russia would continue to support the government in its efforts.</p></article>
      <footer><p>Copyright 2025 by the publisher of this site, all rights reserved.</p></footer></body></html>`
    const a = extract({ html }).layers.article
    assert.equal(a?.title, 'Headline here')
    assert.equal(a?.published, '2025-07-31')
    assert.equal(a?.byline, 'Jane Roe')
    assert.equal(a?.lang, 'en')
    assert.equal(
      a?.text,
      'Moscow has condemned the strikes on Damascus, the ministry said on Thursday.\n\nLavrov said Russia would continue to support the government in its efforts.',
    )
  })

  it('survives a page nested 100,000 elements deep', () => {
    const html = `${'<div>'.repeat(100_000)}<p>Deep text that is long enough to count as a paragraph.</p>${'</div>'.repeat(100_000)}`
    const a = extract({ html }).layers.article
    assert.ok(a)
  })
})

describe('extract: bytes', () => {
  it('decodes UTF-8, a BOM, and falls back to windows-1252 with a flag', () => {
    assert.equal(decodeBytes(new TextEncoder().encode('Sweida – “ok”')).text, 'Sweida – “ok”')
    assert.equal(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])).text, 'A')
    const legacy = decodeBytes(Uint8Array.from([0x93, 0x41, 0x94]))
    assert.equal(legacy.text, '“A”')
    assert.equal(legacy.guessed, true)
  })
})
