import iconv from 'iconv-lite'

/**
 * Bytes to text: a byte-order mark, else the charset the server or the document declares
 * (when it can be decoded), else UTF-8 when the bytes are valid UTF-8, else windows-1252.
 */
export function decodeText(bytes: Uint8Array, declared: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be')
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  // <meta charset="x">, <meta http-equiv content="text/html; charset=x">, <?xml encoding="x"?>
  const inDocument = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1]
  const charset = (declared ?? inDocument ?? '').toLowerCase()
  const utf8 = tryUtf8(bytes)
  // a page declared Latin-1 whose bytes are valid UTF-8 is UTF-8 far more often than not
  if (utf8 !== null && (!charset || charset === 'utf-8' || charset === 'utf8' || /^(iso-8859-1|latin1|us-ascii|ascii)$/.test(charset))) return utf8
  if (charset && charset !== 'utf-8' && iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes), charset)
  return utf8 ?? iconv.decode(Buffer.from(bytes), 'windows-1252')
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
