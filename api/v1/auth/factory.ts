// AUTH_TYPE → the auth object (the exercise's selection in app.py); null means every route is open.
import type { Clock } from '../../../models/clock.js'
import type { UserRepository } from '../../../models/user.js'
import type { AuthType } from '../config.js'
import { Auth, type AuthOptions } from './auth.js'
import { BasicAuth } from './basic_auth.js'
import { CredentialCache } from './credential_cache.js'
import { SessionAuth } from './session_auth.js'

export interface AuthDependencies {
  readonly users: UserRepository
  readonly clock: Clock
}

/** The auth object for an AUTH_TYPE; null for no auth. */
export function createAuth(authType: AuthType | null, options: AuthOptions, deps: AuthDependencies): Auth | null {
  switch (authType) {
    case null: return null
    case 'auth': return new Auth(options)
    case 'basic_auth': return new BasicAuth(options, deps.users, new CredentialCache({ clock: deps.clock }))
    case 'session_auth': return new SessionAuth(options, deps.users)
  }
}
