// Opens the storage the configuration asks for, at start: the database (the SQLite file at
// DB_PATH by default), and Redis (REDIS_URL) when the mode keeps its sessions there. A backend
// that cannot be reached stops the server with a message naming its variable.
import { openRedis, redactedUrl } from '../../models/redis/client.js'
import { RedisSessionStore } from '../../models/redis/session_store.js'
import type { SessionStore } from '../../models/session_store.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import type { Storage } from '../../models/storage.js'
import type { Config } from './config.js'

/** The stores the app is built on; close() closes every connection. */
export interface Backends {
  readonly storage: Storage
  /** session_redis_auth's sessions; absent in every other mode. */
  readonly redisSessions?: SessionStore
  close(): Promise<void>
}

/** Modes whose state lives in Redis. */
const REDIS_MODES: ReadonlySet<string> = new Set(['session_redis_auth'])

export interface BackendOptions {
  /** Receives what goes wrong with a connection while serving (Redis lost, reconnect failed). */
  readonly onConnectionError?: (error: Error) => void
}

export async function openBackends(config: Config, options: BackendOptions = {}): Promise<Backends> {
  const storage = sqliteStorage(openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs }))
  if (!usesRedis(config)) return { storage, close: () => storage.close() }
  let redis
  try {
    redis = await openRedis(config.redisUrl, { ...(options.onConnectionError && { onError: options.onConnectionError }) })
  } catch (error) {
    await storage.close()
    throw error
  }
  const redisSessions = new RedisSessionStore(redis, { prefix: config.redisPrefix, ttlMs: config.sessionDuration * 1000 })
  return {
    storage,
    redisSessions,
    async close() {
      await Promise.all([storage.close(), redis.close()])
    },
  }
}

/** True when the configured mode keeps its state in Redis. */
export function usesRedis(config: Config): boolean {
  return config.authType !== null && REDIS_MODES.has(config.authType)
}

/** What the startup line says of where data lives (never a password). */
export function storageDescription(config: Config): string {
  const database = `DB_PATH=${config.dbPath}`
  return usesRedis(config) ? `${database}, REDIS_URL=${redactedUrl(config.redisUrl)}` : database
}
