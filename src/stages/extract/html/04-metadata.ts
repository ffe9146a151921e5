import { type Element, isText } from 'domhandler'
import { decodeHTML } from 'entities'
import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'
import { undoMojibake } from '../decode.js'
import { type Block, parentOf, textOf, type WalkedPage } from './01-walk.js'

/** Title, byline, date, language and address of a page. */
export interface PageMeta {
  readonly title: string | null
  readonly byline: string | null
  readonly published: string | null
  readonly lang: string | null
  readonly url: string | null
}

const squeeze = (s: string): string => s.replace(/\s+/g, ' ').trim()
// JSON-LD and some meta tags carry entities twice escaped: "Eliminating &#8211; the guide"
// "Investorâ\u0080\u0099s": UTF-8 read as Latin-1 by the site's own software
const decode = (s: string): string => undoMojibake(squeeze(s.includes('&') ? decodeHTML(s) : s))

interface LdFields {
  headline?: string
  datePublished?: string
  dateModified?: string
  authors: string[]
}

const ARTICLE_TYPES = /article|posting|report|blog|news/i

/** Headline, date and authors from the page's JSON-LD (NewsArticle and friends), articles first. */
function jsonLd(elements: readonly Element[]): LdFields {
  const articles: Record<string, unknown>[] = []
  const others: Record<string, unknown>[] = []
  for (const el of elements) {
    if (el.name !== 'script' || !/ld\+json/i.test(el.attribs.type ?? '')) continue
    let data: unknown
    try {
      data = JSON.parse(el.children.map((c) => (isText(c) ? c.data : '')).join(''))
    } catch {
      continue
    }
    const stack: unknown[] = [data]
    for (let guard = 0; stack.length && guard < 10_000; guard++) {
      const item = stack.pop()
      if (Array.isArray(item)) {
        for (const x of item) stack.push(x) // not push(...item): a JSON-LD array of 200k items overflows the stack
        continue
      }
      if (!item || typeof item !== 'object') continue
      const o = item as Record<string, unknown>
      if (Array.isArray(o['@graph'])) for (const x of o['@graph'] as unknown[]) stack.push(x)
      if (o.mainEntity && typeof o.mainEntity === 'object') stack.push(o.mainEntity)
      const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ')
      ;(ARTICLE_TYPES.test(type) ? articles : others).push(o)
    }
  }
  const out: LdFields = { authors: [] }
  for (const o of [...articles, ...others]) {
    if (typeof o.headline === 'string' && o.headline.trim()) out.headline ??= decode(o.headline)
    if (typeof o.dateModified === 'string') out.dateModified ??= o.dateModified
    if (typeof o.datePublished === 'string') out.datePublished ??= o.datePublished
    else if (typeof o.dateCreated === 'string' && articles.includes(o)) out.datePublished ??= o.dateCreated
    if (!out.authors.length && articles.includes(o)) {
      for (const a of ([] as unknown[]).concat(o.author ?? o.creator ?? [])) {
        const name = typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : null
        if (typeof name === 'string' && name.trim() && !/^https?:/.test(name)) out.authors.push(decode(name))
      }
    }
  }
  return out
}

const months = lazy(() => {
  const map = new Map<string, number>()
  for (const e of loadLexicon<EntryFile<{ names: string[]; month: number }>>('extract/months.json').entries) for (const n of e.names) map.set(n, e.month)
  return map
})

