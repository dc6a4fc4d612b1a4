// The stores one backend provides, opened together at start (server.ts) and closed at shutdown.
import type { AttemptStore } from './attempt_store.js'
import type { SessionStore } from './session_store.js'
import type { UserStore } from './user_store.js'

export interface Storage {
  readonly users: UserStore
  /** Persisted sessions (session_db_auth); the memory modes keep theirs in a MemorySessionStore. */
  readonly sessions: SessionStore
  /** Failed-login counters of the rate limit, shared by every process on the backend. */
  readonly attempts: AttemptStore
  /** Closes the connections (the file, the pool); safe to call twice. */
  close(): Promise<void>
}
