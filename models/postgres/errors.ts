// PostgreSQL's errors stop here: the stores of this folder throw the backend-neutral errors of
// models/store_errors.ts, so nothing above models/ knows it runs on PostgreSQL.
import { StoreConflictError, StoreUnavailableError } from '../store_errors.js'

// SQLSTATE classes and codes meaning "cannot serve now, may later" (PostgreSQL, Appendix A):
// 08 connection exception, 53 insufficient resources (disk full, too many connections),
// 57 operator intervention (57014 statement timeout, 57P01-57P05 shutdown, restart), 58 system
// error (I/O), 25006 read-only (a standby), 55P03 lock not available, 40001/40P01 a transaction
// another one won.
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58)...$|^(25006|55P03|40001|40P01)$/
// Errors of the network below the driver: the server is down, unreachable or not resolvable.
const UNAVAILABLE_SYSCALL = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ENOENT',
])
// The driver's own messages for a connection that failed, timed out or was cut (pg, pg-pool).
const UNAVAILABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|timeout expired|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end)/

const UNIQUE_VIOLATION = '23505'
/** SQLSTATE of a row referring to a row that does not exist. */
export const FOREIGN_KEY_VIOLATION = '23503'

/** The SQLSTATE (or the system error code) of `error`, or ''. */
export function postgresCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : ''
}

/** Whether `error` says the database cannot be reached or cannot serve now. */
export function isUnavailable(error: unknown): boolean {
  const code = postgresCode(error)
  if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSCALL.has(code)) return true
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message)
}

/** A one-line reason for `error`: its message, else its code (a refused connection may have no message). */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const reason = message === '' ? postgresCode(error) || 'unknown error' : message
  return reason.replace(/\s+/g, ' ')
}

/**
 * Runs one database call, throwing StoreUnavailableError when the database cannot serve now
 * (down, unreachable, timed out, shutting down) and StoreConflictError on a UNIQUE violation.
 */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isUnavailable(error)) throw new StoreUnavailableError(`database unavailable: ${reasonOf(error)}`, { cause: error })
    if (postgresCode(error) === UNIQUE_VIOLATION) throw new StoreConflictError('already exists', { cause: error })
    throw error
  }
}
