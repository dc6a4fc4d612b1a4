// AUTH_TYPE → the auth object (the exercise's selection in app.py), one line each; null means
// every route is open.
import { systemClock, type Clock } from '../../../models/clock.js'
import type { SessionStore } from '../../../models/session_store.js'
import type { TokenStore } from '../../../models/token_store.js'
import type { UserRepository } from '../../../models/user.js'
import type { AuthType, JwtConfig } from '../config.js'
import { Auth, type AuthOptions } from './auth.js'
import { BasicAuth, type CredentialLimit } from './basic_auth.js'
import { CredentialCache } from './credential_cache.js'
import { JwtAuth, type JwtAuthOptions } from './jwt_auth.js'
import { jwtKeys, type JwtKeys } from './jwt_keys.js'
import { JwtRedisAuth } from './jwt_redis_auth.js'
import { SessionAuth } from './session_auth.js'
import { SessionDBAuth } from './session_db_auth.js'
import { SessionExpAuth } from './session_exp_auth.js'
import { SessionRedisAuth } from './session_redis_auth.js'

export interface AuthDependencies {
  readonly users: UserRepository
  /** The database's session store; required by session_db_auth only. */
  readonly sessions?: SessionStore
  /** The Redis session store; required by session_redis_auth only. */
  readonly redisSessions?: SessionStore
  /** The Redis token store; required by jwt_redis_auth only. */
  readonly redisTokens?: TokenStore
  /** Time source of sessions and caches; the system clock when absent. */
  readonly clock?: Clock
  /** The login limit, which Basic credentials count against too; none when absent. */
  readonly limit?: CredentialLimit
}

export interface AuthFactoryOptions extends AuthOptions {
  /** SESSION_DURATION in seconds, for the expiring modes; absent means 0 (never expire). */
  readonly sessionDuration?: number
  /** The token settings (config.jwt); required by the token modes only. */
  readonly jwt?: JwtConfig | null
}

/** The auth object for an AUTH_TYPE; null for no auth. */
export function createAuth(authType: AuthType | null, options: AuthFactoryOptions, deps: AuthDependencies): Auth | null {
  const clock = deps.clock ?? systemClock
  const expiring = { ...options, sessionDuration: options.sessionDuration ?? 0 }
  switch (authType) {
    case null: return null
    case 'auth': return new Auth(options)
    case 'basic_auth': return new BasicAuth(options, deps.users, new CredentialCache({ clock }), deps.limit ?? null)
    case 'session_auth': return new SessionAuth(options, deps.users, undefined, clock)
    case 'session_exp_auth': return new SessionExpAuth(expiring, deps.users, clock)
    case 'session_db_auth': {
      if (deps.sessions === undefined) throw new Error('session_db_auth needs the database\'s session store')
      return new SessionDBAuth(expiring, deps.users, clock, deps.sessions)
    }
    case 'session_redis_auth': {
      if (deps.redisSessions === undefined) throw new Error('session_redis_auth needs the Redis session store')
      return new SessionRedisAuth(expiring, deps.users, clock, deps.redisSessions)
    }
    case 'jwt_auth': {
      const { settings, keys } = tokenSettings(options)
      return new JwtAuth(settings, deps.users, keys, clock)
    }
    case 'jwt_redis_auth': {
      const { settings, keys } = tokenSettings(options)
      return new JwtRedisAuth(settings, deps.users, keys, clock, deps.redisTokens ?? fail('jwt_redis_auth needs the Redis token store'))
    }
  }
}

// The secrets go into the keys only, not into the auth object's options.
function tokenSettings(options: AuthFactoryOptions): { settings: JwtAuthOptions, keys: JwtKeys } {
  const { jwt, ...base } = options
  const { secret, oldSecrets, ...settings } = jwt ?? fail('the token modes need the JWT settings')
  return { settings: { ...base, ...settings }, keys: jwtKeys(secret, oldSecrets) }
}

function fail(message: string): never {
  throw new Error(message)
}
