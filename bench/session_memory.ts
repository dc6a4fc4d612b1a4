// Heap bytes per in-memory session, in a process of its own (node --expose-gc), so nothing else
// allocates during the measure and the measure stalls no one: SESSIONS sessions created through
// createSession of AUTH_TYPE's class (session_auth or session_exp_auth), heap read after a full GC
// before and after. The sessions share USERS user ids, each passed as its own string, as when
// every login reads the user's row anew. WARMUP_SESSIONS are made first and not counted: what the
// first sessions allocate (or free) once is not per session. Prints one JSON line.
// Run by bench/scale.ts and by npm run compare (bench/compare/heap.ts).
import { randomUUID } from 'node:crypto'
import { SessionAuth } from '../api/v1/auth/session_auth.js'
import { SessionExpAuth } from '../api/v1/auth/session_exp_auth.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'
import { PasswordHasher } from '../models/password.js'
import { UserRepository } from '../models/user.js'

const gc = (globalThis as { gc?: () => void }).gc ?? ((): never => { throw new Error('run with node --expose-gc') })()

async function main(): Promise<void> {
  const count = Number(process.env.SESSIONS ?? '1000000')
  const warmup = Number(process.env.WARMUP_SESSIONS ?? '0')
  const authType = process.env.AUTH_TYPE ?? 'session_auth'
  const users = new UserRepository(new SqliteUserStore(openDatabase(':memory:')), systemClock, new PasswordHasher(10))
  const options = { sessionName: '_my_session_id' }
  const auth = authType === 'session_auth' ? new SessionAuth(options, users)
    : authType === 'session_exp_auth' ? new SessionExpAuth({ ...options, sessionDuration: 3600 }, users, systemClock)
      : ((): never => { throw new Error(`AUTH_TYPE ${authType} keeps no sessions in memory`) })()
  // Flat copies: randomUUID's string is a tree of pieces, which the first read would flatten during
  // the measure, freeing more than a session adds.
  const userIds = Array.from({ length: Number(process.env.USERS ?? '100000') }, () => Buffer.from(randomUUID()).toString())
  let made = 0
  const createSessions = async (n: number): Promise<string | null> => {
    let last: string | null = null
    for (let i = 0; i < n; i += 1, made += 1) last = await auth.createSession(Buffer.from(userIds[made % userIds.length] ?? '').toString())
    return last
  }
  await createSessions(warmup)
  gc()
  const before = process.memoryUsage().heapUsed
  const last = await createSessions(count)
  gc()
  const after = process.memoryUsage().heapUsed
  // Uses the sessions after the measure, or the collector could free them before it.
  const lastUser = await auth.userIdForSessionId(last)
  if (lastUser === null) throw new Error('the last session was lost')
  console.log(JSON.stringify({ sessions: count, bytesPerSession: (after - before) / count, heapUsedMb: after / 2 ** 20, lastUser }))
}

void main()
