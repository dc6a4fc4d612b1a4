// Heap bytes per session of the in-memory modes, measured in the compare process: the server's
// memory cannot be read from outside it, so sessions are made through the same class and
// store the server uses, and the V8 heap is read after a full GC before and after.
import { randomUUID } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import { SessionExpAuth } from '../../api/v1/auth/session_exp_auth.js'
import { systemClock } from '../../models/clock.js'
import { PasswordHasher } from '../../models/password.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { SqliteUserStore } from '../../models/sqlite/user_store.js'
import { UserRepository } from '../../models/user.js'

const SESSIONS = 20_000

// A full collection on demand, without starting node with --expose-gc.
function collector(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/** Heap bytes one session of `authType` (session_auth or session_exp_auth) adds. */
// One session per user, each user id a new string (as a login reads it anew); answers the last session id.
async function createSessions(auth: SessionAuth, count: number): Promise<string | null> {
  let last: string | null = null
  for (let i = 0; i < count; i += 1) last = await auth.createSession(randomUUID())
  return last
}

export async function heapBytesPerSession(authType: string): Promise<number> {
  const gc = collector()
  const db = openDatabase(':memory:')
  try {
    const users = new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(10))
    const options = { sessionName: '_my_session_id' }
    const auth = authType === 'session_auth' ? new SessionAuth(options, users) : new SessionExpAuth({ ...options, sessionDuration: 3600 }, users, systemClock)
    // A first batch, not counted: what the first sessions allocate (or free) once is not per session.
    await createSessions(auth, SESSIONS)
    gc()
    const before = process.memoryUsage().heapUsed
    const last = await createSessions(auth, SESSIONS)
    gc()
    const after = process.memoryUsage().heapUsed
    // Read after the measure, or the collector could free the sessions before it.
    if (await auth.userIdForSessionId(last) === null) throw new Error('the last session was lost')
    return (after - before) / SESSIONS
  } finally {
    db.close()
  }
}
