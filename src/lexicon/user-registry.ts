import { readFileSync, statSync } from 'node:fs'
import type { UserActors } from './actors.js'
import { UserRegistrySchema } from './registry-schema.js'

/** The largest user registry file read (bytes): the package's own registry is about 2 MB. */
export const MAX_REGISTRY_BYTES = 64 * 1024 * 1024

/** A user registry file that cannot be used: the message names the file, the entry and the field. */
export class RegistryFileError extends Error {
  override readonly name = 'RegistryFileError'
}

/**
 * Validates the text of a user registry file and returns its lists. The message of a bad
 * file names the first wrong entry (by its index and id) and field.
 *
 * @example
 *   parseUserRegistry('{"people": []}', 'mine.json') // -> { people: [] }
 */
export function parseUserRegistry(json: string, name: string): UserActors {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    throw new RegistryFileError(`the actors file ${name} is not JSON: ${(e as Error).message}`)
  }
  const result = UserRegistrySchema.safeParse(value)
  if (result.success) return result.data as UserActors
  const issue = result.error.issues[0]
  const path = issue?.path ?? []
  const [list, index] = path
  let where = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : '(top level)'
  if (typeof list === 'string' && typeof index === 'number') {
    const entry = (value as Record<string, unknown[]>)[list]?.[index] as { id?: unknown; term?: unknown } | undefined
    const id = entry && typeof entry === 'object' ? (entry.id ?? entry.term) : undefined
    if (typeof id === 'string') where = `${list}[${index}] ("${id}")${path.length > 2 ? ` field ${path.slice(2).join('.')}` : ''}`
  }
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.map(String).join(', ')})` : ''
  throw new RegistryFileError(`the actors file ${name} is not a registry: ${where.replace(/^\./, '')}: ${issue?.message ?? 'invalid'}${keys}`)
}

/** Reads and validates a user registry file, refusing one over `MAX_REGISTRY_BYTES`. */
export function readUserRegistry(path: string, maxBytes = MAX_REGISTRY_BYTES): UserActors {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new RegistryFileError(`the actors file ${path} does not exist`)
  }
  if (size > maxBytes) throw new RegistryFileError(`the actors file ${path} is ${size} bytes, over the limit of ${maxBytes}`)
  return parseUserRegistry(readFileSync(path, 'utf8'), path)
}
