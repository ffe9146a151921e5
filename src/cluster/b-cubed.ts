/** B-cubed precision, recall and F1 of a clustering against gold classes. */
export interface BCubed {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/**
 * B-cubed scores (Bagga and Baldwin 1998): for each item, the share of its cluster that is of
 * its gold class (precision) and the share of its gold class that is in its cluster (recall),
 * averaged over items. `predicted` and `gold` give each item's cluster and class.
 */
export function bCubed(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): BCubed {
  const items = [...gold.keys()]
  if (!items.length) return { precision: 0, recall: 0, f1: 0 }
  const members = (labels: ReadonlyMap<string, string>): Map<string, string[]> => {
    const out = new Map<string, string[]>()
    for (const item of items) {
      const label = labels.get(item) ?? `unclustered:${item}`
      out.set(label, [...(out.get(label) ?? []), item])
    }
    return out
  }
  const clusters = members(predicted)
  const classes = members(gold)
  let precision = 0
  let recall = 0
  for (const item of items) {
    const cluster = clusters.get(predicted.get(item) ?? `unclustered:${item}`) ?? []
    const cls = classes.get(gold.get(item) as string) ?? []
    const both = cluster.filter((other) => gold.get(other) === gold.get(item)).length
    precision += both / cluster.length
    recall += both / cls.length
  }
  precision /= items.length
  recall /= items.length
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}
