// SessionDBAuth (0x02 task 10): SessionExpAuth whose sessions are UserSession rows in the database,
// so they survive a restart and every process on the database sees the same logins and logouts.
import type { Clock } from '../../../models/clock.js'
import type { SessionStore } from '../../../models/session_store.js'
import type { UserRepository } from '../../../models/user.js'
import { SessionExpAuth, type SessionExpAuthOptions } from './session_exp_auth.js'

export class SessionDBAuth extends SessionExpAuth {
  /** `sessions`: the database's session store (Storage.sessions), never a memory one. */
  constructor(options: SessionExpAuthOptions, users: UserRepository, clock: Clock, sessions: SessionStore) {
    super(options, users, clock, sessions)
  }
}
