// Entry point (python3 -m api.v1.app): reads .env and the environment, opens the database,
// listens, and shuts down cleanly on SIGINT/SIGTERM.
import 'dotenv/config'
import type { AddressInfo } from 'node:net'
import { openDatabase, type Db } from '../../models/db.js'
import { createApp } from './app.js'
import { loadConfig, type Config } from './config.js'

function main(): void {
  let config: Config
  let db: Db
  try {
    config = loadConfig(process.env)
    db = openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs })
  } catch (error) {
    console.error(`koa-session-auth: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  const app = createApp(config, { db })
  const server = app.listen(config.port, config.host, () => {
    const { address, port } = server.address() as AddressInfo
    const host = address.includes(':') ? `[${address}]` : address
    console.log(`koa-session-auth listening on http://${host}:${port} (AUTH_TYPE=${config.authType ?? 'unset: no auth'}, DB_PATH=${config.dbPath})`)
  })
  // Slow clients cannot hold a connection open for long (Node defaults: 60 s and 300 s).
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  server.keepAliveTimeout = 5_000

  let stopping = false
  function stop(signal: string): void {
    if (stopping) return
    stopping = true
    console.log(`koa-session-auth: ${signal} received, finishing in-flight requests`)
    server.close(() => {
      db.close()
      process.exit(0)
    })
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main()
