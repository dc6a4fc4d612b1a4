// SQLite's error codes stop here: the stores of this folder throw the backend-neutral errors of
// models/store_errors.ts, so nothing above models/ knows it runs on SQLite.
import { StoreConflictError, StoreUnavailableError } from '../store_errors.js'

// better-sqlite3 errors carry SQLite's extended code, e.g. SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOMEM)(_|$)/

/** SQLite's extended error code of `error`, or ''. */
export function sqliteCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : ''
}

/**
 * Runs one database call, throwing StoreUnavailableError when the database cannot serve now
 * (locked, disk full, read-only, I/O error) and StoreConflictError on a UNIQUE violation.
 */
export function guarded<T>(call: () => T): T {
  try {
    return call()
  } catch (error) {
    const code = sqliteCode(error)
    const reason = error instanceof Error ? error.message : String(error)
    if (UNAVAILABLE.test(code)) throw new StoreUnavailableError(`database unavailable: ${reason} (${code})`, { cause: error })
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StoreConflictError('already exists', { cause: error })
    throw error
  }
}
