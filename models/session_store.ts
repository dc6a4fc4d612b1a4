// Where sessions are kept (docs/design.md, Storage): the async interface every session backend
// implements. Keys are the raw session ids; a persistent store keeps only their SHA-256 hash.

/** One stored session: its owner and its creation instant (ms since the epoch). */
export interface StoredSession {
  readonly userId: string
  readonly createdAt: number
}

export interface SessionStore {
  /** Stores a new session; false when the store knows its user does not exist. */
  create(sessionId: string, session: StoredSession): Promise<boolean>
  /** The session stored under this id, or null. */
  get(sessionId: string): Promise<StoredSession | null>
  /** Deletes one session; false when there was none. */
  delete(sessionId: string): Promise<boolean>
  /**
   * Deletes every session of one user in one atomic step (a session created concurrently is either
   * deleted or created after it); answers how many went.
   */
  deleteByUser(userId: string): Promise<number>
  /**
   * Deletes the sessions created before `cutoff` or after `now` (ms): the expired ones. A memory
   * store may stop at the first live session in creation order. Answers how many went.
   */
  deleteExpired(cutoff: number, now: number): Promise<number>
  /** How many sessions are stored. */
  count(): Promise<number>
}

/**
 * The bounds, as stored creation times (ISO text), of deleteExpired(cutoff, now) in the SQL stores:
 * a row created before the first or after the second is expired ('' when nothing is old enough).
 */
export function expiryBounds(cutoff: number, now: number): [before: string, after: string] {
  return [cutoff < 0 ? '' : new Date(cutoff).toISOString(), new Date(now).toISOString()]
}
