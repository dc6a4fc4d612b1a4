// Bench-only server for `npm run bench:scale`: the real app (createApp) in this process, in
// session_auth mode, whose in-memory SessionAuth holds SCALE_SESSIONS sessions spread over the
// users of DB_PATH before it listens: logging in a million times over HTTP would take hours.
import type { AddressInfo } from 'node:net'
import { createApp } from '../api/v1/app.js'
import { SessionAuth } from '../api/v1/auth/session_auth.js'
import { loadConfig } from '../api/v1/config.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { sqliteStorage } from '../models/sqlite/storage.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'
import { PasswordHasher } from '../models/password.js'
import { UserRepository } from '../models/user.js'

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, AUTH_TYPE: 'session_auth' })
  const db = openDatabase(config.dbPath)
  const users = new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(config.bcryptRounds))
  const auth = new SessionAuth({ sessionName: config.sessionName }, users)
  const ids = db.prepare('SELECT id FROM users').pluck().all() as string[]
  const sessions = Number(process.env.SCALE_SESSIONS ?? '0')
  for (let i = 0; i < sessions; i += 1) await auth.createSession(ids[i % ids.length])
  const server = createApp(config, { storage: sqliteStorage(db), auth }).listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo
    console.log(`scale-server listening on http://127.0.0.1:${port} (${ids.length} users, ${sessions} sessions)`)
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}

void main()
