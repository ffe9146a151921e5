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
 * A function of a string, computed once per distinct argument; the memory starts afresh
 * when it holds `limit` entries, so a long run over many documents stays bounded.
 */
export function memoize<T>(compute: (key: string) => T, limit = 200_000): (key: string) => T {
  const memory = new Map<string, T>()
  return (key) => {
    let value = memory.get(key)
    if (value === undefined) {
      value = compute(key)
      if (memory.size >= limit) memory.clear()
      memory.set(key, value)
    }
    return value
  }
}
