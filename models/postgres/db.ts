// PostgreSQL storage: a connection pool that fails fast (a stopped server answers 503 within a
// second, never a hang) and a schema brought up to date at start (docs/backends.md).
import pg from 'pg'
import { StoreUnavailableError } from '../store_errors.js'
import { guarded, reasonOf } from './errors.js'

export type Pool = pg.Pool

// Text columns compare byte-wise (COLLATE "C"), so rows sort as in SQLite whatever the server's
// locale; timestamps are the same ISO strings SQLite holds, so every value round-trips exactly.
/** Each entry moves the schema one version up; the schema_version table records how far a database got. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id            TEXT COLLATE "C" PRIMARY KEY,
     email         TEXT COLLATE "C" NOT NULL UNIQUE,
     password_hash TEXT,
     first_name    TEXT COLLATE "C",
     last_name     TEXT COLLATE "C",
     created_at    TEXT COLLATE "C" NOT NULL,
     updated_at    TEXT COLLATE "C" NOT NULL
   )`,
  // Persisted sessions: only sha256(session id) is stored; created_at is indexed for the purge of
  // expired sessions, user_id for the cascade and for ending every session of a user.
  `CREATE TABLE user_sessions (
     id           TEXT COLLATE "C" PRIMARY KEY,
     user_id      TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     session_hash TEXT COLLATE "C" NOT NULL UNIQUE,
     created_at   TEXT COLLATE "C" NOT NULL,
     updated_at   TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX user_sessions_user_id ON user_sessions (user_id);
   CREATE INDEX user_sessions_created_at ON user_sessions (created_at)`,
  // Failed logins per key for the login rate limit; the id is the ticket that takes one back.
  `CREATE TABLE login_failures (
     id  BIGSERIAL PRIMARY KEY,
     key TEXT COLLATE "C" NOT NULL,
     at  BIGINT NOT NULL
   );
   CREATE INDEX login_failures_key_at ON login_failures (key, at);
   CREATE INDEX login_failures_at ON login_failures (at)`,
]

// The advisory lock every instance takes to migrate: two starting together apply each step once.
const MIGRATION_LOCK = '7163409823412983'

/**
 * False for a string holding U+0000, which PostgreSQL text cannot hold: no stored value has one, so
 * a key with it finds nothing (as in SQLite) instead of failing the statement.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000')
}

/** How long a connection attempt and a statement may take before the request answers 503. */
export const TIMEOUT_MS = 800

/** Thrown when the database cannot be reached or used at start; the message names DATABASE_URL. */
export class DatabaseConnectError extends Error {
  readonly code = 'ERR_DATABASE_CONNECT'
  override name = 'DatabaseConnectError'
}

/** A pool on `url` whose connections and statements time out, and whose idle errors never crash the process. */
export function createPool(url: string, options: { max?: number } = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
    statement_timeout: TIMEOUT_MS,
    idle_in_transaction_session_timeout: 10 * TIMEOUT_MS,
    keepAlive: true,
  })
  // An idle connection cut by the server (a restart, an admin's pg_terminate_backend): the pool
  // drops it and the next query opens a new one, so there is nothing to do but not crash.
  pool.on('error', () => {})
  return pool
}

/**
 * Runs `work` on one connection of the pool inside a transaction; a failed transaction is rolled
 * back and its connection discarded, so a broken one never returns to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return guarded(async () => {
    const client = await pool.connect()
    // A connection cut while checked out emits 'error' with no pool listener attached: caught here,
    // the query in flight fails with it instead.
    const ignore = (): void => {}
    client.on('error', ignore)
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      client.off('error', ignore)
      client.release()
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      client.off('error', ignore)
      client.release(error instanceof Error ? error : true)
      throw error
    }
  })
}

/** Opens a pool on `url` and applies pending migrations; DatabaseConnectError when it cannot. */
export async function openPostgres(url: string): Promise<Pool> {
  const pool = createPool(url)
  try {
    await migrate(pool)
    return pool
  } catch (error) {
    await pool.end().catch(() => {})
    // The driver's own reason (refused, timed out, no such database), not the store's wrapper of it.
    const reason = reasonOf(error instanceof StoreUnavailableError ? error.cause : error)
    throw new DatabaseConnectError(`cannot use the PostgreSQL database of DATABASE_URL (${describeUrl(url)}): ${reason}`, { cause: error })
  }
}

async function migrate(pool: Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version')
    const current = rows[0]?.version ?? 0
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)')
    if (current > MIGRATIONS.length) {
      throw new Error(`schema version ${current} is newer than this program knows (${MIGRATIONS.length})`)
    }
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < current) continue
      await client.query(sql)
      await client.query('UPDATE schema_version SET version = $1', [index + 1])
    }
  })
}

/** The URL without its password or query parameters (which may hold one): safe to print. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const user = parsed.username === '' ? '' : `${parsed.username}@`
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`
  } catch {
    return 'an unparsable URL'
  }
}
