// Heap bytes per in-memory session (run by bench/scale.ts with --expose-gc): SESSIONS sessions
// created through SessionAuth.createSession, heap measured after a full GC before and after.
// Each user id is its own string, as when every login reads the user's row anew.
import { randomUUID } from 'node:crypto'
import { SessionAuth } from '../api/v1/auth/session_auth.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'
import { PasswordHasher } from '../models/password.js'
import { UserRepository } from '../models/user.js'

const gc = (globalThis as { gc?: () => void }).gc ?? ((): never => { throw new Error('run with node --expose-gc') })()

async function main(): Promise<void> {
  const count = Number(process.env.SESSIONS ?? '1000000')
  const users = new UserRepository(new SqliteUserStore(openDatabase(':memory:')), systemClock, new PasswordHasher(10))
  const auth = new SessionAuth({ sessionName: '_my_session_id' }, users)
  const userIds = Array.from({ length: 100_000 }, () => randomUUID())
  gc()
  const before = process.memoryUsage().heapUsed
  let last: string | null = null
  for (let i = 0; i < count; i += 1) last = await auth.createSession(Buffer.from(userIds[i % userIds.length] ?? '').toString())
  gc()
  const after = process.memoryUsage().heapUsed
  // Uses the sessions after the measure, or the collector could free them before it.
  const lastUser = await auth.userIdForSessionId(last)
  console.log(JSON.stringify({ sessions: count, bytesPerSession: (after - before) / count, heapUsedMb: after / 2 ** 20, lastUser }))
}

void main()