const pad = (n: number): string => String(n).padStart(2, '0')
const validDay = (y: number, m: number, d: number): string | null =>
  y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${pad(m)}-${pad(d)}` : null

const ISO_DATE = /(?<y>(?:19|20)\d{2})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})/
const COMPACT_DATE = /^(?<y>(?:19|20)\d{2})(?<m>\d{2})(?<d>\d{2})/
const MONTH_FIRST = /(?<mon>\p{L}{3,10})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})/u
const DAY_FIRST = /(?<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?<mon>\p{L}{3,10})\.?,?\s+(?:de\s+)?(?<y>(?:19|20)\d{2})/u
const NUMERIC_DATE = /\b(?<a>\d{1,2})[./](?<b>\d{1,2})[./](?<y>(?:19|20)\d{2})\b/

/**
 * A calendar day from a date string as pages write it: "2019-11-18T23:00:00-05:00" keeps
 * its own day (not the UTC one), "November 18, 2019", "18 Nov 2019", "18.11.2019".
 */
export function parseDay(value: string | null | undefined): string | null {
  if (!value) return null
  const s = value.trim()
  let m = ISO_DATE.exec(s) ?? COMPACT_DATE.exec(s)
  if (m?.groups) return validDay(Number(m.groups.y), Number(m.groups.m), Number(m.groups.d))
  for (const re of [MONTH_FIRST, DAY_FIRST]) {
    m = re.exec(s)
    const month = m?.groups ? months().get(m.groups.mon?.toLowerCase() ?? '') : undefined
    if (m?.groups && month) return validDay(Number(m.groups.y), month, Number(m.groups.d))
  }
  m = NUMERIC_DATE.exec(s)
  if (!m?.groups) return null
  // "18.11.2019" is day first; "11/18/2019" and an ambiguous "05/06/2019" are read the US way
  const [a, b] = [Number(m.groups.a), Number(m.groups.b)]
  return a > 12 || m[0].includes('.') ? validDay(Number(m.groups.y), b, a) : validDay(Number(m.groups.y), a, b)
}

/** "https://site/2019/11/18/slug", "/20191118/", "/2019-11-18-slug": the day in an address. */
export function dateInUrl(url: string | null): string | null {
  if (!url) return null
  const m =
    /[/_-](?<y>(?:19|20)\d{2})[/_-](?<m>[01]?\d)[/_-](?<d>[0-3]?\d)(?:[/_.-]|$)/.exec(url) ??
    /\/(?<y>(?:19|20)\d{2})(?<m>[01]\d)(?<d>[0-3]\d)(?:[/_.-]|$)/.exec(url)
  return m?.groups ? validDay(Number(m.groups.y), Number(m.groups.m), Number(m.groups.d)) : null
}

// Meta names that carry the publication date, most trusted first.
const DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'datepublished',
  'publishdate',
  'publish-date',
  'pubdate',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'article.published',
  'og:published_time',
  'published_time',
  'cxenseparse:recs:publishtime',
  'cludo:date',
]
const AUTHOR_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl', 'twitter:creator']
const BYLINE_CLASS = /(?:^|[\s_-])(?:by-?line|author(?:-?name)?|byline__name|writer|contributor)(?:$|[\s_-])/i
const BY_PREFIX = /^(?:by|von|par|por|di|door|av)\s+/i
// "Jane Roe", "Jane Roe and John Doe": short, no sentence punctuation
const looksLikeName = (s: string): boolean => s.length >= 3 && s.length <= 80 && !/https?:|www\.|[|@{}<>]|\d{3}/.test(s) && /\p{Lu}/u.test(s)

/** Reads the page's metadata from JSON-LD, meta tags, <time>, bylines and the address. */
export function readMetadata(page: WalkedPage, givenUrl: string | null): PageMeta {
  const { elements } = page
  const meta = new Map<string, string>()
  let titleTag: string | null = null
  let canonical: string | null = null
  let lang: string | null = null
  const h1s: Element[] = []
  const times: Element[] = []
  const bylineEls: Element[] = []
  for (const el of elements) {
    const a = el.attribs
    switch (el.name) {
      case 'meta': {
        const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase()
        if (key && a.content?.trim() && !meta.has(key)) meta.set(key, decode(a.content))
        break
      }
      case 'title':
        titleTag ??= undoMojibake(textOf(el))
        break
      case 'link':
        if (a.rel === 'canonical' && a.href) canonical ??= a.href
        break
      case 'html':
        lang ??= a.lang ?? a['xml:lang'] ?? null
        break
      case 'h1':
        h1s.push(el)
        break
      case 'time':
        times.push(el)
        break
    }
    if (a.itemprop === 'datePublished' && !a.content) times.push(el)
    if (a.rel === 'author' || a.itemprop === 'author' || BYLINE_CLASS.test(`${a.class ?? ''} ${a.id ?? ''}`)) bylineEls.push(el)
  }
  const ld = jsonLd(elements)
  const url = givenUrl ?? canonical ?? meta.get('og:url') ?? null
  return {
    title: pickTitle(
      ld.headline ?? null,
      meta,
      headlineElements(h1s, url),
      titleTag,
      page.blocks,
      siteNames(meta.get('og:site_name') ?? meta.get('application-name'), url),
    ),
    byline: pickByline(ld.authors, meta, bylineEls),
    published: pickDate(page, ld, meta, times, url),
    lang: (lang ?? meta.get('content-language') ?? meta.get('og:locale') ?? meta.get('language') ?? '').slice(0, 2).toLowerCase() || null,
    url,
  }
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
// " | Site", " - Site", " — Site", " :: Site", " « Site"
const TITLE_SEPARATOR = /\s+[|–—·•»«:~-]{1,2}\s+|\s*\|\s*/
// Letters and digits only: "SoundStage! Xperience" and "soundstagexperience.com" meet as "soundstagexperience".
const compact = (s: string): string => fold(s).replace(/[^\p{L}\p{N}]/gu, '')

/** What names the site in its titles: the name it declares and its host name. */
export interface SiteNames {
  /** og:site_name or application-name, folded. */
  readonly name: string | null
  /** The registrable host without dots ("neweggcom") and its first label ("newegg"). */
  readonly host: string | null
  readonly label: string | null
  /** The host as written in a title: "davidbau.com". */
  readonly domain: string | null
}

// "bbc.co.uk", "abc.net.au": a short second-level label under a two-letter country code
const SECOND_LEVEL = /^(?:co|com|net|org|gov|ac|edu)$/

/** The site's names from its declared name and the page's address. */
export function siteNames(declared: string | undefined, url: string | null): SiteNames {
  let domain: string | null = null
  try {
    const labels = new URL(url ?? '').hostname.toLowerCase().split('.').filter(Boolean)
    const keep = labels.length >= 3 && (labels.at(-1)?.length ?? 0) === 2 && SECOND_LEVEL.test(labels.at(-2) ?? '') ? 3 : 2
    if (labels.length >= 2) domain = labels.slice(-keep).join('.')
  } catch {
    // no address, or not one URL can read: the declared name alone
  }
  return {
    name: declared ? fold(declared) : null,
    host: domain ? compact(domain) : null,
    label: domain ? compact(domain.split('.')[0] ?? '') : null,
    domain,
  }
}

/** Whether a part of a title names the site: "Move.org", "SoundStage! Xperience", "Wine Folly", "Koia – Drink Koia Online". */
function namesSite(part: string, site: SiteNames): boolean {
  const key = fold(part)
  return !!key && (isSiteName(part, site) || (!!site.name && (hasWords(site.name, key) || hasWords(key, site.name))))
}

/** Whether `words` stand in `text` as whole words: "AP" is in "What to know | AP", not in "Japan". */
function hasWords(text: string, words: string): boolean {
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const before = text[at - 1]
    const after = text[at + words.length]
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true
  }
  return false
}

/** Whether a whole text is the site's name: "<h1>davidbau.com</h1>", "<h1>The Southerner</h1>". */
function isSiteName(text: string, site: SiteNames): boolean {
  const c = compact(text)
  return (!!site.name && fold(text) === site.name) || (c.length >= 3 && (c === site.host || c === site.label))
}

/**
 * The <h1>s that can be the headline: an <h1> that links to the site's home page is the
 * site's logo, "<h1 class="site-title"><a href="https://budgettravelwithgabby.com/">Budget Travel With Gabby</a></h1>".
 */
function headlineElements(h1s: readonly Element[], url: string | null): Element[] {
  return h1s.filter((h) => !linksHome(h, url))
}

function linksHome(h1: Element, url: string | null): boolean {
  let href: string | undefined
  for (let up: Element | null = h1, n = 0; up && n < 4 && href === undefined; up = parentOf(up), n++) if (up.name === 'a') href = up.attribs.href
  if (href === undefined) {
    const stack: Element[] = [h1]
    for (let guard = 0; stack.length && guard < 200 && href === undefined; guard++) {
      const el = stack.pop() as Element
      if (el.name === 'a') href = el.attribs.href
      else for (const c of el.children) if (c.type === 'tag') stack.push(c as Element)
    }
  }
  if (href === undefined) return false
  // a headline links to its own article, never to the root of a site (its own or the parent's: ml.gatech.edu -> www.gatech.edu)
  try {
    const target = new URL(href.trim() || '/', url && /^https?:/i.test(url) ? url : 'http://page.invalid/')
    return (target.pathname === '/' || target.pathname === '') && !target.hash && !target.search
  } catch {
    return false
  }
}

// Words and symbols of a title, without case or punctuation: "Toddler Sleep Training!" and "toddler sleep training" are one title.
const wordKey = (s: string): string => (fold(s).match(/[\p{L}\p{N}\p{S}]+/gu) ?? []).join(' ')
// A title with its quotation marks and dashes made plain: "Doesn’t" and "Doesn't" are one spelling,
// and so are "Problems—Simple Cells" and the typewriter's "Problems--Simple Cells".
const quoteKey = (s: string): string =>
  fold(s)
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/\s*(?:—|--)\s*/g, '—')
// Whether one title holds the other's words in a row: "How to replace brake pads – From a mechanic" holds "How to replace brake pads - From a mechanic".
const holds = (whole: string, part: string): boolean => ` ${wordKey(whole)} `.includes(` ${wordKey(part)} `)
// A template left unrendered in an <h1>: "{{ $localize("payment.title") }}"
const TEMPLATE = /\{\{|\}\}|\$\{/

/**
 * The headline: the page's own <h1> where the other sources agree with it, else JSON-LD,
 * Open Graph or <title> without the site name; then the way most sources write it.
 */
function pickTitle(
  ldHeadline: string | null,
  meta: Map<string, string>,
  h1s: Element[],
  titleTag: string | null,
  blocks: readonly Block[],
  site: SiteNames,
): string | null {
  const declared = [ldHeadline, meta.get('og:title'), meta.get('twitter:title'), titleTag].filter((t): t is string => !!t)
  const stripped = uncut(declared.map((d) => stripSiteName(d, site)))
  const h1Texts = headlineTexts(h1s, stripped, site)
  const chosen = chooseHeadline(h1Texts, declared, stripped, blocks)
  if (!chosen) return null
  // "Why Hasn’t Tutoring Been More Effective?" in the <h1>, "Why Hasn't ..." in og:title, twitter:title and <title>
  const key = quoteKey(chosen)
  const forms = new Map<string, number>()
  const vote = (form: string, weight: number): void => {
    if (quoteKey(form) === key) forms.set(form, (forms.get(form) ?? 0) + weight)
  }
  for (const d of stripped) vote(d, 1)
  // the printed headline counts for more than one declared copy: og:title and twitter:title are often one field
  for (const h of h1Texts) vote(h, H1_WEIGHT)
  let best = chosen
  let most = forms.get(chosen) ?? 0
  for (const [form, n] of forms) if (n > most) [best, most] = [form, n]
  return best
}
const H1_WEIGHT = 1.5

/**
 * The texts of the <h1>s that can be the headline, each once: not the site's name
 * ("<h1>davidbau.com</h1>"), not an unrendered template, not a repeat of an earlier one
 * (a page that prints its headline twice, for narrow and wide screens, has one headline).
 */
function headlineTexts(h1s: readonly Element[], stripped: string[], site: SiteNames): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const h of h1s.slice(0, 5)) {
    const text = unmasked(withoutDateline(stripSiteName(undoMojibake(textOf(h, 500)), site), stripped), stripped)
    const key = wordKey(text)
    if (!key || seen.has(key) || TEMPLATE.test(text) || isSiteName(text, site)) continue
    seen.add(key)
    out.push(text)
  }
  return out
}

/**
 * The declared title an <h1> stands for when the site's software printed question marks for
 * characters it could not write: "Event Planning? Beginner? Guide" is "Event Planning: Beginner's Guide".
 * Masking shows as marks inside a word ("Beginner?s") or as two runs of marks or more; one mark
 * ending a clause ("Is Assad gone? Not yet") is a question.
 */
function unmasked(h1: string, stripped: string[]): string {
  const runs = h1.match(/[?\ufffd]+/gu)?.length ?? 0
  if (runs === 0 || (runs < 2 && !/\p{L}[?\ufffd]+\p{L}/u.test(h1))) return h1
  const parts = h1.toLowerCase().split(/[?\ufffd]+/u)
  return stripped.find((d) => spellsOut(parts, d.toLowerCase())) ?? h1
}

/**
 * Whether `text` is the parts in order with one to three characters (none a mark) in place of
 * each run of marks between them. Linear in the text per part: the positions reachable after
 * each part are tracked, never a backtracking search.
 */
function spellsOut(parts: readonly string[], text: string): boolean {
  const first = parts[0] ?? ''
  if (!text.startsWith(first)) return false
  let reach = new Set([first.length])
  for (const part of parts.slice(1)) {
    const next = new Set<number>()
    for (const at of reach)
      for (let gap = 1; gap <= 3 && at + gap <= text.length; gap++) {
        if (/[?\ufffd]/u.test(text[at + gap - 1] as string)) break
        if (text.startsWith(part, at + gap)) next.add(at + gap + part.length)
      }
    if (!next.size) return false
    reach = next
  }
  return reach.has(text.length)
}

/**
 * Declared titles with the cut ones replaced by the whole: JSON-LD headlines are often cut at
 * 110 characters, "... We Help 4 Readers Find Solutions (Including", and twitter:title at an ellipsis.
 */
function uncut(stripped: string[]): string[] {
  return stripped.map((d) => {
    if (!looksCut(d)) return d
    const base = wordKey(d)
    return stripped.find((e) => e.length > d.length && wordKey(e).startsWith(`${base} `)) ?? d
  })
}
const looksCut = (s: string): boolean => /(?:…|\.\.\.)$/.test(s) || s.length >= CUT_LENGTH || (s.match(/[([]/g)?.length ?? 0) > (s.match(/[)\]]/g)?.length ?? 0)
// Headlines of JSON-LD and of sharing cards are cut near 100–110 characters.
const CUT_LENGTH = 100

function chooseHeadline(h1Texts: string[], declared: string[], stripped: string[], blocks: readonly Block[]): string | null {
  // the <h1> that the declared titles contain is the headline as printed
  for (const h of h1Texts) if (h.length >= 10 && declared.some((d) => holds(d, h))) return h
  const lone = h1Texts.length === 1 ? h1Texts[0] : onlyRelated(h1Texts, stripped)
  const first = stripped[0]
  if (lone && lone.length >= 10 && lone.length <= 250) {
    // a declared title the page prints as a block of its own as often as the <h1> is the one the page
    // agrees on: <h1>Toddler Sleep Training</h1> ... <h2>How To Get Toddlers To Sleep In Their Own Bed</h2>
    const printed = printedTitle(lone, stripped, blocks)
    return printed ?? bannerOver(lone, stripped) ?? lone
  }
  if (!first) return h1Texts.find((h) => h.length > 0) ?? null
  return first
}

/**
 * The declared title an <h1> stands over as a banner: an <h1> that has under a quarter of the words
 * of the pair in common with every declared title, and is shorter than a title two sources or
 * more declare, names a section or sells something ("<h1>Pricing for Electrical Services</h1>" under "Electricians Pricing Guide near
 * Atlanta, GA", "<h1>Homeowners insurance tips</h1>" under "Finding the Right Home Insurance Policy").
 */
function bannerOver(h1: string, stripped: string[]): string | null {
  const agreed = mostDeclared(stripped, 2)
  if (!agreed || wordKey(agreed).length <= wordKey(h1).length) return null
  return stripped.every((d) => sharedWords(h1, d) < BANNER_OVERLAP) ? agreed : null
}
// at most this share of words in common with every declared title (0.25 chosen on the even
// pages of the metadata benchmark: 0.20 +3, 0.25 +4, 0.30 +2 pages net)
const BANNER_OVERLAP = 0.25
// Share of distinct words two titles have in common (Jaccard): "Homeowners insurance tips" and
// "Finding the right home insurance policy" share 1 of 8.
function sharedWords(a: string, b: string): number {
  const [x, y] = [new Set(wordKey(a).split(' ')), new Set(wordKey(b).split(' '))]
  let both = 0
  for (const w of x) if (y.has(w)) both++
  return both / (x.size + y.size - both || 1)
}

/** The declared title most sources give (at least `least` of them), the first of them on a tie. */
function mostDeclared(stripped: string[], least: number): string | undefined {
  const counts = new Map<string, number>()
  for (const d of stripped) counts.set(wordKey(d), (counts.get(wordKey(d)) ?? 0) + 1)
  let best: string | undefined
  let most = 0
  for (const d of stripped) {
    const n = counts.get(wordKey(d)) ?? 0
    if (n > most) [best, most] = [d, n]
  }
  return most >= least ? best : undefined
}

/**
 * The one <h1> of several that shares words with the declared titles: the headline beside a
 * widget's <h1>, "<h1>A Car Maintenance Schedule That's Easy to Follow</h1> ... <h1>Select Your Location</h1>"
 * under "Easy Car Maintenance Checklist".
 */
function onlyRelated(h1Texts: string[], stripped: string[]): string | undefined {
  const declaredWords = new Set(stripped.flatMap((d) => contentWords(d)))
  if (!declaredWords.size) return undefined
  const related = h1Texts.filter((h) => {
    const words = contentWords(h)
    return words.filter((w) => declaredWords.has(w)).length * 2 >= Math.max(2, words.length)
  })
  return related.length === 1 ? related[0] : undefined
}
// Words of three letters or more: "a", "of" and "to" are shared by unrelated titles.
const contentWords = (s: string): string[] =>
  wordKey(s)
    .split(' ')
    .filter((w) => w.length >= 3)

function printedTitle(h1: string, stripped: string[], blocks: readonly Block[]): string | null {
  const h1Key = wordKey(h1)
  const others = [...new Set(stripped.map(wordKey))].filter((k) => k && k !== h1Key)
  if (!others.length) return null
  const counts = new Map<string, number>([[h1Key, 0], ...others.map((k): [string, number] => [k, 0])])
  for (const b of blocks) {
    // a list item that names the page is the last crumb of a breadcrumb, navigation rather than print:
    // <li>Easy Car Maintenance Checklist</li> above <h1>A Car Maintenance Schedule That's Easy to Follow</h1>
    if (b.text.length > 300 || b.owner.name === 'li') continue
    const k = wordKey(b.text)
    const n = counts.get(k)
    if (n !== undefined) counts.set(k, n + 1)
  }
  let best: string | null = null
  let most = 0
  for (const k of others) {
    const n = counts.get(k) ?? 0
    if (n > most) [best, most] = [k, n]
  }
  if (!best || most < (counts.get(h1Key) ?? 0)) return null
  return stripped.find((d) => wordKey(d) === best) ?? null
}

/**
 * A date or a section label printed inside the <h1> next to a declared title is not part of it:
 * "Dec 18 2025 Preparing a transition in Debusine", "Blog: Best Social Media Agencies in 2025".
 */
function withoutDateline(h1: string, stripped: string[]): string {
  for (const d of stripped) {
    const [whole, part] = [fold(h1), fold(d)]
    const at = whole.indexOf(part)
    if (at < 0 || part.length >= whole.length) continue
    const before = whole.slice(0, at).trim()
    const rest = `${before} ${whole.slice(at + part.length)}`.trim()
    if ((parseDay(rest) && rest.length <= 40) || (rest === before && SECTION_LABEL.test(before))) return d
  }
  return h1
}
// One or two words and a colon or a bar before the headline: "Blog:", "Title:", "Case study |"
const SECTION_LABEL = /^\p{L}+(?: \p{L}+)? ?[:|]$/u

/**
 * "Headline | Site Name" -> "Headline": drops the parts at either end of a title that name the
 * site (its declared name or its host, "GAME CHANGER | Newegg.com"), and the host written
 * before the headline without a separator, "davidbau.com Vibe Coding".
 */
export function stripSiteName(title: string, site: SiteNames): string {
  // a short end part is a site name when none is declared: "Headline - CNN"
  const isSite = (part: string, rest: string): boolean =>
    namesSite(part, site) || (!site.name && part.length * 2.5 < rest.length && part.split(' ').length <= 4)
  let out = title
  // "Headline | Opinion", "Headline | Patient Education | UC Davis": a pipe ends the headline
  const pipe = out.indexOf(' | ')
  if (pipe > 0 && out.slice(0, pipe).split(' ').length >= 3) out = out.slice(0, pipe)
  for (let n = 0; n < 3; n++) {
    const seps = [...out.matchAll(new RegExp(TITLE_SEPARATOR, 'g'))]
    const last = seps[seps.length - 1]
    const first = seps[0]
    if (!last || last.index === undefined || first?.index === undefined) break
    const tail = out.slice(last.index + last[0].length)
    const head = out.slice(0, first.index)
    if (isSite(tail, out.slice(0, last.index))) out = out.slice(0, last.index)
    else if (namesSite(head, site)) out = out.slice(first.index + first[0].length)
    else break
  }
  if (site.domain) {
    const lower = out.toLowerCase()
    if (lower.startsWith(`${site.domain} `)) out = out.slice(site.domain.length + 1)
    else if (lower.endsWith(` ${site.domain}`)) out = out.slice(0, -site.domain.length - 1)
  }
  return squeeze(out) || title
}

function pickByline(ldAuthors: string[], meta: Map<string, string>, bylineEls: Element[]): string | null {
  if (ldAuthors.length) return [...new Set(ldAuthors)].join(', ')
  for (const key of AUTHOR_KEYS) {
    const v = meta.get(key)
    if (v && looksLikeName(v) && !(key === 'twitter:creator' && v.startsWith('@'))) return v
  }
  for (const el of bylineEls.slice(0, 20)) {
    const t = squeeze(textOf(el, 300).replace(BY_PREFIX, ''))
    if (looksLikeName(t) && t.split(' ').length <= 8) return t
  }
  return null
}

// A dateline printed under the headline is short: "August 19, 2025", "Last updated: Dec 12, 2025".
const MAX_DATELINE_CHARS = 120
const DATELINE_WINDOW = { before: 4, after: 20 } as const

/** A day printed on the page, and whether a label calls it the day of the last change. */
interface ShownDate {
  readonly day: string
  readonly updated: boolean
}

const updateLabel = lazy(() => {
  const labels = loadLexicon<EntryFile<{ label: string }>>('extract/update-labels.json').entries.map((e) => e.label.replace(/\s+/g, '\\s+'))
  return new RegExp(`(?:^|[^\\p{L}])(?:${labels.join('|')})(?![\\p{L}])`, 'iu')
})

function shownDate(text: string): ShownDate | null {
  const day = parseDay(text)
  if (!day) return null
  // "July 4, 2025 Updated on February 9, 2026": the first day is the published one, the label comes after it
  const label = updateLabel().exec(text)
  return { day, updated: !!label && !parseDay(text.slice(0, label.index)) }
}

/** The date printed near the headline, as readers see it (it wins over metadata when both exist). */
function visibleDate(blocks: readonly Block[]): ShownDate | null {
  const h1 = blocks.findIndex((b) => b.heading === 1)
  const from = h1 < 0 ? 0 : Math.max(0, h1 - DATELINE_WINDOW.before)
  const to = Math.min(blocks.length, Math.max(h1, 0) + DATELINE_WINDOW.after)
  for (let i = from; i < to; i++) {
    const b = blocks[i] as Block
    if (b.text.length > MAX_DATELINE_CHARS || !/\d/.test(b.text)) continue
    const d = shownDate(b.text)
    if (d) return d
  }
  // further away, only a block that its class calls a date: <div class="sno-story-date">May 31, 2024</div>
  for (const b of blocks) {
    if (b.text.length > MAX_DATELINE_CHARS || !DATE_CLASS.test(b.owner.attribs.class ?? '')) continue
    const d = shownDate(b.text)
    if (d) return d
  }
  return null
}
const DATE_CLASS = /date|time|posted|publish/i

// Publication dates in the page's own scripts (Next.js, Prismic, Nuxt state): "publishedDate":"2019-08-16T00:00:00.000Z"
const SCRIPT_DATE =
  /["']?(?:datePublished|publishedDate|published_at|publishDate|first_publication_date|publish_date|pubDate|dateCreated)["']?\s*:\s*["'](?<v>[^"']{8,40})["']/

function scriptDate(elements: readonly Element[]): string | null {
  for (const el of elements) {
    if (el.name !== 'script') continue
    const body = el.children.map((c) => (isText(c) ? c.data : '')).join('')
    const m = SCRIPT_DATE.exec(body)
    const d = parseDay(m?.groups?.v)
    if (d) return d
  }
  return null
}

/**
 * The publication day. The date printed under the headline is what readers (and
 * annotators) take as the date, often the "Updated" one, so it wins over the declared
 * one unless it is later than every day the metadata declares.
 */
function pickDate(page: WalkedPage, ld: LdFields, meta: Map<string, string>, times: Element[], url: string | null): string | null {
  const printed = visibleDate(page.blocks)
  let declared = parseDay(ld.datePublished)
  for (const key of DATE_KEYS) declared ??= parseDay(meta.get(key))
  const modified = parseDay(ld.dateModified) ?? parseDay(meta.get('article:modified_time')) ?? parseDay(meta.get('og:updated_time'))
  // "Last Updated: August 5, 2025" over an article:published_time of 2024-03-17: the page was published on the declared day
  const changed = printed && declared && declared < printed.day && printed.updated
  const shown = changed ? null : (printed?.day ?? null)
  // a printed day later than every declared one is a teaser's or today's date
  if (shown && !(declared && shown > (modified ?? declared) && shown !== declared)) return shown
  if (declared) return declared
  // a <time> in the article header beats one in a teaser further down: take the first
  for (const t of times) {
    const d = parseDay(t.attribs.datetime ?? t.attribs.content) ?? parseDay(textOf(t, 100))
    if (d && !insideTeaser(t)) return d
  }
  return dateInUrl(url) ?? modified ?? scriptDate(page.elements) ?? firstPrintedDate(page.blocks)
}

/**
 * The last resort: the first short dated block anywhere outside teasers, for pages with no
 * metadata whose byline sits far below the headline: "Posted on the 15/12/2025 at 19:00 by @GuillaumeGomez".
 */
function firstPrintedDate(blocks: readonly Block[]): string | null {
  for (const b of blocks) {
    if (b.text.length > MAX_DATELINE_CHARS || !/\d/.test(b.text)) continue
    const d = parseDay(b.text)
    if (d && !insideTeaser(b.owner)) return d
  }
  return null
}

const TEASER_CONTAINER = /related|recommend|teaser|sidebar|comment|footer/i
function insideTeaser(el: Element): boolean {
  let cur: Element | null = el
  for (let n = 0; cur && n < 30; n++, cur = parentOf(cur)) if (TEASER_CONTAINER.test(`${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`)) return true
  return false
}
