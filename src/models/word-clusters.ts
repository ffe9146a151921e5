import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

/** Where the word clusters live (made by scripts/build-clusters.ts, see MODELS.md). */
export const CLUSTERS_PATH = fileURLToPath(new URL('../../models/word-clusters.tsv.gz', import.meta.url))

/**
 * Unsupervised word clusters: for a folded word (see `normWord`), its cluster number at
 * each level, finest first, then how often the raw text writes it with a capital inside a
 * sentence (a bin, -1 when seen too rarely there); words too rare in the raw text have none.
 */
export interface WordClusters {
  readonly levels: readonly number[]
  get(norm: string): readonly number[] | undefined
}

/** Reads a clusters file written by scripts/build-clusters.ts. */
export function readWordClusters(path: string): WordClusters {
  const text = gunzipSync(readFileSync(path)).toString('utf8')
  const newline = text.indexOf('\n')
  const header = JSON.parse(text.slice(0, newline)) as { levels: number[] }
  const map = new Map<string, number[]>()
  for (const line of text.slice(newline + 1).split('\n')) {
    if (!line) continue
    const cols = line.split('\t')
    map.set(cols[0] as string, cols.slice(1).map(Number))
  }
  return { levels: header.levels, get: (norm) => map.get(norm) }
}

const NONE: WordClusters = { levels: [], get: () => undefined }
let loaded: WordClusters | undefined

/** The committed clusters, read on first use; none (every word unknown) when the file is missing. */
export function defaultWordClusters(): WordClusters {
  if (loaded === undefined) loaded = existsSync(CLUSTERS_PATH) ? readWordClusters(CLUSTERS_PATH) : NONE
  return loaded
}
