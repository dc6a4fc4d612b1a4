// The server backend: users, persisted sessions and login counters in PostgreSQL (DATABASE_URL),
// shared by every instance on the database.
import type { Storage } from '../storage.js'
import { PostgresAttemptStore } from './attempt_store.js'
import type { Pool } from './db.js'
import { PostgresSessionStore } from './session_store.js'
import { PostgresUserStore } from './user_store.js'

/** The stores over an open pool; close() ends it. */
export function postgresStorage(pool: Pool): Storage {
  let closed: Promise<void> | null = null
  return {
    users: new PostgresUserStore(pool),
    sessions: new PostgresSessionStore(pool),
    attempts: new PostgresAttemptStore(pool),
    close: () => (closed ??= pool.end()),
  }
}
