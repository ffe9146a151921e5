/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Checks a YYYY-MM-DD option value. */
export function validDateOption(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} expects a date as YYYY-MM-DD, got "${value}"`)
  return value
}

/** The default of `--max-seconds`: the time one document may take before it is answered with an error. */
export const DEFAULT_MAX_SECONDS = 300

/** Checks a `--max-seconds` value: a number of seconds, 0 for no limit. */
export function maxSecondsOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_SECONDS
  if (!/^\d+(?:\.\d+)?$/.test(value)) throw new UsageError(`--max-seconds expects a number of seconds (0 for no limit), got "${value}"`)
  return Number(value)
}

/** Writes a line to stdout, waiting when the pipe is full. */
export function writeLine(s: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(`${s}\n`, (err) => (err ? reject(err) : undefined))
    if (ok) resolve()
    else process.stdout.once('drain', () => resolve())
  })
}
