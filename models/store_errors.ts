// The errors every store throws, whatever its backend: the HTTP layer maps them (503, 400)
// without knowing SQLite, PostgreSQL or Redis.

/** The backend cannot serve now (down, locked, disk full, read-only) but may later: answer 503. */
export class StoreUnavailableError extends Error {
  readonly code = 'ERR_STORE_UNAVAILABLE'
  override name = 'StoreUnavailableError'
}

/** A write broke a uniqueness rule (e.g. an email already taken). */
export class StoreConflictError extends Error {
  readonly code = 'ERR_STORE_CONFLICT'
  override name = 'StoreConflictError'
}
