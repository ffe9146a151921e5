import iconv from 'iconv-lite'

/** Text decoded from bytes, with the encoding used and whether it was a guess. */
export interface Decoded {
  readonly text: string
  readonly encoding: string
  readonly guessed: boolean
}

// Legacy encodings tried when the bytes are not UTF-8, in the order ties are broken.
const CANDIDATES = ['windows-1252', 'windows-1251', 'windows-1256', 'shift_jis', 'gbk', 'euc-kr', 'iso-8859-2', 'iso-8859-7', 'windows-1255', 'koi8-r']
// How much of a page is read to judge an encoding: enough words, little time.
const SNIFF_BYTES = 64 * 1024
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?(?<charset>[\w.:-]+)/i

/** The charset a page declares in its first bytes: <meta charset="..."> or the http-equiv form. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  const name = META_CHARSET.exec(head)?.groups?.charset?.toLowerCase() ?? null
  return name && iconv.encodingExists(name) ? name : null
}

/**
 * How plausible a decoding is: letters in words of one script count for it; U+FFFD,
 * C1 control codes and "mojibake" words (Cyrillic read as Latin-1: "Ïðèâåò", only
 * accented letters) count against it. Kana are a strong sign of Japanese.
 */
function plausibility(text: string): number {
  let score = 0
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) score -= 20
    else if (c >= 0x3040 && c <= 0x30ff) score += 2
  }
  // "Za¿ó³æ": a Polish word read as windows-1252 has symbols between its letters
  score -= (text.match(/\p{L}\p{M}?(?![’‘·])[\p{S}\p{Po}\p{No}](?<=[^\p{ASCII}])\p{M}?\p{L}/gu) ?? []).length * 5
  for (const word of text.match(/[\p{L}]{2,}/gu) ?? []) {
    // "ГЇЗЗ" — Arabic read as windows-1251 — mixes cases inside words
    if (/\p{Ll}\p{Lu}/u.test(word) && /\P{ASCII}/u.test(word)) {
      score -= word.length * 2
      continue
    }
    let high = 0
    for (const ch of word) if ((ch.codePointAt(0) ?? 0) > 0x7f) high++
    if (!high) continue
    const latin = /^[\p{Script=Latin}]+$/u.test(word)
    const oneScript =
      latin ||
      /^(?:\p{Script=Cyrillic}+|\p{Script=Arabic}+|\p{Script=Greek}+|\p{Script=Hebrew}+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|\p{Script=Hangul}+)$/u.test(
        word,
      )
    if (!oneScript) score -= high * 3
    else if (latin && high === word.length && high >= 3) score -= high * 2
    else score += high
  }
  return score
}

/**
 * Decodes page or file bytes: a byte-order mark wins, then strict UTF-8 (valid UTF-8
 * bytes are trusted over any declaration), then the declared charset (HTTP header or
 * <meta>) unless another legacy encoding reads clearly better — declarations are often
 * wrong — and the best-reading candidate when nothing is declared, flagged as a guess.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', guessed: false }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', guessed: false }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', guessed: false }
  const utf16 = utf16WithoutBom(bytes)
  if (utf16) return utf16
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', guessed: false }
  } catch {
    // not UTF-8: judge the declared charset against the usual legacy ones
  }
  const claimed = (declared && iconv.encodingExists(declared) ? declared.toLowerCase() : null) ?? declaredCharset(bytes)
  const sample = Buffer.from(bytes.subarray(0, SNIFF_BYTES))
  const names = claimed && !/^utf-?8$/.test(claimed) ? [claimed, ...CANDIDATES.filter((c) => c !== claimed)] : CANDIDATES
  let best = names[0] as string
  let bestScore = Number.NEGATIVE_INFINITY
  for (const name of names) {
    // a declaration keeps its word on a near tie
    const score = plausibility(iconv.decode(sample, name)) + (name === claimed ? 5 : 0)
    if (score > bestScore) [best, bestScore] = [name, score]
  }
  return { text: iconv.decode(Buffer.from(bytes), best), encoding: best, guessed: best !== claimed }
}

/**
 * UTF-16 without a byte-order mark ("Save as Unicode" in some editors): text of the Latin
 * range has a zero byte in every second place, odd places for little-endian. Taken only when
 * the decoded text is clean, so binary data with zeros stays binary.
 */
function utf16WithoutBom(bytes: Uint8Array): Decoded | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1
  if (n < 16) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const pairs = n / 2
  const encoding = oddZeros > pairs * 0.3 && evenZeros < pairs * 0.02 ? 'utf-16le' : evenZeros > pairs * 0.3 && oddZeros < pairs * 0.02 ? 'utf-16be' : null
  if (!encoding) return null
  const text = new TextDecoder(encoding).decode(bytes.length & 1 ? bytes.subarray(0, bytes.length - 1) : bytes)
  let control = 0
  const sample = text.slice(0, SNIFF_BYTES)
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) control++
  }
  return control > sample.length * 0.01 ? null : { text, encoding, guessed: true }
}

// One character as UTF-8 read one byte per character: a lead byte (U+00C2–U+00F4) and as many
// continuation bytes as it announces (one after C2–DF, two after E0–EF, three after F0–F4), as
// Latin-1 (U+0080–U+00BF) or windows-1252 writes them ("€", "™"); sized by the lead byte, so a
// real symbol right after the run ("CafÃ©”") is not taken into it.
const CONTINUATION =
  '[\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178]'
const MOJIBAKE_RUN = new RegExp(`[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3}`, 'g')
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Undoes UTF-8 text that was read as Latin-1 or windows-1252 somewhere before it reached us:
 * "A DIY Investorâ\u0080\u0099s Guide" -> "A DIY Investor’s Guide". A run is replaced only when
 * its bytes are valid UTF-8, so "Café" and "naïve" stay as they are.
 */
export function undoMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text
  return text.replace(MOJIBAKE_RUN, (run) => {
    const bytes = iconv.encode(run, 'windows-1252')
    // a character windows-1252 cannot write (a C1 control) is its Latin-1 byte
    for (let i = 0; i < run.length; i++) if (bytes[i] === 0x3f && run[i] !== '?') bytes[i] = run.charCodeAt(i) & 0xff
    try {
      const char = STRICT_UTF8.decode(bytes)
      // what such text loses is Latin letters, punctuation and symbols: "Ö–" stays, not a Hebrew accent
      return REPAIRED.test(char) ? char : run
    } catch {
      return run
    }
  })
}
// Latin-1 and Latin Extended letters, general punctuation, currency and letter-like symbols.
const REPAIRED = /^[\u00a0-\u024f\u2000-\u206f\u20a0-\u214f]$/
