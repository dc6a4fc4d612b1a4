// Heap bytes per session of the in-memory modes, measured in the compare process: the server's
// memory cannot be read from outside it, so SESSIONS sessions are made through the same class and
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
export async function heapBytesPerSession(authType: string): Promise<number> {
  const gc = collector()
  const db = openDatabase(':memory:')
  try {
    const users = new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(10))
    const options = { sessionName: '_my_session_id' }
    const auth = authType === 'session_auth' ? new SessionAuth(options, users) : new SessionExpAuth({ ...options, sessionDuration: 3600 }, users, systemClock)
    const userIds = Array.from({ length: SESSIONS }, () => randomUUID())
    gc()
    const before = process.memoryUsage().heapUsed
    let last: string | null = null
    // Each user id a new string, as when every login reads the user's row anew.
    for (const userId of userIds) last = await auth.createSession(Buffer.from(userId).toString())
    gc()
    const after = process.memoryUsage().heapUsed
    // Read after the measure, or the collector could free the sessions before it.
    if (await auth.userIdForSessionId(last) === null) throw new Error('the last session was lost')
    return (after - before) / SESSIONS
  } finally {
    db.close()
  }
}
