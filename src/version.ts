import { readFileSync } from 'node:fs'

/** The package version, stored with every event so old codings can be found and re-run. */
export const PIPELINE_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
