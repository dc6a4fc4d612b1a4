// Sessions in Redis (session_redis_auth): `<prefix>session:<sha256 of the id>` holds the owner and
// the creation instant and expires by Redis TTL; `<prefix>user:<user id>:sessions`, a sorted set of
// those hashes scored by their expiry, lets every session of a user be ended. Each write is one Lua
// script, so a session and its index entry are created and deleted together (docs/redis.md).
import type { SessionStore, StoredSession } from '../session_store.js'
import { hashSessionId } from '../user_session.js'
import type { RedisConnection } from './client.js'
import { runScript, type Script } from './scripts.js'

export interface RedisSessionStoreOptions {
  /** REDIS_PREFIX: the start of every key. */
  readonly prefix: string
  /** Milliseconds a session key lives (SESSION_DURATION); <= 0: no TTL. */
  readonly ttlMs: number
}

// KEYS: session, index. ARGV: value, ttl ms (0 = none), hash. The index drops the entries whose
// session has expired (their score is past), then expires with its latest session (never while it
// names a session without a TTL).
const CREATE: Script = {
  keys: 2,
  source: `
    local ttl = tonumber(ARGV[2])
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. now)
    if ttl > 0 then
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
      redis.call('ZADD', KEYS[2], now + ttl, ARGV[3])
      local latest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')[2]
      if latest ~= 'inf' then redis.call('PEXPIREAT', KEYS[2], latest) end
    else
      redis.call('SET', KEYS[1], ARGV[1])
      redis.call('ZADD', KEYS[2], '+inf', ARGV[3])
      redis.call('PERSIST', KEYS[2])
    end
    return 1`,
}

// KEYS: session. ARGV: index prefix, index suffix, hash. The index is found from the session's owner.
const DELETE: Script = {
  keys: 1,
  source: `
    local value = redis.call('GET', KEYS[1])
    if not value then return 0 end
    redis.call('DEL', KEYS[1])
    local ok, session = pcall(cjson.decode, value)
    if ok and type(session) == 'table' and type(session.user_id) == 'string' then
      redis.call('ZREM', ARGV[1] .. session.user_id .. ARGV[2], ARGV[3])
    end
    return 1`,
}

// KEYS: index. ARGV: session key prefix. Deletes every session the index names, then the index.
const DELETE_BY_USER: Script = {
  keys: 1,
  source: `
    local hashes = redis.call('ZRANGE', KEYS[1], 0, -1)
    local deleted = 0
    for _, hash in ipairs(hashes) do
      deleted = deleted + redis.call('DEL', ARGV[1] .. hash)
    end
    redis.call('DEL', KEYS[1])
    return deleted`,
}

export class RedisSessionStore implements SessionStore {
  private readonly sessionPrefix: string
  private readonly userPrefix: string
  private readonly ttlMs: number

  constructor(private readonly redis: RedisConnection, options: RedisSessionStoreOptions) {
    this.sessionPrefix = `${options.prefix}session:`
    this.userPrefix = `${options.prefix}user:`
    this.ttlMs = Math.max(0, options.ttlMs)
  }

  /** Always true: Redis does not know the users (a deleted user's session is refused at lookup). */
  async create(sessionId: string, session: StoredSession): Promise<boolean> {
    const hash = hashSessionId(sessionId)
    const value = JSON.stringify({ user_id: session.userId, created_at: session.createdAt })
    const keys = [this.sessionPrefix + hash, this.indexKey(session.userId)]
    await this.redis.run((client) => runScript(client, CREATE, keys, [value, String(this.ttlMs), hash]))
    return true
  }

  async get(sessionId: string): Promise<StoredSession | null> {
    const value = await this.redis.run((client) => client.get(this.sessionPrefix + hashSessionId(sessionId)))
    return value === null ? null : parseSession(value)
  }

  async delete(sessionId: string): Promise<boolean> {
    const hash = hashSessionId(sessionId)
    const args = [this.userPrefix, ':sessions', hash]
    return (await this.redis.run((client) => runScript(client, DELETE, [this.sessionPrefix + hash], args))) === 1
  }

  /** One script: a concurrent create runs wholly before it (and is deleted) or after it. */
  async deleteByUser(userId: string): Promise<number> {
    return Number(await this.redis.run((client) => runScript(client, DELETE_BY_USER, [this.indexKey(userId)], [this.sessionPrefix])))
  }

  /** Redis deletes expired sessions itself (TTL): nothing to purge, answers 0 without a round trip. */
  async deleteExpired(_cutoff: number, _now: number): Promise<number> {
    return 0
  }

  /**
   * SCANs the session keys of this prefix: O(keys in the database), for tests and tools, never on
   * a request's path. A key that expires during the scan may or may not be counted.
   */
  async count(): Promise<number> {
    return this.redis.run(async (client) => {
      let count = 0
      for await (const keys of client.scanIterator({ MATCH: `${globEscaped(this.sessionPrefix)}*`, COUNT: 1000 })) count += keys.length
      return count
    })
  }

  private indexKey(userId: string): string {
    return `${this.userPrefix}${userId}:sessions`
  }
}

// A value this store did not write (or a corrupt one) names no one: the session is unknown.
function parseSession(value: string): StoredSession | null {
  let parsed: unknown
  try { parsed = JSON.parse(value) } catch { return null }
  const { user_id: userId, created_at: createdAt } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>
  if (typeof userId !== 'string' || typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return null
  return Object.freeze({ userId, createdAt })
}

function globEscaped(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
