import type { UserActors } from '../lexicon/actors.js'
import type { Lexicon } from '../lexicon/lexicon.js'

/** What every command receives besides its arguments: the lexicon built from `--actors`. */
export interface CommandEnv {
  /** The analyzers' lexicon: the package registry merged with the user's file. */
  readonly lexicon: Lexicon
  /** The user's registry file (`--actors FILE` or SITREP_ACTORS), or null. */
  readonly actorsFile: string | null
  /** The user's validated registry lists (empty without a file). */
  readonly userActors: UserActors
}

/** A subcommand: its exit code from its arguments. */
export type Command = (argv: string[], env: CommandEnv) => Promise<number>
