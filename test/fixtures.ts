import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAnalyzer, isError } from '../src/analyze.js'
import type { Input } from '../src/core/doc.js'

/** Where golden files live: test/fixtures/<stage>/<slug>/{input.json, expected.json}. */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url))

/** The output keys each stage's golden file holds. */
export const STAGE_KEYS: Record<string, readonly string[]> = {
  extract: ['article'],
  segment: ['sentences', 'tokens'],
  entities: ['entities'],
  syntax: ['tokens'],
  actors: ['actors'],
  dates: ['dates'],
  places: ['places'],
  quotes: ['quotes'],
  events: ['events'],
  tone: ['tone'],
}

/** Every fixture as [stage, slug, folder]. */
export function listFixtures(): [string, string, string][] {
  if (!existsSync(FIXTURES_DIR)) return []
  return readdirSync(FIXTURES_DIR)
    .sort()
    .flatMap((stage) =>
      readdirSync(join(FIXTURES_DIR, stage))
        .sort()
        .map((slug): [string, string, string] => [stage, slug, join(FIXTURES_DIR, stage, slug)]),
    )
}

/** Runs a fixture's input through the stages up to its stage and returns the layers it checks. */
export function produce(stage: string, folder: string): Record<string, unknown> {
  const input = JSON.parse(readFileSync(join(folder, 'input.json'), 'utf8')) as Input
  const keys = STAGE_KEYS[stage]
  if (!keys) throw new TypeError(`unknown stage folder "${stage}" in test/fixtures: expected one of ${Object.keys(STAGE_KEYS).join(', ')}`)
  const out = createAnalyzer({ stages: [stage], today: '2025-01-01' }).analyze(input)
  if (isError(out)) throw new Error(out.error)
  return Object.fromEntries(keys.map((k) => [k, (out as unknown as Record<string, unknown>)[k]]))
}
