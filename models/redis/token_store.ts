// Refresh-token families and denied access tokens in Redis (jwt_redis_auth). Keys, under the
// prefix (REDIS_PREFIX):
//   family:<family id>        a hash: user, current (sha256 of the live refresh token), and one
//                             field s:<hash> per spent token; it expires JWT_REFRESH_TTL after login
//   user:<user id>:families   the user's family ids, so every family of a user can be ended
//   denied:<jti>              a denied access token, kept exactly until the token's own exp
// Every step that reads and writes is one Lua script, so a racing refresh or logout sees the
// family before or after it, never half-changed; every key is written with its TTL in the same step.
import type { Rotation, TokenStore } from '../token_store.js'
import type { RedisConnection } from './client.js'
import { runScript, type Script } from './scripts.js'

// KEYS: family, user index. ARGV: user id, token hash, ttl, family id.
const START: Script = { keys: 2, source: `
redis.call('HSET', KEYS[1], 'user', ARGV[1], 'current', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[4])
if redis.call('TTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
return 1` }

// KEYS: family. ARGV: presented hash, next hash, prefix, family id.
const ROTATE: Script = { keys: 1, source: `
local current = redis.call('HGET', KEYS[1], 'current')
if not current then return {'unknown'} end
local user = redis.call('HGET', KEYS[1], 'user')
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'current', ARGV[2], 's:' .. ARGV[1], '1')
  return {'rotated', user, redis.call('TTL', KEYS[1])}
end
if redis.call('HEXISTS', KEYS[1], 's:' .. ARGV[1]) == 1 then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', ARGV[3] .. 'user:' .. user .. ':families', ARGV[4])
  return {'reused'}
end
return {'unknown'}` }

// KEYS: family, denied. ARGV: ttl, prefix, family id.
const REVOKE: Script = { keys: 2, source: `
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
local user = redis.call('HGET', KEYS[1], 'user')
if user then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', ARGV[2] .. 'user:' .. user .. ':families', ARGV[3])
end
return 1` }

// KEYS: user index. ARGV: prefix.
const END_USER: Script = { keys: 1, source: `
local families = redis.call('SMEMBERS', KEYS[1])
local ended = 0
for _, id in ipairs(families) do ended = ended + redis.call('DEL', ARGV[1] .. 'family:' .. id) end
redis.call('DEL', KEYS[1])
return ended` }

export class RedisTokenStore implements TokenStore {
  constructor(private readonly redis: RedisConnection, private readonly prefix: string) {}

  async startFamily(familyId: string, userId: string, tokenHash: string, ttlSeconds: number): Promise<void> {
    const keys = [this.family(familyId), this.userIndex(userId)]
    await this.redis.run((client) => runScript(client, START, keys, [userId, tokenHash, String(ttlSeconds), familyId]))
  }

  async rotate(familyId: string, tokenHash: string, nextHash: string): Promise<Rotation> {
    const args = [tokenHash, nextHash, this.prefix, familyId]
    const reply = await this.redis.run((client) => runScript(client, ROTATE, [this.family(familyId)], args)) as [string, string?, number?]
    if (reply[0] === 'rotated') return { outcome: 'rotated', userId: String(reply[1]), secondsLeft: Number(reply[2]) }
    return { outcome: reply[0] === 'reused' ? 'reused' : 'unknown' }
  }

  /** Two reads written together: one round trip. */
  async isAccepted(familyId: string, jti: string): Promise<boolean> {
    const [family, denied] = await this.redis.run((client) => Promise.all([client.exists(this.family(familyId)), client.exists(this.denied(jti))]))
    return family === 1 && denied === 0
  }

  async revoke(familyId: string, jti: string, ttlSeconds: number): Promise<void> {
    const args = [String(Math.max(1, ttlSeconds)), this.prefix, familyId]
    await this.redis.run((client) => runScript(client, REVOKE, [this.family(familyId), this.denied(jti)], args))
  }

  async endUser(userId: string): Promise<number> {
    return Number(await this.redis.run((client) => runScript(client, END_USER, [this.userIndex(userId)], [this.prefix])))
  }

  private family(familyId: string): string {
    return `${this.prefix}family:${familyId}`
  }

  private userIndex(userId: string): string {
    return `${this.prefix}user:${userId}:families`
  }

  private denied(jti: string): string {
    return `${this.prefix}denied:${jti}`
  }
}
