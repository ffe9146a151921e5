import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDoc } from '../../core/doc.js'
import { UnusableInputError } from '../../core/pipeline.js'
import { stageContext } from '../context.js'
import { createExtractStage } from './index.js'

const ctx = stageContext('2025-07-31')
const extract = (input: Parameters<typeof createDoc>[0]) => createExtractStage().run(createDoc(input, 't'), ctx)

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

  const page = (body: string, head = '') => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`
  const P1 = 'Moscow has condemned the strikes on Damascus, calling them a violation of sovereignty, the ministry said.'
  const P2 = 'Lavrov said Russia would continue to support the government in its efforts to restore unity in the country.'
  const P3 = 'The foreign minister arrived in Moscow on Thursday for talks with his Russian counterpart on trade and security.'
  // [why, page, the body text expected]
  const BODY_CASES: [string, string, string][] = [
    [
      'a "READ MORE:" teaser paragraph and a related-stories aside inside the article',
      page(
        `<article><p>${P1}</p><p><strong>READ MORE:</strong> <a href="/x">Kremlin reveals details of Putin-Netanyahu call</a></p><p>${P2}</p>` +
          `<aside class="related"><ul><li><a href="/a">Another story about the region</a></li></ul></aside></article>`,
      ),
      `${P1}\n\n${P2}`,
    ],
    [
      'an article split over several containers (NYT "StoryBodyCompanionColumn")',
      page(
        `<nav><a href="/">Home</a> <a href="/w">World</a></nav><section><div class="c1"><div><p>${P1}</p></div></div><div class="c1"><div><p>${P2}</p></div></div></section>`,
      ),
      `${P1}\n\n${P2}`,
    ],
    [
      'a cookie dialog with more prose than a short article',
      page(
        `<div class="cli-modal-body"><p>This website uses cookies to improve your experience while you navigate through the website, and some of them are necessary.</p><p>Out of these, the cookies that are categorized as necessary are stored on your browser as they are essential.</p></div><article><p>${P1}</p><p>${P2}</p></article>`,
      ),
      `${P1}\n\n${P2}`,
    ],
    [
      'a footer with legal prose under a boilerplate wrapper',
      page(`<div class="article-inner-content"><p>${P3}</p></div><div class="footer-wrap"><div class="footer-bottom-text"><p>${P1} ${P2}</p></div></div>`),
      P3,
    ],
    [
      'UTF-8 read as Latin-1 by the site, undone in the body',
      page(`<p>${P1.replace('Moscow', 'Moscow\u00e2\u0080\u0099s foreign ministry')}</p><p>${P2}</p>`),
      `${P1.replace('Moscow', 'Moscow’s foreign ministry')}\n\n${P2}`,
    ],
    ['text in <div>s separated by <br><br>', page(`<div class="text">${P1}<br><br>${P2}</div>`), `${P1}\n\n${P2}`],
    ['no <body> at all', `<p>${P1}</p><p>${P2}</p>`, `${P1}\n\n${P2}`],
    [
      'hidden blocks and share bars',
      page(
        `<div class="entry-content"><p>${P1}</p><div style="display:none"><p>${P3}</p></div><div class="sharedaddy"><p>Share this: Facebook, Twitter, Email and more</p></div><p>${P2}</p></div>`,
      ),
      `${P1}\n\n${P2}`,
    ],
    [
      'notes after a rule at the end of the body ("___", then who helped with the report); a rule inside the body stays',
      page(
        `<article><p>${P1}</p><p>* * *</p><p>${P2}</p><p>${P3}</p><p>___</p><p>Marie Dupont et Jean Martin ont contribué à cet article depuis Paris.</p></article>`,
      ),
      `${P1}\n\n* * *\n\n${P2}\n\n${P3}`,
    ],
    [
      "a sign-off in italics under the body that points to the outlet's profiles on social networks",
      page(
        `<article><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P1}</p>` +
          `<p><em>Síguenos en </em><a href="https://www.instagram.com/desk">Instagram</a><em> y </em><a href="https://x.com/desk">X</a><em>.</em></p>` +
          `<p><i>Recibe cada mañana las noticias del día: </i><a href="/boletin"><i>suscríbete</i></a><i>.</i></p></article>`,
      ),
      `${P1}\n\n${P2}\n\n${P3}\n\n${P1}`,
    ],
    [
      'an italic closing line that links to one post, or to no network at all, is no sign-off',
      page(
        `<article><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P1}</p>` +
          `<p><i>Die Ministerin hatte den Besuch am Vorabend </i><a href="https://twitter.com/ministerin/status/1234567890">angekündigt</a><i>.</i></p>` +
          `<p><i>Zuerst erschienen in der Wochenausgabe.</i></p></article>`,
      ),
      `${P1}\n\n${P2}\n\n${P3}\n\n${P1}\n\nDie Ministerin hatte den Besuch am Vorabend angekündigt.\n\nZuerst erschienen in der Wochenausgabe.`,
    ],
    [
      "a profile of the company under a drawn rule, in a box of its own after the body; a rule between the body's own paragraphs stays",
      page(
        `<div class="main"><div class="text"><p>${P1}</p><hr><p>${P2}</p><p>${P3}</p><p>${P1}</p></div>` +
          `<div class="text"><div><hr><p style="font-size:12px">Die Firma entwickelt Software für Spitäler und Lagerhäuser, beschäftigt rund 900 Menschen in elf Ländern und ist an der Börse kotiert.</p></div></div></div>`,
      ),
      `${P1}\n\n${P2}\n\n${P3}\n\n${P1}`,
    ],
    [
      'an article over two boxes that clip their overflow ("overflow-hidden"); a block classed "hidden" stays out',
      page(
        `<section><div class="card overflow-hidden"><div><p>${P1}</p><p>${P3}</p></div></div>` +
          `<div class="card vds-overflow_hidden"><div><p>${P2}</p></div></div><div class="note hidden"><p>${P3}</p></div></section>`,
      ),
      `${P1}\n\n${P3}\n\n${P2}`,
    ],
    [
      'a page builder that puts every paragraph in its own "elementor-widget-container", beside a sidebar of widgets',
      page(
        `<div class="elementor-section"><div class="elementor-widget-wrap">` +
          `<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>${P1}</p></div></div>` +
          `<div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h2>Reacciones</h2></div></div>` +
          `<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>${P2}</p></div></div>` +
          `</div></div><div class="widget widget_recent_entries"><p>Las noticias más leídas de la semana en nuestra portada de hoy.</p></div>`,
      ),
      `${P1}\n\nReacciones\n\n${P2}`,
    ],
    [
      'a streamed page (React): the article arrives in \'<div hidden id="S:0">\' that a script shows; other hidden blocks stay out',
      page(
        `<header><a href="/">Start</a></header><main><template id="B:0"></template><p>Laden …</p></main>` +
          `<div hidden id="cookie-note"><p>${P3}</p></div>` +
          `<div hidden id="S:0"><article><h1>Gespräche in Moskau</h1><p>${P1}</p><p>${P2}</p></article></div><script>$RC("B:0","S:0")</script>`,
      ),
      `${P1}\n\n${P2}`,
    ],
    [
      'an article whose sections are titled by links to their own anchors on the page: no row of story cards',
      page(
        `<article><p>${P1}</p>` +
          `<section class="part"><h2><a href="#talks">The talks</a></h2><p>${P2}</p></section>` +
          `<section class="part"><h2><a href="#trade">Trade and security</a></h2><p>${P3}</p></section>` +
          `<section class="part"><h2><a href="#next">What comes next</a></h2><p>Both sides agreed to meet again before the end of the year to review progress.</p></section></article>`,
      ),
      `${P1}\n\nThe talks\n\n${P2}\n\nTrade and security\n\n${P3}\n\nWhat comes next\n\nBoth sides agreed to meet again before the end of the year to review progress.`,
    ],
    [
      'three boxes alike after the article, each titled by a link to another page: story cards, dropped',
      page(
        `<article><p>${P1}</p><p>${P2}</p>` +
          `<div class="more"><h3><a href="/world/harbour-reopens">Harbour reopens after the storm</a></h3><p>Ships returned on Monday.</p></div>` +
          `<div class="more"><h3><a href="/world/grain-prices">Grain prices rise again</a></h3><p>Traders expect more.</p></div>` +
          `<div class="more"><h3><a href="/world/new-bridge">A new bridge for the capital</a></h3><p>Work starts in spring.</p></div></article>`,
      ),
      `${P1}\n\n${P2}`,
    ],
  ]
  for (const [why, html, text] of BODY_CASES) it(`body: ${why}`, () => assert.equal(extract({ html }).layers.article?.text, text))

  // [why, page, field, expected]
  const META_CASES: [string, string, 'title' | 'published' | 'byline', string | null][] = [
    [
      'the site name after a pipe',
      page(`<p>${P1}</p>`, '<title>Syria counting on Russian support | RT World News</title>'),
      'title',
      'Syria counting on Russian support',
    ],
    [
      'the site name declared by og:site_name, entities in JSON-LD',
      page(
        `<p>${P1}</p>`,
        '<meta property="og:site_name" content="News Site"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Trade &#8211; and security"}</script>',
      ),
      'title',
      'Trade – and security',
    ],
    [
      'the <h1> the declared title contains',
      page(`<h1>Syria counting on Russian support</h1><p>${P1}</p>`, '<title>Syria counting on Russian support – FM - News</title>'),
      'title',
      'Syria counting on Russian support',
    ],
    [
      'a dateline under the headline',
      page(`<h1>Syria counting on Russian support</h1><div class="meta">Last updated: Dec 12, 2025</div><p>${P1}</p>`),
      'published',
      '2025-12-12',
    ],
    [
      'the local day of a timestamp, not the UTC one',
      page(`<p>${P1}</p>`, '<meta property="article:published_time" content="2019-11-18T23:30:00-05:00">'),
      'published',
      '2019-11-18',
    ],
    ['a day in the address', page(`<p>${P1}</p>`, '<link rel="canonical" href="https://example.com/2019/11/18/story/">'), 'published', '2019-11-18'],
    ['a day-first dateline', page(`<h1>Title of the story here</h1><p>18.11.2019</p><p>${P1}</p>`), 'published', '2019-11-18'],
    [
      'authors from JSON-LD',
      page(`<p>${P1}</p>`, '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Jane Roe"},{"name":"John Doe"}]}</script>'),
      'byline',
      'Jane Roe, John Doe',
    ],
    ['a byline element without "By"', page(`<div class="byline">By Jane Roe</div><p>${P1}</p>`), 'byline', 'Jane Roe'],
    ['no date anywhere', page(`<p>${P1}</p>`), 'published', null],
    [
      'not the site logo <h1> that links home',
      page(
        `<header><h1 class="site-title"><a href="https://travel.example.com/">Budget Travel Notes</a></h1></header><h1>Guide to travel insurance for students</h1><p>${P1}</p>`,
        '<title>Guide to travel insurance for students - Budget Travel Notes</title>',
      ),
      'title',
      'Guide to travel insurance for students',
    ],
    [
      'a section label after a pipe in the <h1>',
      page(`<h1>How meditation rewires brains and improves health | Opinion</h1><p>${P1}</p>`),
      'title',
      'How meditation rewires brains and improves health',
    ],
    [
      'a date printed inside the <h1>',
      page(
        `<h1>Dec 18 2025 Preparing a transition in the archive</h1><p>${P1}</p>`,
        '<meta property="og:title" content="Preparing a transition in the archive">',
      ),
      'title',
      'Preparing a transition in the archive',
    ],
    [
      'the quote style most sources use',
      page(
        `<h1>Why hasn’t tutoring been more effective?</h1><p>${P1}</p>`,
        `<title>Why hasn't tutoring been more effective?</title><meta property="og:title" content="Why hasn't tutoring been more effective?"><meta name="twitter:title" content="Why hasn't tutoring been more effective?">`,
      ),
      'title',
      "Why hasn't tutoring been more effective?",
    ],
    [
      'the page’s own curly quotes when no source writes them plain',
      page(`<h1>Here’s how to keep healthy phone habits</h1><p>${P1}</p>`, '<title>Here’s how to keep healthy phone habits | Campus News</title>'),
      'title',
      'Here’s how to keep healthy phone habits',
    ],
    [
      'a declared title the page prints as a heading of its own over a label <h1>',
      page(
        `<h1>Toddler Sleep Training</h1><h2>How to get toddlers to sleep in their own bed</h2><p>${P1}</p>`,
        '<title>How to get toddlers to sleep in their own bed | Baby Care</title>',
      ),
      'title',
      'How to get toddlers to sleep in their own bed',
    ],
    [
      'the <h1> over a declared title that only the breadcrumb prints',
      page(
        `<ul class="breadcrumb"><li><a href="/">Home</a></li><li>Easy car maintenance checklist</li></ul><h1>A car maintenance schedule that is easy to follow</h1><p>${P1}</p>`,
        '<title>Easy car maintenance checklist | Mutual Insurance</title>',
      ),
      'title',
      'A car maintenance schedule that is easy to follow',
    ],
    [
      'the way most sources write a dash: two hyphens in three declared titles, an em dash in the <h1>',
      page(
        `<h1>Ministers agree on trade&mdash;refugees wait for a deal</h1><p>${P1}</p>`,
        '<title>Ministers agree on trade--refugees wait for a deal | Courier</title><meta property="og:title" content="Ministers agree on trade--refugees wait for a deal"><meta name="twitter:title" content="Ministers agree on trade--refugees wait for a deal">',
      ),
      'title',
      'Ministers agree on trade--refugees wait for a deal',
    ],
    [
      'question marks the site printed for characters it could not write, spelled out by the declared title',
      page(
        `<h1>What Are The Basics Of Trade Policy? Beginner? Guide</h1><p>${P1}</p>`,
        '<title>What Are The Basics Of Trade Policy: Beginner&#x27;s Guide</title>',
      ),
      'title',
      "What Are The Basics Of Trade Policy: Beginner's Guide",
    ],
    [
      'a question mark that ends a clause of the <h1> is kept',
      page(`<h1>Who pays for the reconstruction? The donors meet in Geneva</h1><p>${P1}</p>`, '<title>Reconstruction: donors meet in Geneva | Courier</title>'),
      'title',
      'Who pays for the reconstruction? The donors meet in Geneva',
    ],
    [
      'a banner <h1> that shares few words with a longer declared title',
      page(
        `<h1>Homeowners insurance tips</h1><p>${P1}</p>`,
        '<title>Finding the Right Home Insurance Policy – Mutual Insurance</title><meta property="og:title" content="Finding the Right Home Insurance Policy – Mutual Insurance"><meta property="og:site_name" content="Mutual Insurance">',
      ),
      'title',
      'Finding the Right Home Insurance Policy',
    ],
    [
      'an <h1> longer than a declared title it shares few words with stays the headline',
      page(`<h1>Ministers from six countries meet in Geneva</h1><p>${P1}</p>`, '<title>Trade talks | Courier</title>'),
      'title',
      'Ministers from six countries meet in Geneva',
    ],
    [
      'the title keeps the quotation marks the page prints, whatever the body types',
      page(`<h1>Here’s what the ‘Geneva formula’ means</h1><p>${P1} The minister's aides said talks went on.</p>`),
      'title',
      'Here’s what the ‘Geneva formula’ means',
    ],
    [
      'a news headline over a site-wide <title> declared once stays the headline',
      page(`<h1>Ceasefire holds in Gaza for a second day</h1><p>${P1}</p>`, '<title>Breaking News, World News and Video from Al Jazeera</title>'),
      'title',
      'Ceasefire holds in Gaza for a second day',
    ],
    [
      'one question mark ending a clause is a question, not a masked character',
      page(
        `<h1>Who pays for the reconstruction? The donors meet in Geneva</h1><p>${P1}</p>`,
        '<title>Who pays for the reconstruction - The donors meet in Geneva | Courier</title>',
      ),
      'title',
      'Who pays for the reconstruction? The donors meet in Geneva',
    ],
    [
      'the declared publication day over a printed "Updated" day',
      page(
        `<h1>Title of the story here</h1><div class="meta">Last Updated: August 5, 2025</div><p>${P1}</p>`,
        '<meta property="article:published_time" content="2024-03-17T08:00:00Z">',
      ),
      'published',
      '2024-03-17',
    ],
    [
      'a printed day before an "Updated" label stays the publication day',
      page(
        `<h1>Title of the story here</h1><div class="meta">July 4, 2025 Updated on February 9, 2026</div><p>${P1}</p>`,
        '<meta property="article:published_time" content="2025-07-05T08:00:00Z">',
      ),
      'published',
      '2025-07-04',
    ],
    [
      'a byline date far below the headline when nothing else dates the page',
      page(`<h1>Title of the story here</h1>${'<p>Short line of the menu.</p>'.repeat(30)}<p>Posted on the 15/12/2025 at 19:00 by @someone</p><p>${P1}</p>`),
      'published',
      '2025-12-15',
    ],
    [
      'the site named by its host at the end of the title',
      page(
        `<p>${P1}</p>`,
        '<title>Ministers discuss trade and refugees | DailyCourier.com</title><meta property="og:site_name" content="Courier Group"><link rel="canonical" href="https://news.dailycourier.com/world/1234">',
      ),
      'title',
      'Ministers discuss trade and refugees',
    ],
    [
      'the site named by its host, spelt with spaces, before the headline',
      page(
        `<p>${P1}</p>`,
        '<title>Daily Courier | DailyCourier.com - Ministers discuss trade and refugees</title><link rel="canonical" href="https://dailycourier.com/world/1234">',
      ),
      'title',
      'Ministers discuss trade and refugees',
    ],
    [
      'the host written before the headline without a separator, and an <h1> that is only the host',
      page(
        `<h1>dailycourier.net</h1><p>${P1}</p>`,
        '<title>dailycourier.net Ministers discuss trade</title><link rel="canonical" href="https://dailycourier.net/2025/trade.html">',
      ),
      'title',
      'Ministers discuss trade',
    ],
    [
      'a JSON-LD headline cut at 110 characters, completed by the other declared titles',
      page(
        `<p>${P1}</p>`,
        '<script type="application/ld+json">{"@type":"Article","headline":"Ministers from six countries meet in Geneva to discuss trade, refugees and the reconstruction of the region (Including"}</script>' +
          '<meta property="og:title" content="Ministers from six countries meet in Geneva to discuss trade, refugees and the reconstruction of the region (Including Syria) - Courier">' +
          '<meta property="og:site_name" content="Courier">',
      ),
      'title',
      'Ministers from six countries meet in Geneva to discuss trade, refugees and the reconstruction of the region (Including Syria)',
    ],
    [
      'UTF-8 read as Latin-1 by the site, in the <title> and the <h1>',
      page(`<h1>The ministerâs visit to Moscow, day by day</h1><p>${P1}</p>`, '<title>The ministerâs visit to Moscow | Courier</title>'),
      'title',
      'The minister’s visit to Moscow, day by day',
    ],
    [
      'the <h1> printed twice (narrow and wide screens) and an unrendered template <h1>',
      page(
        `<h1>Ministers discuss trade in Geneva</h1><h1>Ministers discuss trade in Geneva</h1><h1>{{ $t("cart.title") }}</h1><p>${P1}</p>`,
        '<title>Why ministers met in Geneva | Courier</title>',
      ),
      'title',
      'Ministers discuss trade in Geneva',
    ],
    [
      'the <h1> a declared title holds with another dash',
      page(
        `<h1>Sanctions explained – a guide for exporters</h1><h1>Sign up</h1><p>${P1}</p>`,
        '<meta property="og:title" content="Sanctions explained - a guide for exporters">',
      ),
      'title',
      'Sanctions explained – a guide for exporters',
    ],
    [
      'the one <h1> of several that shares words with the declared title',
      page(
        `<h1>Choose your region</h1><h1>What the new sanctions mean for exporters</h1><p>${P1}</p>`,
        '<title>New sanctions: a guide for exporters | Courier</title>',
      ),
      'title',
      'What the new sanctions mean for exporters',
    ],
    [
      'a section label before the declared title in the <h1>',
      page(`<h1>Blog: Ministers discuss trade and refugees</h1><p>${P1}</p>`, '<title>Ministers discuss trade and refugees | Courier</title>'),
      'title',
      'Ministers discuss trade and refugees',
    ],
    // negative cases: what must not become the title or the date
    [
      'no date from a teaser far below the headline',
      page(`<h1>Title of the story here</h1>${'<p>Short line of the menu.</p>'.repeat(30)}<p>${P1}</p><aside class="sidebar"><p>August 5, 2025</p></aside>`),
      'published',
      null,
    ],
    [
      'no logo <h1> as the title even when it is the only one',
      page(`<h1><a href="/">Daily Courier</a></h1><p>${P1}</p>`, '<title>Ministers discuss trade and refugees - Daily Courier</title>'),
      'title',
      'Ministers discuss trade and refugees',
    ],
  ]
  for (const [why, html, field, value] of META_CASES) it(`metadata: ${why}`, () => assert.equal(extract({ html }).layers.article?.[field], value))

  it('reads an <h1> full of question marks against a near-miss title without a backtracking search', { timeout: 10_000 }, () => {
    const h1 = `${'a?'.repeat(40)}a`
    const declared = `${'a'.repeat(130)}b`
    const html = page(`<h1>${h1}</h1><p>${P1}</p>`, `<title>${declared}</title><meta property="og:title" content="${declared}">`)
    // the marks spell out no declared title (it ends in "b"): whichever wins, it wins at once
    assert.ok([h1, declared].includes(extract({ html }).layers.article?.title ?? ''))
  })

  it('survives a page nested 100,000 elements deep', () => {
    const html = `${'<div>'.repeat(100_000)}<p>Deep text that is long enough to count as a paragraph.</p>${'</div>'.repeat(100_000)}`
    assert.equal(extract({ html }).layers.article?.text, 'Deep text that is long enough to count as a paragraph.')
  })

  it('reads a 20 MB page when the limit allows it, and refuses it with a clear error by default', () => {
    const html = page(`<article>${`<p>${P1}</p><div class="share"><a href="/s">Share</a></div>`.repeat(150_000)}</article>`)
    assert.ok(html.length > 20_000_000)
    const doc = createExtractStage({ maxChars: 30_000_000 }).run(createDoc({ html }, 't'), ctx)
    assert.ok(doc.text.startsWith(P1))
    assert.throws(() => extract({ html }), /limit/)
  })

  it('gives a framesest page no body and a message, not a crash', () => {
    const doc = extract({ html: '<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>' })
    assert.equal(doc.text, '')
    assert.ok(doc.messages.some((m) => m.ruleId === 'no-body'))
  })

  it('rejects binary garbage with a clear error', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))
    assert.throws(() => extract({ html: garbage }), UnusableInputError)
  })
})
