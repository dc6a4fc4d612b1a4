// The backends each contract suite runs against: a fresh store per test, with what it needs
// (a real SQLite file or PostgreSQL database, a user a session may belong to), and a way to throw it away.
import type { AttemptStore } from '../../models/attempt_store.js'
import { MemoryAttemptStore } from '../../models/memory/attempt_store.js'
import { MemorySessionStore } from '../../models/memory/session_store.js'
import { PostgresAttemptStore } from '../../models/postgres/attempt_store.js'
import { openPostgres, type Pool } from '../../models/postgres/db.js'
import { PostgresSessionStore } from '../../models/postgres/session_store.js'
import { PostgresUserStore } from '../../models/postgres/user_store.js'
import type { SessionStore } from '../../models/session_store.js'
import { RedisSessionStore } from '../../models/redis/session_store.js'
import { SqliteAttemptStore } from '../../models/sqlite/attempt_store.js'
import { SqliteSessionStore } from '../../models/sqlite/session_store.js'
import { SqliteUserStore } from '../../models/sqlite/user_store.js'
import { User } from '../../models/user.js'
import type { UserStore } from '../../models/user_store.js'
import { tempPostgresDatabase } from '../support/postgres_server.js'
import { freshPrefix, sharedConnection } from '../support/shared_redis.js'
import { tempDatabase } from '../support/temp_database.js'

export interface Backend<S> {
  readonly name: string
  /** A fresh, empty store; `owners` are user ids sessions may belong to. */
  open(owners?: readonly string[]): Promise<{ store: S, close(): void | Promise<void> }>
  /**
   * Present when the backend expires sessions itself (Redis TTL) instead of purging on request:
   * a fresh store whose sessions live `ttlMs`, and whose deleteExpired answers 0. The expiry cases
   * then wait for that TTL rather than call deleteExpired.
   */
  openExpiring?(ttlMs: number): Promise<{ store: S, close(): void }>
}

const NOTHING = (): void => {}

/** A fresh PostgreSQL database (on the tests' shared server), migrated, and its store. */
async function postgres<S>(makeStore: (pool: Pool) => S, owners: readonly string[] = []): Promise<{ store: S, close(): Promise<void> }> {
  const database = await tempPostgresDatabase()
  const pool = await openPostgres(database.url)
  const users = new PostgresUserStore(pool)
  for (const id of owners) await users.save(new User({ id, email: `${id}@hbtn.io` }, new Date()))
  return { store: makeStore(pool), close: async () => { await pool.end(); await database.drop() } }
}

export const SESSION_BACKENDS: readonly Backend<SessionStore>[] = [
  { name: 'memory', open: async () => ({ store: new MemorySessionStore(), close: NOTHING }) },
  {
    name: 'sqlite',
    async open(owners = []) {
      const database = tempDatabase()
      const users = new SqliteUserStore(database.db)
      for (const id of owners) await users.save(new User({ id, email: `${id}@hbtn.io` }, new Date()))
      return { store: new SqliteSessionStore(database.db), close: () => database.remove() }
    },
  },
  { name: 'postgres', open: (owners) => postgres((pool) => new PostgresSessionStore(pool), owners) },
  {
    // The run's real Redis, a fresh key prefix per store; users are not Redis's business.
    name: 'redis',
    open: async () => ({ store: new RedisSessionStore(sharedConnection(), { prefix: freshPrefix(), ttlMs: 0 }), close: NOTHING }),
    openExpiring: async (ttlMs) => ({ store: new RedisSessionStore(sharedConnection(), { prefix: freshPrefix(), ttlMs }), close: NOTHING }),
  },
]

export const USER_BACKENDS: readonly Backend<UserStore>[] = [
  {
    name: 'sqlite',
    async open() {
      const database = tempDatabase()
      return { store: new SqliteUserStore(database.db), close: () => database.remove() }
    },
  },
  { name: 'postgres', open: () => postgres((pool) => new PostgresUserStore(pool)) },
]

export const ATTEMPT_BACKENDS: readonly Backend<AttemptStore>[] = [
  { name: 'memory', open: async () => ({ store: new MemoryAttemptStore(), close: NOTHING }) },
  {
    name: 'sqlite',
    async open() {
      const database = tempDatabase()
      return { store: new SqliteAttemptStore(database.db), close: () => database.remove() }
    },
  },
  { name: 'postgres', open: () => postgres((pool) => new PostgresAttemptStore(pool)) },
]
