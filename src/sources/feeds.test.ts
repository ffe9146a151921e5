import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseList } from './feeds.js'

describe('feeds, OPML and sitemaps', () => {
  it('reads RSS 0.91 and RSS 1.0 (RDF) items', () => {
    const rss091 =
      '<rss version="0.91"><channel><item><title>One</title><link>https://news.example/1</link><description>Short</description></item></channel></rss>'
    assert.deepEqual(parseList(rss091, null).items, [{ url: 'https://news.example/1', title: 'One', published: null, html: 'Short' }])
    const rdf =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/><item rdf:about="https://news.example/2"><title>Two</title><dc:date>2026-12-01T10:00:00Z</dc:date></item></rdf:RDF>'
    const list = parseList(rdf, null)
    assert.equal(list.kind, 'rss')
    assert.deepEqual(list.items[0], { url: 'https://news.example/2', title: 'Two', published: '2026-12-01', html: null })
  })
  it('reads RSS 2.0 content:encoded, a guid permalink and an RFC 822 date', () => {
    const rss =
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><guid>https://news.example/3</guid><pubDate>Tue, 01 Dec 2026 23:30:00 +0000</pubDate><content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item></channel></rss>'
    assert.deepEqual(parseList(rss, null).items[0], { url: 'https://news.example/3', title: null, published: '2026-12-01', html: '<p>Body</p>' })
  })
  it('reads Atom links against xml:base, and JSON Feed items', () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/world/"><entry><link rel="self" href="/api/4"/><link rel="alternate" href="story-4"/><updated>2026-12-02T00:00:00Z</updated></entry></feed>'
    assert.equal(parseList(atom, 'https://feeds.example/atom').items[0]?.url, 'https://news.example/world/story-4')
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      items: [{ id: 'x', content_text: 'Plain\n\ntext', date_published: '2026-12-03T08:00:00Z' }],
    })
    assert.deepEqual(parseList(json, null).items[0], { url: null, title: null, published: '2026-12-03', html: '<p>Plain</p><p>text</p>' })
  })
  it('lists the feeds of an OPML file and the sitemaps of an index; reads news sitemaps', () => {
    const opml =
      '<opml version="2.0"><body><outline text="group"><outline xmlUrl="https://a.example/rss"/><outline xmlUrl="javascript:alert(1)"/></outline></body></opml>'
    assert.deepEqual(parseList(opml, null), { kind: 'opml', items: [], lists: ['https://a.example/rss'] })
    assert.deepEqual(parseList('<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>', 'https://a.example/index.xml').lists, [
      'https://a.example/s1.xml',
    ])
    const news =
      '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://a.example/5</loc><news:news><news:publication_date>2026-12-04</news:publication_date><news:title>Five</news:title></news:news></url></urlset>'
    assert.deepEqual(parseList(news, null).items[0], { url: 'https://a.example/5', title: 'Five', published: '2026-12-04', html: null })
  })
  it('says html or unknown for what is not a list', () => {
    assert.equal(parseList('<!doctype html><html><body>x</body></html>', null).kind, 'html')
    assert.equal(parseList('{"version": 1}', null).kind, 'unknown')
    assert.equal(parseList('plain words', null).kind, 'unknown')
  })
})
