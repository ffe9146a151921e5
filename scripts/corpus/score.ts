// Matching and figures for the event corpus (issue #16): an event matches a gold event
// when it lies in the same annotated sentence, has the same CAMEO root and its trigger
// overlaps the gold trigger; stricter criteria add the leaf code and the actor pair.

/** One party as the scorer compares it: a CAMEO actor code, or null for no party. */
export type PartyCode = string | null

/** An event reduced to what the scorer compares. */
export interface ScoredEvent {
  readonly doc: string
  readonly sent: number
  readonly start: number
  readonly end: number
  readonly code: string
  readonly source: PartyCode
  readonly target: PartyCode
  readonly modality: string
  readonly negated: boolean
}

/** The CAMEO root (two digits) of an event code. */
export const rootOf = (code: string): string => code.slice(0, 2)

/** The first element of an actor code (its country, or IGO/NGO/---), or null. */
export const countryOf = (code: PartyCode): string | null => (code ? code.slice(0, 3) : null)

/** Whether two events may be paired at all: same document and sentence, overlapping triggers. */
export const sameSpot = (g: ScoredEvent, p: ScoredEvent): boolean => g.doc === p.doc && g.sent === p.sent && g.start < p.end && p.start < g.end

/** The criteria the scorer reports, each a test on a gold and a predicted event at the same spot. */
export const CRITERIA = {
  root: (g: ScoredEvent, p: ScoredEvent) => rootOf(g.code) === rootOf(p.code),
  root_pair_country: (g: ScoredEvent, p: ScoredEvent) =>
    rootOf(g.code) === rootOf(p.code) && countryOf(g.source) === countryOf(p.source) && countryOf(g.target) === countryOf(p.target),
  root_pair: (g: ScoredEvent, p: ScoredEvent) => rootOf(g.code) === rootOf(p.code) && g.source === p.source && g.target === p.target,
  leaf: (g: ScoredEvent, p: ScoredEvent) => g.code === p.code,
  leaf_pair_country: (g: ScoredEvent, p: ScoredEvent) =>
    g.code === p.code && countryOf(g.source) === countryOf(p.source) && countryOf(g.target) === countryOf(p.target),
  full: (g: ScoredEvent, p: ScoredEvent) => g.code === p.code && g.source === p.source && g.target === p.target,
} as const

/** A criterion's name. */
export type Criterion = keyof typeof CRITERIA

/**
 * Pairs gold and predicted events one-to-one under a criterion, sentence by sentence:
 * among the admissible pairs, those agreeing on more (leaf, then parties, then modality)
 * and with the larger trigger overlap are taken first.
 */
export function matchEvents(gold: readonly ScoredEvent[], pred: readonly ScoredEvent[], ok: (g: ScoredEvent, p: ScoredEvent) => boolean): [number, number][] {
  const bySentence = new Map<string, number[]>()
  pred.forEach((p, j) => {
    const key = `${p.doc}#${p.sent}`
    bySentence.set(key, [...(bySentence.get(key) ?? []), j])
  })
  const candidates: { i: number; j: number; weight: number }[] = []
  gold.forEach((g, i) => {
    for (const j of bySentence.get(`${g.doc}#${g.sent}`) ?? []) {
      const p = pred[j] as ScoredEvent
      if (!sameSpot(g, p) || !ok(g, p)) continue
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start)
      const weight =
        (g.code === p.code ? 8 : 0) +
        (g.source === p.source ? 2 : countryOf(g.source) === countryOf(p.source) ? 1 : 0) +
        (g.target === p.target ? 2 : countryOf(g.target) === countryOf(p.target) ? 1 : 0) +
        (g.modality === p.modality ? 0.5 : 0) +
        overlap / 1000
      candidates.push({ i, j, weight })
    }
  })
  candidates.sort((a, b) => b.weight - a.weight || a.i - b.i || a.j - b.j)
  const usedG = new Set<number>()
  const usedP = new Set<number>()
  const out: [number, number][] = []
  for (const c of candidates) {
    if (usedG.has(c.i) || usedP.has(c.j)) continue
    usedG.add(c.i)
    usedP.add(c.j)
    out.push([c.i, c.j])
  }
  return out
}

/** Precision, recall and F1 from counts. */
export interface Prf {
  readonly tp: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/** Precision, recall and F1 of `tp` matches among `pred` predicted and `gold` gold items (0 when undefined). */
export function prf(tp: number, pred: number, gold: number): Prf {
  const precision = pred ? tp / pred : 0
  const recall = gold ? tp / gold : 0
  return { tp, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}

/** Every figure the corpus scorer prints. */
export interface CorpusScore {
  readonly gold: number
  readonly pred: number
  readonly criteria: Record<Criterion, Prf>
  /** Share of predicted events right in all four parts (leaf code, source, target; the audit's measure). */
  readonly fullyCorrect: number
  /** Among root matches: modality and negation both equal; modality alone; negation alone. */
  readonly modality: { readonly matched: number; readonly both: number; readonly modality: number; readonly negated: number }
  /** Per CAMEO root: gold and predicted counts and root-level P/R/F1. */
  readonly perRoot: Record<string, Prf & { readonly gold: number; readonly pred: number }>
}

/** Scores predicted events against gold events (both already restricted to the same sentences). */
export function scoreEvents(gold: readonly ScoredEvent[], pred: readonly ScoredEvent[]): CorpusScore {
  const criteria = {} as Record<Criterion, Prf>
  let rootPairs: [number, number][] = []
  for (const name of Object.keys(CRITERIA) as Criterion[]) {
    const pairs = matchEvents(gold, pred, CRITERIA[name])
    if (name === 'root') rootPairs = pairs
    criteria[name] = prf(pairs.length, pred.length, gold.length)
  }
  let both = 0
  let modality = 0
  let negated = 0
  for (const [i, j] of rootPairs) {
    const g = gold[i] as ScoredEvent
    const p = pred[j] as ScoredEvent
    if (g.modality === p.modality) modality++
    if (g.negated === p.negated) negated++
    if (g.modality === p.modality && g.negated === p.negated) both++
  }
  const perRoot: CorpusScore['perRoot'] = {}
  const roots = new Set([...gold, ...pred].map((e) => rootOf(e.code)))
  for (const root of [...roots].sort()) {
    const g = gold.filter((e) => rootOf(e.code) === root)
    const p = pred.filter((e) => rootOf(e.code) === root)
    const tp = rootPairs.filter(([i]) => rootOf((gold[i] as ScoredEvent).code) === root).length
    perRoot[root] = { ...prf(tp, p.length, g.length), gold: g.length, pred: p.length }
  }
  return {
    gold: gold.length,
    pred: pred.length,
    criteria,
    fullyCorrect: pred.length ? criteria.full.tp / pred.length : 0,
    modality: { matched: rootPairs.length, both, modality, negated },
    perRoot,
  }
}

/** Cohen's kappa of two label sequences of equal length. */
export function cohenKappa(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) throw new TypeError('cohenKappa needs two label lists of the same length')
  const n = a.length
  if (!n) return 0
  let agree = 0
  const countA = new Map<string, number>()
  const countB = new Map<string, number>()
  for (let k = 0; k < n; k++) {
    if (a[k] === b[k]) agree++
    countA.set(a[k] as string, (countA.get(a[k] as string) ?? 0) + 1)
    countB.set(b[k] as string, (countB.get(b[k] as string) ?? 0) + 1)
  }
  const po = agree / n
  let pe = 0
  for (const [label, ca] of countA) pe += (ca / n) * ((countB.get(label) ?? 0) / n)
  return pe === 1 ? 1 : (po - pe) / (1 - pe)
}
