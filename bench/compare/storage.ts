// Where one compared server keeps its users and sessions, made fresh for it: a SQLite file, or a
// new PostgreSQL database, plus a Redis key prefix of its own in the Redis modes; the scenario's
// users are stored in it before the server starts. It also reads how many bytes the sessions take.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import pg from 'pg'
import type { RedisServer } from '../../test/support/redis_server.js'
import type { TempPostgresDatabase } from '../../test/support/postgres_server.js'
import { keysUnder } from '../../test/support/shared_redis.js'
import { seedPostgresUser, seedStoredUser } from '../../test/support/seed_user.js'
import type { Account } from './client.js'
import { HEAP_HOW } from './heap.js'
import type { ComparedMode } from './modes.js'

/** The servers and settings every mode's storage is made from. */
export interface Infrastructure {
  readonly redis: RedisServer
  /** A key prefix no other server of the run uses. */
  redisPrefix(): string
  /** A new, empty PostgreSQL database. */
  postgresDatabase(): Promise<TempPostgresDatabase>
  /** A directory for the SQLite files, removed by the caller. */
  readonly workDir: string
  readonly bcryptRounds: number
  /** Every server's environment beyond its mode and storage (NODE_ENV, BCRYPT_ROUNDS...). */
  readonly serverEnv: Readonly<Record<string, string>>
}

export interface SeededAccount extends Account {
  readonly id: string
}

export interface Storage {
  /** What the server's environment needs to use it (DB_PATH or DATABASE_URL, REDIS_URL, REDIS_PREFIX). */
  readonly env: Readonly<Record<string, string>>
  readonly accounts: readonly SeededAccount[]
  /**
   * Bytes the sessions take in it now (read twice, the difference is what logins added); null
   * when they live in the server's memory, out of reach.
   */
  readonly stateBytes: (() => Promise<number>) | null
  /** How stateBytes measures, for the report. */
  readonly how: string
  remove(): Promise<void>
}

let files = 0

/** A fresh storage for `mode` holding `accounts`. */
export async function prepareStorage(infra: Infrastructure, mode: ComparedMode, accounts: readonly Account[]): Promise<Storage> {
  if (mode.backend === 'postgres') return postgresStorage(infra, accounts)
  files += 1
  const dbPath = join(infra.workDir, `compare-${files}.sqlite3`)
  const seeded: SeededAccount[] = []
  for (const account of accounts) seeded.push({ ...account, id: (await seedStoredUser(dbPath, account.email, account.password, infra.bcryptRounds)).id })
  const base = { env: { DB_PATH: dbPath }, accounts: seeded, remove: async () => {} }
  if (mode.backend === 'redis') return redisStorage(infra, base)
  if (mode.backend === 'sqlite') return { ...base, stateBytes: async () => sqliteSessionBytes(dbPath), how: SQLITE_HOW }
  if (mode.backend === 'memory') return { ...base, stateBytes: null, how: HEAP_HOW }
  return { ...base, stateBytes: async () => 0, how: 'nothing is stored per session' }
}

const SQLITE_HOW = 'bytes of the values of the user_sessions rows added (indexes and page overhead not counted)'
const SESSION_COLUMNS = ['id', 'user_id', 'session_hash', 'created_at', 'updated_at']

function sqliteSessionBytes(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const sum = SESSION_COLUMNS.map((column) => `length(CAST(${column} AS BLOB))`).join(' + ')
    const row = db.prepare(`SELECT total(${sum}) AS bytes FROM user_sessions`).get() as { bytes: number }
    return row.bytes
  } finally {
    db.close()
  }
}

async function postgresStorage(infra: Infrastructure, accounts: readonly Account[]): Promise<Storage> {
  const database = await infra.postgresDatabase()
  const seeded: SeededAccount[] = []
  for (const account of accounts) seeded.push({ ...account, id: (await seedPostgresUser(database.url, account.email, account.password, infra.bcryptRounds)).id })
  const stateBytes = async (): Promise<number> => {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const result = await client.query<{ bytes: string }>('SELECT coalesce(sum(pg_column_size(s.*)), 0) AS bytes FROM user_sessions s')
      return Number(result.rows[0]?.bytes ?? 0)
    } finally {
      await client.end()
    }
  }
  return {
    env: { DATABASE_URL: database.url }, accounts: seeded, stateBytes,
    how: 'pg_column_size of the user_sessions rows added (tuple header included, indexes not counted)',
    remove: () => database.drop(),
  }
}

function redisStorage(infra: Infrastructure, base: Pick<Storage, 'env' | 'accounts' | 'remove'>): Storage {
  const prefix = infra.redisPrefix()
  const stateBytes = async (): Promise<number> => {
    const connection = await infra.redis.connection()
    let bytes = 0
    for (const key of await keysUnder(infra.redis, prefix)) {
      bytes += Number(await connection.run((client) => client.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0'])) ?? 0)
    }
    return bytes
  }
  return {
    ...base, env: { ...base.env, REDIS_URL: infra.redis.url, REDIS_PREFIX: prefix }, stateBytes,
    how: 'Redis MEMORY USAGE of every key under the server\'s prefix',
  }
}
