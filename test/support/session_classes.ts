// The three session classes (SessionAuth, SessionExpAuth, SessionDBAuth) built on a real SQLite
// file and a fake clock, for tests that run the same cases against each of them.
import type { AuthRequest } from '../../api/v1/auth/auth.js'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import { SessionDBAuth } from '../../api/v1/auth/session_db_auth.js'
import { SessionExpAuth } from '../../api/v1/auth/session_exp_auth.js'
import { PasswordHasher } from '../../models/password.js'
import type { SessionStore } from '../../models/session_store.js'
import { SqliteSessionStore } from '../../models/sqlite/session_store.js'
import { SqliteUserStore } from '../../models/sqlite/user_store.js'
import { UserRepository, type User } from '../../models/user.js'
import { FakeClock } from './fake_clock.js'
import { tempDatabase, type TempDatabase } from './temp_database.js'

export const SESSION_CLASSES = ['SessionAuth', 'SessionExpAuth', 'SessionDBAuth'] as const
export type SessionClassName = (typeof SESSION_CLASSES)[number]

export const SESSION_NAME = '_my_session_id'

interface AuthOf {
  SessionAuth: SessionAuth
  SessionExpAuth: SessionExpAuth
  SessionDBAuth: SessionDBAuth
}

export interface SessionFixture<A extends SessionAuth = SessionAuth> {
  readonly auth: A
  readonly users: UserRepository
  /** The database's session store (the one SessionDBAuth uses). */
  readonly sessions: SessionStore
  readonly clock: FakeClock
  readonly database: TempDatabase
}

/** One session class over a fresh (or the given) database; `duration` is SESSION_DURATION. */
export function sessionFixture<N extends SessionClassName>(
  name: N,
  duration = 0,
  database: TempDatabase = tempDatabase(),
  clock: FakeClock = new FakeClock(),
): SessionFixture<AuthOf[N]> {
  const users = new UserRepository(new SqliteUserStore(database.db), clock, new PasswordHasher(4))
  const sessions = new SqliteSessionStore(database.db)
  const options = { sessionName: SESSION_NAME, sessionDuration: duration }
  const auth = name === 'SessionAuth' ? new SessionAuth(options, users, undefined, clock)
    : name === 'SessionExpAuth' ? new SessionExpAuth(options, users, clock)
      : new SessionDBAuth(options, users, clock, sessions)
  return { auth: auth as AuthOf[N], users, sessions, clock, database }
}

/** sessionFixture holding Bob (the exercise's reference user), who can then log in. */
export async function sessionFixtureWithBob<N extends SessionClassName>(name: N, duration = 0): Promise<{ subject: SessionFixture<AuthOf[N]>, bob: User }> {
  const subject = sessionFixture(name, duration)
  const bob = await subject.users.create({ email: 'bob@hbtn.io', password: 'H0lbertonSchool98!' })
  return { subject, bob }
}

/** A request carrying only the session cookie `value` (none when undefined). */
export function cookieRequest(value: string | undefined, name: string = SESSION_NAME): AuthRequest {
  return { get: () => '', cookies: { get: (cookieName) => (cookieName === name ? value : undefined) } }
}
