import type { Arc, Token } from '../../core/types.js'

const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'NUM'])
const PREMODIFIER: Record<string, string> = { DET: 'det', ADJ: 'amod', NUM: 'nummod', NOUN: 'compound', PROPN: 'flat', PRON: 'nmod:poss' }

/**
 * A first, rule-based dependency parser for one sentence (tokens [from, to) of the
 * document): noun chunks with their heads, verb groups, subject before and object after
 * each verb, prepositional attachments to the nearest verb or noun, conjunctions.
 * Returns one arc per token of the sentence, with document-level head indices.
 */
export function parseSentence(text: string, tokens: readonly Token[], from: number, to: number): Arc[] {
  const n = to - from
  const pos = (i: number): string => (tokens[from + i] as Token).pos
  const word = (i: number): string => text.slice((tokens[from + i] as Token).start, (tokens[from + i] as Token).end).toLowerCase()
  const head = new Array<number>(n).fill(-2)
  const dep = new Array<string>(n).fill('dep')
  const set = (i: number, h: number, d: string): void => {
    if (i === h) return
    head[i] = h
    dep[i] = d
  }
  // 1. noun chunks: pre-modifiers attach to the chunk's last nominal
  const chunkHead = new Array<number>(n).fill(-1)
  let i = 0
  while (i < n) {
    if (!(pos(i) in PREMODIFIER) && !NOMINAL.has(pos(i))) {
      i++
      continue
    }
    let j = i
    while (j < n && (pos(j) in PREMODIFIER || NOMINAL.has(pos(j))) && !(j > i && pos(j) === 'DET')) j++
    let h = j - 1
    while (h > i && !NOMINAL.has(pos(h))) h--
    for (let k = i; k < j; k++) {
      chunkHead[k] = h
      if (k !== h) set(k, h, pos(h) === 'PROPN' && pos(k) === 'PROPN' ? 'flat' : (PREMODIFIER[pos(k)] ?? 'dep'))
    }
    i = j
  }
  // 2. verbs: the first main verb is the root; auxiliaries and "not" attach to the next verb
  const verbs: number[] = []
  for (let k = 0; k < n; k++) if (pos(k) === 'VERB') verbs.push(k)
  if (!verbs.length) for (let k = 0; k < n; k++) if (pos(k) === 'AUX') verbs.push(k)
  const root = verbs[0] ?? chunkHead.find((h) => h >= 0) ?? 0
  const nextVerb = (k: number): number => verbs.find((v) => v > k) ?? -1
  const prevVerb = (k: number): number => [...verbs].reverse().find((v) => v < k) ?? -1
  for (let k = 0; k < n; k++) {
    if (k === root || head[k] !== -2) continue
    const p = pos(k)
    const w = word(k)
    if ((p === 'AUX' || p === 'PART') && nextVerb(k) >= 0 && !verbs.includes(k))
      set(k, nextVerb(k), w === 'not' || w === "n't" ? 'advmod' : w === 'to' ? 'mark' : 'aux')
    else if (p === 'ADV') set(k, nextVerb(k) >= 0 && nextVerb(k) - k <= 2 ? nextVerb(k) : prevVerb(k) >= 0 ? prevVerb(k) : root, 'advmod')
  }
  // 3. clauses: later verbs hang from the root
  for (const v of verbs) {
    if (v === root) continue
    const before = v > 0 ? word(v - 1) : ''
    set(v, prevVerb(v) >= 0 ? prevVerb(v) : root, pos(v - 1) === 'CCONJ' ? 'conj' : before === 'to' ? 'xcomp' : 'ccomp')
  }
  // 4. chunk heads: subject, object, prepositional objects
  for (let k = 0; k < n; k++) {
    if (chunkHead[k] !== k || head[k] !== -2) continue
    const prev = k > 0 ? chunkStart(chunkHead, k) - 1 : -1
    if (prev >= 0 && pos(prev) === 'ADP') {
      set(prev, k, 'case')
      const attach =
        prev > 0 && chunkHead[prev - 1] !== undefined && (chunkHead[prev - 1] ?? -1) >= 0
          ? (chunkHead[prev - 1] as number)
          : prevVerb(k) >= 0
            ? prevVerb(k)
            : root
      set(k, attach, attach >= 0 && verbs.includes(attach) ? 'obl' : 'nmod')
      continue
    }
    const nv = nextVerb(k)
    const pv = prevVerb(k)
    if (nv >= 0 && (pv < 0 || k - pv > nv - k)) set(k, nv, 'nsubj')
    else if (pv >= 0) set(k, pv, 'obj')
    else if (k !== root) set(k, root, 'dep')
  }
  // 5. everything else: punctuation, conjunctions, markers to the root or their neighbour
  for (let k = 0; k < n; k++) {
    if (k === root || head[k] !== -2) continue
    const p = pos(k)
    if (p === 'CCONJ') set(k, Math.min(k + 1, n - 1) === k ? root : k + 1, 'cc')
    else if (p === 'SCONJ') set(k, nextVerb(k) >= 0 ? nextVerb(k) : root, 'mark')
    else set(k, root, p === 'PUNCT' ? 'punct' : 'dep')
  }
  return head.map((h, k) => (k === root ? { head: -1, dep: 'root' } : { head: from + (h < 0 ? root : h), dep: dep[k] ?? 'dep' }))
}

function chunkStart(chunkHead: readonly number[], k: number): number {
  let s = k
  while (s > 0 && chunkHead[s - 1] === k) s--
  return s
}
