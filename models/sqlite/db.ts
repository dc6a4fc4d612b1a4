// SQLite storage: opens the database file and brings its schema up to date (docs/design.md).
// WAL lets several processes share the file; synchronous=FULL makes an acknowledged write durable.
import Database from 'better-sqlite3'

export type Db = Database.Database

/** Each entry moves the schema one version up; PRAGMA user_version records how far a file got. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id            TEXT PRIMARY KEY,
     email         TEXT NOT NULL UNIQUE,
     password_hash TEXT,
     first_name    TEXT,
     last_name     TEXT,
     created_at    TEXT NOT NULL,
     updated_at    TEXT NOT NULL
   ) STRICT`,
  // 0x02 task 10: persisted sessions. Only sha256(session id) is stored; created_at is indexed
  // for the purge of expired sessions, user_id for the cascade.
  `CREATE TABLE user_sessions (
     id           TEXT PRIMARY KEY,
     user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     session_hash TEXT NOT NULL UNIQUE,
     created_at   TEXT NOT NULL,
     updated_at   TEXT NOT NULL
   ) STRICT;
   CREATE INDEX user_sessions_user_id ON user_sessions(user_id);
   CREATE INDEX user_sessions_created_at ON user_sessions(created_at)`,
  // Failed logins per key (email hash or client address) for the login rate limit;
  // in the database so every process on the file shares the count.
  `CREATE TABLE login_failures (
     key TEXT NOT NULL,
     at  INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX login_failures_key_at ON login_failures (key, at);
   CREATE INDEX login_failures_at ON login_failures (at)`,
]

/** Thrown when the file is not a database this project can use; the message names the file. */
export class DatabaseOpenError extends Error {
  readonly code = 'ERR_DATABASE_OPEN'
  override name = 'DatabaseOpenError'
}

/** Opens (creating if needed) the SQLite file at `path` and applies pending migrations. */
export function openDatabase(path: string, options: { busyTimeoutMs?: number } = {}): Db {
  let db: Db | undefined
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 })
    // Before anything writes to the file: a damaged database is refused, never built upon.
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(`database file is damaged (quick_check: ${String(check)})`)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db)
    return db
  } catch (error) {
    db?.close()
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseOpenError(`cannot open database ${path}: ${reason}`, { cause: error })
  }
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > MIGRATIONS.length) {
    throw new Error(`schema version ${version} is newer than this program knows (${MIGRATIONS.length})`)
  }
  // One immediate transaction: two processes starting together cannot both apply a step.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < current) continue
      db.exec(sql)
      db.pragma(`user_version = ${index + 1}`)
    }
  }).immediate()
}
