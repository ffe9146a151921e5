/** Seeded randomness for reproducible training runs and replayable fuzz cases. */

/** A small seeded random generator (mulberry32), so training runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Shuffles an array in place with the given generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}

/** One CoNLL-U sentence with its tree: heads are word indices (-1 for the root), labels full UD relations. */
export interface TreeSentence extends TaggedSentence {
  readonly heads: number[]
  readonly labels: string[]
}

/** Reads the words, UPOS, heads and relations of a CoNLL-U file (multi-word token lines and empty nodes skipped). */
export function readConlluTrees(path: string): TreeSentence[] {
  const out: TreeSentence[] = []
  let cur: TreeSentence = { words: [], tags: [], heads: [], labels: [] }
  for (const line of `${readFileSync(path, 'utf8')}\n`.split('\n')) {
    if (!line.trim()) {
      if (cur.words.length) out.push(cur)
      cur = { words: [], tags: [], heads: [], labels: [] }
      continue
    }
    if (line.startsWith('#')) continue
    const cols = line.split('\t')
    if (cols.length < 10 || cols[0]?.includes('-') || cols[0]?.includes('.')) continue
    cur.words.push(cols[1] as string)
    cur.tags.push(cols[3] as string)
    cur.heads.push(Number(cols[6]) - 1)
    cur.labels.push(cols[7] as string)
  }
  return out
}
