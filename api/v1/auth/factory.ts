// AUTH_TYPE → the auth object (the exercise's selection in app.py); null means every route is open.
import { systemClock, type Clock } from '../../../models/clock.js'
import type { UserRepository } from '../../../models/user.js'
import type { UserSessionRepository } from '../../../models/user_session.js'
import type { AuthType } from '../config.js'
import { Auth, type AuthOptions } from './auth.js'
import { BasicAuth } from './basic_auth.js'
import { SessionAuth } from './session_auth.js'
import { SessionDBAuth } from './session_db_auth.js'
import { SessionExpAuth } from './session_exp_auth.js'

export interface AuthDependencies {
  readonly users: UserRepository
  /** Time source of expiring sessions; the system clock when absent. */
  readonly clock?: Clock
  /** Where session_db_auth keeps its sessions; required for that mode only. */
  readonly sessions?: UserSessionRepository
}

export interface AuthFactoryOptions extends AuthOptions {
  /** SESSION_DURATION in seconds, for the expiring modes; absent means 0 (never expire). */
  readonly sessionDuration?: number
}

/** The auth object for an AUTH_TYPE; null for no auth. */
export function createAuth(authType: AuthType | null, options: AuthFactoryOptions, deps: AuthDependencies): Auth | null {
  const expiring = { ...options, sessionDuration: options.sessionDuration ?? 0 }
  switch (authType) {
    case null: return null
    case 'auth': return new Auth(options)
    case 'basic_auth': return new BasicAuth(options, deps.users)
    case 'session_auth': return new SessionAuth(options, deps.users)
    case 'session_exp_auth': return new SessionExpAuth(expiring, deps.users, deps.clock ?? systemClock)
    case 'session_db_auth': {
      if (deps.sessions === undefined) throw new Error('session_db_auth needs a UserSessionRepository')
      return new SessionDBAuth(expiring, deps.users, deps.clock ?? systemClock, deps.sessions)
    }
  }
}
