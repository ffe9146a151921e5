import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { createDoc } from '../../core/doc.js'
import { UnusableInputError } from '../../core/pipeline.js'
import { stageContext } from '../context.js'
import { decodeBytes, undoMojibake } from './decode.js'
import { siteNames, stripSiteName } from './html/05-metadata.js'
import { createExtractStage, paragraphSpans } from './index.js'
import { cleanText } from './text-article.js'

const ctx = stageContext('2025-07-31')
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

describe('extract: bytes', () => {
  // [encoding, text]: the bytes of a page in that encoding that wrongly declares UTF-8
  const LEGACY: [string, string][] = [
    ['windows-1251', 'Москва осудила удары по Дамаску, заявило министерство.'],
    ['windows-1256', 'أدانت موسكو الضربات على دمشق، بحسب الوزارة.'],
    ['shift_jis', 'モスクワはダマスカスへの攻撃を非難した、と外務省は述べた。'],
    ['gbk', '莫斯科谴责了对大马士革的袭击，外交部表示。'],
    ['windows-1252', '“Café” déjà vu — naïve façade.'],
    ['iso-8859-2', 'Zażółć gęślą jaźń, powiedział minister.'],
  ]
  for (const [encoding, text] of LEGACY) {
    it(`reads ${encoding} bytes that declare UTF-8`, () => {
      const bytes = iconv.encode(`<html><head><meta charset="utf-8"></head><body><p>${text}</p></body></html>`, encoding)
      const d = decodeBytes(bytes)
      assert.equal(d.encoding, encoding)
      assert.ok(d.text.includes(text))
    })
  }

  it('follows a declared charset that the bytes agree with', () => {
    const bytes = iconv.encode('<meta charset="windows-1251"><p>Москва</p>', 'windows-1251')
    assert.deepEqual({ ...decodeBytes(bytes), text: '' }, { text: '', encoding: 'windows-1251', guessed: false })
  })

  it('undoes UTF-8 read as Latin-1 or windows-1252, and leaves real accents alone', () => {
    assert.equal(undoMojibake('Investor\u00e2\u0080\u0099s guide'), 'Investor’s guide')
    assert.equal(undoMojibake('Investorâ€™s guide, Ã©tÃ©'), 'Investor’s guide, été')
    assert.equal(undoMojibake('Café, naïve, Ã'), 'Café, naïve, Ã')
    // a real symbol right after a broken letter stays out of the run
    assert.equal(undoMojibake('“CafÃ©” and nÃ©•'), '“Café” and né•')
  })

  it("drops a site's name from a title only as whole words", () => {
    const ap = siteNames('AP', 'https://apnews.com/article/x')
    assert.equal(stripSiteName('Japan votes - What to know | AP', ap), 'Japan votes - What to know')
  })

  it('decodes UTF-8, a BOM, and falls back to windows-1252 with a flag', () => {
    assert.equal(decodeBytes(new TextEncoder().encode('Sweida – “ok”')).text, 'Sweida – “ok”')
    assert.equal(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])).text, 'A')
    const legacy = decodeBytes(Uint8Array.from([0x93, 0x41, 0x94]))
    assert.equal(legacy.text, '“A”')
    assert.equal(legacy.guessed, true)
  })
})
