import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The package version, stored with every event so old codings can be found and re-run. */
export const PIPELINE_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

// The folders whose files decide what the pipeline finds: the lexicon and the models.
const DATA_FOLDERS = ['lexicon', 'models'] as const

let dataHash: string | null = null

/**
 * The version of the analysis an article gets: the package version plus a hash of every
 * file under lexicon/ and models/ and of the user's registry ("0.5.1+3f2a9c01b7de").
 * Articles stored with another version are the ones `sitrep recode` analyses again.
 *
 * @example
 *   pipelineVersion({}) // "0.5.1+..." with no user registry
 */
export function pipelineVersion(userRegistry: unknown = {}): string {
  dataHash ??= hashFolders(DATA_FOLDERS.map((f) => fileURLToPath(new URL(`../${f}/`, import.meta.url))))
  const user = createHash('sha256').update(canonicalJson(userRegistry)).digest('hex')
  return `${PIPELINE_VERSION}+${createHash('sha256').update(dataHash).update(user).digest('hex').slice(0, 12)}`
}

// One hash over the relative paths and bytes of every file under the folders, in sorted order.
function hashFolders(folders: readonly string[]): string {
  const hash = createHash('sha256')
  for (const folder of folders) {
    if (!existsSync(folder)) continue
    const files = (readdirSync(folder, { recursive: true }) as string[]).filter((f) => statSync(join(folder, f)).isFile()).sort()
    for (const file of files) {
      hash.update(`${file.split(sep).join('/')}\0`)
      hash.update(readFileSync(join(folder, file)))
    }
  }
  return hash.digest('hex')
}

// JSON with object keys sorted, so the same registry always hashes the same.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
