import { decodeHTML } from 'entities'
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
