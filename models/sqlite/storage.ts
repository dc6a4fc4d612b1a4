// The embedded default backend: users, persisted sessions and login counters in one SQLite file.
import type { Storage } from '../storage.js'
import { SqliteAttemptStore } from './attempt_store.js'
import type { Db } from './db.js'
import { SqliteSessionStore } from './session_store.js'
import { SqliteUserStore } from './user_store.js'

/** The stores over an open database; close() closes it. */
export function sqliteStorage(db: Db): Storage {
  return {
    users: new SqliteUserStore(db),
    sessions: new SqliteSessionStore(db),
    attempts: new SqliteAttemptStore(db),
    close: async () => { if (db.open) db.close() },
  }
}
