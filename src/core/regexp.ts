/**
 * A string matched as it is written inside a regular expression: every character with a
 * meaning there escaped ("a.m." matches no "aim"), the hyphen as `\x2d`, which a pattern with
 * the `u` flag accepts outside a character class as well as in one.
 */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, (c) => (c === '-' ? '\\x2d' : `\\${c}`))
