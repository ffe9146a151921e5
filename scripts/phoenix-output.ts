// The files scripts/convert-phoenix.ts writes: entry lists one entry a line, and the
// compiled name index the engine reads (src/lexicon/phoenix.ts).
import { nameKey } from '../src/lexicon/load.js'
import { nameHash } from '../src/lexicon/phoenix.js'

/**
 * An entry file, one entry a line and still plain JSON: readable diffs, and the engine can
 * parse one entry at a time from its byte offset instead of the whole file.
 */
export function entriesText(description: string, entries: readonly unknown[]): { text: string; offsets: number[] } {
  let text = `{"description":${JSON.stringify(description)},\n"entries":[\n`
  let bytes = Buffer.byteLength(text)
  const offsets: number[] = []
  entries.forEach((e, i) => {
    offsets.push(bytes)
    const line = `${JSON.stringify(e)}${i < entries.length - 1 ? ',' : ''}\n`
    text += line
    bytes += Buffer.byteLength(line)
  })
  return { text: `${text}]}\n`, offsets }
}

/** Every name key of a list ("p:babrak karmal") with the byte offsets of the entries it names. */
export function indexLines<T extends { name: string; aliases: readonly string[] }>(
  kind: string,
  list: readonly T[],
  offsets: readonly number[],
): Map<string, number[]> {
  const out = new Map<string, number[]>()
  list.forEach((t, i) => {
    for (const k of new Set([t.name, ...t.aliases].map(nameKey))) {
      const key = `${kind}:${k}`
      out.set(key, [...(out.get(key) ?? []), offsets[i] as number])
    }
  })
  return out
}

/**
 * names.tsv ("key<TAB>offset,offset" lines after a header line) and names.bin (a count,
 * the keys' hashes ascending, each one's line offset; uint32 LE) for hashedLineLookup.
 */
export function nameTable(header: string, keys: Iterable<readonly [string, readonly number[]]>): { tsv: string; bin: Buffer } {
  const lines = [...keys].map(([k, v]) => `${k}\t${v.join(',')}`)
  const rows: { hash: number; at: number }[] = []
  let at = Buffer.byteLength(`${header}\n`)
  for (const line of lines) {
    rows.push({ hash: nameHash(line.slice(0, line.indexOf('\t'))), at })
    at += Buffer.byteLength(line) + 1
  }
  rows.sort((a, b) => a.hash - b.hash || a.at - b.at)
  const bin = Buffer.alloc(4 + rows.length * 8)
  bin.writeUInt32LE(rows.length, 0)
  rows.forEach((r, k) => {
    bin.writeUInt32LE(r.hash, 4 + k * 4)
    bin.writeUInt32LE(r.at, 4 + rows.length * 4 + k * 4)
  })
  return { tsv: `${header}\n${lines.join('\n')}\n`, bin }
}
