/** Word-shape helpers shared by the taggers' feature functions. */

/** "Sweida" -> "Xxx", "al-Sharaa" -> "xx-Xxx", "1996-08-22" -> "dd-dd-dd", "U.S." -> "X.X." (runs cut at 2). */
export function shape(word: string): string {
  let out = ''
  let last = ''
  let run = 0
  for (const ch of word) {
    const c =
      ch >= 'a' && ch <= 'z' ? 'x' : ch >= 'A' && ch <= 'Z' ? 'X' : ch >= '0' && ch <= '9' ? 'd' : /\p{Ll}/u.test(ch) ? 'x' : /\p{Lu}/u.test(ch) ? 'X' : ch
    if (c === last) {
      run++
      if (run > 2) continue
    } else {
      last = c
      run = 1
    }
    out += c
  }
  return out
}

/** Lower case with digits folded, so "1996" and "2025" share weights: "dddd". */
export function normWord(word: string): string {
  return /\d/.test(word) ? word.toLowerCase().replace(/\d/g, 'd') : word.toLowerCase()
}

/**
 * A copy of `s` that holds none of the text it was cut from. V8 represents a slice of a long
 * string (an attribute value cut from a page's HTML, a word cut from its text) as a view that
 * keeps the whole parent alive; a memo keyed by such a slice would keep every page it ever saw.
 * Concatenating makes a new string, and slicing that one references only the copy.
 */
export function detached(s: string): string {
  return ` ${s}`.slice(1)
}

/**
 * A function of a string, computed once per distinct argument while it is in use. The memory
 * holds at most `limit` entries in two generations: when the newer fills (half the limit) it
 * becomes the older and the oldest is dropped, and an argument met again in the older moves
 * back to the newer. A long run over many documents stays bounded, the arguments met often
 * stay known, and the rare ones (names, numbers, a page's one-off tokens) do not pile up.
 * Keys are kept as copies: a word cut from a page's text must not keep the whole text alive.
 */
export function memoize<T>(compute: (key: string) => T, limit = 200_000): (key: string) => T {
  const half = Math.max(1, Math.floor(limit / 2))
  let newer = new Map<string, T>()
  let older = new Map<string, T>()
  return (key) => {
    let value = newer.get(key)
    if (value !== undefined) return value
    value = older.get(key)
    if (value === undefined) value = compute(key)
    if (newer.size >= half) {
      older = newer
      newer = new Map()
    }
    newer.set(detached(key), value)
    return value
  }
}
