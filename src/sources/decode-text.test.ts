import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { decodeText } from './decode-text.js'

describe('decoding fetched bytes', () => {
  const cafe = 'Le café de la gare'
  it('follows a byte-order mark, then the declared charset', () => {
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cafe)]), 'windows-1252'), cafe)
    assert.equal(decodeText(iconv.encode('Москва', 'koi8-r'), 'koi8-r'), 'Москва')
    assert.equal(decodeText(iconv.encode('Москва', 'windows-1251'), null).length, 6)
  })
  it('reads the charset a page declares in a meta tag', () => {
    const page = Buffer.concat([Buffer.from('<meta charset="windows-1251"><p>'), iconv.encode('Москва', 'windows-1251')])
    assert.match(decodeText(page, null), /Москва/)
  })
  it('survives wrong declarations: UTF-8 bytes declared Latin-1, Latin-1 bytes declared UTF-8', () => {
    assert.equal(decodeText(Buffer.from(cafe, 'utf8'), 'iso-8859-1'), cafe)
    assert.equal(decodeText(Buffer.from(cafe, 'latin1'), 'utf-8'), cafe)
  })
})
