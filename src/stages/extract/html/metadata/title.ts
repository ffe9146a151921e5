import type { Element } from 'domhandler'
import { undoMojibake } from '../../decode.js'
import { fold } from '../../text-utils.js'
import { type Block, parentOf, textOf } from '../01-walk.js'
import { parseDay } from './published.js'
import { isSiteName, type SiteNames, stripSiteName } from './site-name.js'

/**
 * The <h1>s that can be the headline: an <h1> that links to the site's home page is the
 * site's logo, "<h1 class="site-title"><a href="https://budgettravelwithgabby.com/">Budget Travel With Gabby</a></h1>".
 */
export function headlineElements(h1s: readonly Element[], url: string | null): Element[] {
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
export function pickTitle(
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
