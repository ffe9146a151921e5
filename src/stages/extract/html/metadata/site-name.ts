import { fold, squeeze } from '../../text-utils.js'

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
  // no address: the declared name alone (a throw from URL costs more than the rest of this)
  if (url) {
    try {
      const labels = new URL(url).hostname.toLowerCase().split('.').filter(Boolean)
      const keep = labels.length >= 3 && (labels.at(-1)?.length ?? 0) === 2 && SECOND_LEVEL.test(labels.at(-2) ?? '') ? 3 : 2
      if (labels.length >= 2) domain = labels.slice(-keep).join('.')
    } catch {
      // not an address URL can read: the declared name alone
    }
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
export function isSiteName(text: string, site: SiteNames): boolean {
  const c = compact(text)
  return (!!site.name && fold(text) === site.name) || (c.length >= 3 && (c === site.host || c === site.label))
}

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
