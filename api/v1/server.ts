// Entry point (python3 -m api.v1.app): reads .env and the environment, opens the database,
// listens, and shuts down cleanly on SIGINT/SIGTERM.
import 'dotenv/config'
import type { AddressInfo } from 'node:net'
import { systemClock } from '../../models/clock.js'
import { openDatabase, type Db } from '../../models/db.js'
import { UserSessionRepository } from '../../models/user_session.js'
import { createApp, type App } from './app.js'
import { SESSION_PURGE_INTERVAL_MS } from './auth/session_db_auth.js'
import { loadConfig, type Config } from './config.js'
import { createHttpServer } from './http_server.js'
import { listenErrorMessage } from './listen_error.js'

function main(): void {
  let config: Config
  let db: Db
  let app: App
  try {
    config = loadConfig(process.env)
    db = openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs })
    app = createApp(config, { db })
  } catch (error) {
    console.error(`koa-session-auth: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  const purgeTimer = startSessionPurge(config, db)
  // Header size, slow-client timeouts and keep-alive limits: see http_server.ts.
  const server = createHttpServer(app)
  // A port already taken, a host that does not resolve: one line naming the variable, exit code 1.
  function cannotListen(error: NodeJS.ErrnoException): void {
    console.error(`koa-session-auth: ${listenErrorMessage(error, config.host, config.port)}`)
    db.close()
    process.exit(1)
  }
  server.once('error', cannotListen)
  server.listen(config.port, config.host, () => {
    server.off('error', cannotListen)
    const { address, port } = server.address() as AddressInfo
    const host = address.includes(':') ? `[${address}]` : address
    console.log(`koa-session-auth listening on http://${host}:${port} (AUTH_TYPE=${config.authType ?? 'unset: no auth'}, DB_PATH=${config.dbPath})`)
  })

  let stopping = false
  function stop(signal: string): void {
    if (stopping) return
    stopping = true
    console.log(`koa-session-auth: ${signal} received, finishing in-flight requests`)
    server.close(() => {
      if (purgeTimer !== null) clearInterval(purgeTimer)
      db.close()
      process.exit(0)
    })
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

// session_db_auth also purges expired rows while nobody logs in (SPEC B11). The timer is unref'd:
// it never keeps the process alive on its own.
function startSessionPurge(config: Config, db: Db): NodeJS.Timeout | null {
  if (config.authType !== 'session_db_auth' || config.sessionDuration <= 0) return null
  const sessions = new UserSessionRepository(db, systemClock)
  const timer = setInterval(() => {
    sessions.purgeExpired(systemClock.now(), config.sessionDuration).catch((error: unknown) => {
      console.error(`koa-session-auth: session purge failed: ${error instanceof Error ? error.message : String(error)}`)
    })
  }, SESSION_PURGE_INTERVAL_MS)
  timer.unref()
  return timer
}

main()
