// The causes users meet, in words; the code stays in brackets for a search or a bug report.
const CAUSES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
  EPIPE: 'the reader of the output went away',
  SQLITE_BUSY: 'the database is locked by another process',
  SQLITE_LOCKED: 'the database is locked',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database cannot be written here',
  SQLITE_IOERR: 'the disk could not be read or written',
  ERR_STRING_TOO_LONG: 'the text is too long for one string',
}

/**
 * One line that says what went wrong, in words: "permission denied (EACCES)" for system and
 * SQLite errors (after the file's path `withPath`), the message's first line for the rest.
 * Never a stack trace.
 */
export function errorInWords(e: unknown, withPath = false): string {
  if (!(e instanceof Error)) return String(e)
  const code = (e as { code?: unknown }).code
  const family = typeof code === 'string' ? (Object.keys(CAUSES).find((k) => code === k || code.startsWith(`${k}_`)) ?? null) : null
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'the input is too deeply nested or too long to process (stack overflow)'
  if (typeof code === 'string' && family) {
    const path = (e as { path?: unknown }).path
    const where = withPath && typeof path === 'string' ? `${path}: ` : ''
    return `${where}${CAUSES[family]} (${code})`
  }
  return e.message.split('\n')[0] ?? e.message
}
