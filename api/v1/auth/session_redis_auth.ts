// SessionRedisAuth: SessionExpAuth whose sessions live in Redis, so they survive a restart of the
// API and every instance on the same Redis sees the same logins and logouts. The expiry rule is
// still checked here; Redis's TTL only frees the memory.
import type { Clock } from '../../../models/clock.js'
import type { SessionStore } from '../../../models/session_store.js'
import type { UserRepository } from '../../../models/user.js'
import { SessionExpAuth, type SessionExpAuthOptions } from './session_exp_auth.js'

export class SessionRedisAuth extends SessionExpAuth {
  /** `sessions`: the Redis session store (RedisSessionStore), never a memory one. */
  constructor(options: SessionExpAuthOptions, users: UserRepository, clock: Clock, sessions: SessionStore) {
    super(options, users, clock, sessions)
  }
}
