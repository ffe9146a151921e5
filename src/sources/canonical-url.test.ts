import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canonicalUrl, declaredCanonical } from './canonical-url.js'

describe('canonical URLs', () => {
  it('drops fragments, credentials and tracking parameters, sorts the rest, lower-cases the host', () => {
    assert.equal(canonicalUrl('HTTPS://News.Example:443/a/b?utm_source=x&id=2&fbclid=y&b=1&UTM_Medium=z#comments'), 'https://news.example/a/b?b=1&id=2')
    assert.equal(canonicalUrl('http://user:pw@news.example/x?gclid=1'), 'http://news.example/x')
    assert.equal(canonicalUrl('/x', 'https://news.example/a/'), 'https://news.example/x')
  })
  it('refuses what is not an http(s) URL', () => {
    assert.equal(canonicalUrl('mailto:desk@news.example'), null)
    assert.equal(canonicalUrl('not a url'), null)
  })
  it('reads <link rel=canonical> from the head, relative to the page', () => {
    const html =
      '<html><head><link rel="alternate" href="/amp"><LINK REL="Canonical" HREF="/story/1?utm_source=amp"></head><body><link rel="canonical" href="/late"></body></html>'
    assert.equal(declaredCanonical(html, 'https://news.example/amp/story/1'), 'https://news.example/story/1')
    assert.equal(declaredCanonical('<p>no head</p>', 'https://news.example/'), null)
  })
})
