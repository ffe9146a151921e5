import iconv from 'iconv-lite'

/** Text decoded from bytes, with the encoding used and whether it was a guess. */
export interface Decoded {
  readonly text: string
  readonly encoding: string
  readonly guessed: boolean
}

/**
 * Decodes file bytes: a byte-order mark wins, then strict UTF-8, then windows-1252
 * (the usual encoding of legacy Western pages) as a flagged guess.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', guessed: false }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', guessed: false }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', guessed: false }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', guessed: false }
  } catch {
    // Node's TextDecoder reads "windows-1252" as Latin-1 (0x93 stays a control code): use iconv-lite
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252', guessed: true }
  }
}
