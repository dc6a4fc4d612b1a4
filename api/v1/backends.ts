// Opens the storage the configuration asks for, at start: the database (PostgreSQL when
// DATABASE_URL is set, else the SQLite file at DB_PATH), and Redis (REDIS_URL) in the modes that
// keep their sessions or tokens there. A backend that cannot be reached stops the server with a
// message naming its variable.
import { describeUrl, openPostgres } from '../../models/postgres/db.js'
import { postgresStorage } from '../../models/postgres/storage.js'
import { openRedis, redactedUrl } from '../../models/redis/client.js'
import { RedisSessionStore } from '../../models/redis/session_store.js'
import { RedisTokenStore } from '../../models/redis/token_store.js'
import type { SessionStore } from '../../models/session_store.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import type { Storage } from '../../models/storage.js'
import type { TokenStore } from '../../models/token_store.js'
import type { Config } from './config.js'

/** The stores the app is built on; close() closes every connection. */
export interface Backends {
  readonly storage: Storage
  /** session_redis_auth's sessions; absent in every other mode. */
  readonly redisSessions?: SessionStore
  /** jwt_redis_auth's token families and denied tokens; absent in every other mode. */
  readonly redisTokens?: TokenStore
  close(): Promise<void>
}

/** Modes whose state lives in Redis. */
const REDIS_MODES: ReadonlySet<string> = new Set(['session_redis_auth', 'jwt_redis_auth'])

export interface BackendOptions {
  /** Receives what goes wrong with a connection while serving (Redis lost, reconnect failed). */
  readonly onConnectionError?: (error: Error) => void
}

export async function openBackends(config: Config, options: BackendOptions = {}): Promise<Backends> {
  const storage = config.databaseUrl === null
    ? sqliteStorage(openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs }))
    : postgresStorage(await openPostgres(config.databaseUrl))
  if (!usesRedis(config)) return { storage, close: () => storage.close() }
  let redis
  try {
    redis = await openRedis(config.redisUrl, { ...(options.onConnectionError && { onError: options.onConnectionError }) })
  } catch (error) {
    await storage.close()
    throw error
  }
  const close = async (): Promise<void> => { await Promise.all([storage.close(), redis.close()]) }
  if (config.authType === 'jwt_redis_auth') return { storage, redisTokens: new RedisTokenStore(redis, config.redisPrefix), close }
  const redisSessions = new RedisSessionStore(redis, { prefix: config.redisPrefix, ttlMs: config.sessionDuration * 1000 })
  return { storage, redisSessions, close }
}

/** True when the configured mode keeps its state in Redis. */
export function usesRedis(config: Config): boolean {
  return config.authType !== null && REDIS_MODES.has(config.authType)
}

/** What the startup line says of where data lives (never a password). */
export function storageDescription(config: Config): string {
  const database = config.databaseUrl === null ? `DB_PATH=${config.dbPath}` : `DATABASE_URL=${describeUrl(config.databaseUrl)}`
  return usesRedis(config) ? `${database}, REDIS_URL=${redactedUrl(config.redisUrl)}` : database
}
