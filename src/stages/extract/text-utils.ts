import { decodeHTML } from 'entities'
import { detached } from '../../models/features.js'
import { undoMojibake } from './decode.js'

/** Collapses every run of whitespace to one space and trims the ends. */
export const squeeze = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Compatibility-normalised, lower-cased and squeezed: the key two spellings of a text meet on. */
export const fold = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * A field read from metadata as plain text: JSON-LD and some meta tags carry entities twice
 * escaped ("Eliminating &#8211; the guide"), and UTF-8 that the site's own software read as
 * Latin-1 ("Investor\u00e2\u0080\u0099s") is undone.
 */
export const decodeField = (s: string): string => undoMojibake(squeeze(s.includes('&') ? decodeHTML(s) : s))

/**
 * `f` with its answers kept by argument: pages repeat a few class strings on many elements
 * ("<li class="menu-item">" a hundred times), so each is worked out once. The memo is
 * emptied when it holds `max` answers, so a stream of pages cannot grow it without end; keys are
 * kept as copies, so a class string cut from a page's HTML does not keep the whole page.
 */
export function memoized<T>(f: (s: string) => T, max = 20_000): (s: string) => T {
  const kept = new Map<string, T>()
  return (s: string): T => {
    const known = kept.get(s)
    if (known !== undefined) return known
    const value = f(s)
    if (kept.size >= max) kept.clear()
    kept.set(detached(s), value)
    return value
  }
}
