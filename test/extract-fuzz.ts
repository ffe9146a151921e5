import { createDoc } from '../src/core/doc.js'
import { UnusableInputError } from '../src/core/pipeline.js'
import { seededRandom } from '../src/models/random.js'
import { stageContext } from '../src/stages/context.js'
import { createExtractStage } from '../src/stages/extract/index.js'

/** A small seeded generator, so a failing case can be replayed from its number. */
export const random = seededRandom

const TAGS = [
  'div',
  'p',
  'span',
  'a',
  'article',
  'section',
  'nav',
  'footer',
  'aside',
  'header',
  'h1',
  'h2',
  'ul',
  'li',
  'table',
  'tr',
  'td',
  'script',
  'style',
  'br',
  'pre',
  'time',
  'meta',
  'title',
  'body',
  'html',
  'head',
  'frameset',
  'frame',
  'form',
  'iframe',
  'noscript',
  'template',
  'svg',
]
const ATTRS = [
  'class="article-body"',
  'class="share-bar"',
  'id="comments"',
  'hidden',
  'style="display:none"',
  'itemprop="articleBody"',
  'datetime="2019-11-18T10:00:00Z"',
  'lang="en"',
  'class="cli-modal-body"',
  'rel="author"',
  'property="og:title" content="A &amp; B | Site"',
  'type="application/ld+json"',
]
const WORDS = [
  'Moscow',
  'said',
  'the',
  'ministry',
  'on',
  'Thursday,',
  'Read more',
  'Share',
  'Advertisement',
  '&amp;',
  '&#8211;',
  '&bogus;',
  '<',
  '>',
  '"',
  '’',
  'November 18, 2019',
  '2019-11-18',
  '{"@type":"NewsArticle","headline":"H"',
  '\u00a0',
  '\n',
  '\u202e',
  '\ud800',
  'Дамаск',
  '大马士革',
]

/** A page of random markup: unbalanced tags, odd attributes, entities, broken JSON-LD. */
export function randomPage(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
  const parts: string[] = []
  const n = 1 + Math.floor(next() * 200)
  for (let i = 0; i < n; i++) {
    const r = next()
    if (r < 0.3) parts.push(`<${pick(TAGS)}${next() < 0.5 ? ` ${pick(ATTRS)}` : ''}>`)
    else if (r < 0.5) parts.push(`</${pick(TAGS)}>`)
    else if (r < 0.52) parts.push(next() < 0.5 ? '<!--' : '<![CDATA[')
    else parts.push(Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick(WORDS)).join(' '))
  }
  return parts.join('')
}

/** A real-looking page cut, spliced and duplicated at random places. */
export function mutatePage(page: string, next: () => number): string {
  let out = page
  const edits = 1 + Math.floor(next() * 6)
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length)
    const len = Math.floor(next() * 200)
    const r = next()
    if (r < 0.3) out = out.slice(0, at) + out.slice(at + len)
    else if (r < 0.6) out = out.slice(0, at) + out.slice(Math.max(0, at - len), at) + out.slice(at)
    else if (r < 0.8) out = out.slice(0, at) + randomPage(next) + out.slice(at)
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0xffff)) + out.slice(at)
  }
  return out
}

/** A news page of the usual shape, the seed of the mutation cases. */
export const SEED_PAGE = `<!doctype html><html lang="en"><head><title>Syria counting on Russian support | News Site</title>
<meta property="og:site_name" content="News Site"><meta property="article:published_time" content="2025-07-31T10:00:00+03:00">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Syria counting on Russian support","author":{"name":"Jane Roe"}}</script></head>
<body><header><a href="/">News Site</a><nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>Syria counting on Russian support</h1><div class="byline">By Jane Roe</div><time datetime="2025-07-31">July 31, 2025</time>
<div class="article-body"><p>Damascus is eager to restore ties with Moscow, the foreign minister said on Thursday.</p>
<div class="share-bar"><a href="#">Share</a><a href="#">Tweet</a></div>
<p>Moscow has condemned the strikes on Damascus, calling them a violation of sovereignty, the ministry said.</p>
<p><strong>READ MORE:</strong> <a href="/x">Kremlin reveals details of Putin-Netanyahu call</a></p>
<p>Lavrov said Russia would continue to support the government in its efforts to restore unity.</p></div>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Another story about the region and its people</a></li></ul></aside></article></main>
<footer><p>Copyright 2025 News Site. All rights reserved.</p></footer></body></html>`

const stage = createExtractStage()

/**
 * Runs one input through the extract stage: a result or an UnusableInputError is fine;
 * anything thrown else, or a result whose spans fall outside its text, is returned as a failure.
 */
export function checkExtract(html: string): string | null {
  try {
    const doc = stage.run(createDoc({ html }, 'fuzz'), stageContext('2025-07-31'))
    const a = doc.layers.article
    if (!a) return 'no article layer'
    for (const p of a.paragraphs) if (p.start < 0 || p.end > a.text.length || p.start > p.end) return `span ${p.start}-${p.end} outside the text`
    if (a.published !== null && !/^\d{4}-\d{2}-\d{2}$/.test(a.published)) return `published "${a.published}" is not a day`
    return null
  } catch (e) {
    if (e instanceof UnusableInputError) return null
    return `threw ${(e as Error).stack ?? String(e)}`
  }
}

/** Case number i of a run: even numbers random markup, odd numbers a mutated news page. */
export function fuzzCase(seed: number, i: number): string {
  const next = random(seed * 1_000_003 + i)
  return i % 2 ? mutatePage(SEED_PAGE, next) : randomPage(next)
}
