// Storage refusing to work (disk full, read-only, locked by another process, I/O error) is an
// outage, not a bug: the client gets 503 and may retry (SECURITY universal invariant 1, C-4).

// better-sqlite3 errors carry SQLite's extended code, e.g. SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED.
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL)(_|$)/

/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 1

/** True when the error says the database cannot serve now, though it may later. */
export function isStorageUnavailable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && UNAVAILABLE_CODES.test(code)
}
