// Entry point (python3 -m api.v1.app): reads .env and the environment, opens the database,
// listens, and shuts down cleanly on SIGINT/SIGTERM.
import 'dotenv/config'
import type { AddressInfo } from 'node:net'
import { openDatabase } from '../../models/sqlite/db.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import type { Storage } from '../../models/storage.js'
import { createApp, type App } from './app.js'
import { loadConfig, type Config } from './config.js'
import { createHttpServer } from './http_server.js'
import { listenErrorMessage } from './listen_error.js'

function main(): void {
  let config: Config
  let storage: Storage
  let app: App
  try {
    config = loadConfig(process.env)
    storage = sqliteStorage(openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs }))
    app = createApp(config, { storage })
  } catch (error) {
    console.error(`koa-session-auth: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  // Header size, slow-client timeouts and keep-alive limits: see http_server.ts.
  const server = createHttpServer(app)
  // A port already taken, a host that does not resolve: one line naming the variable, exit code 1.
  function cannotListen(error: NodeJS.ErrnoException): void {
    console.error(`koa-session-auth: ${listenErrorMessage(error, config.host, config.port)}`)
    storage.close()
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
      storage.close()
      process.exit(0)
    })
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main()
