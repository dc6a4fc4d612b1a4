// Entry point (python3 -m api.v1.app): reads .env and the environment, opens the database,
// listens, and shuts down cleanly on SIGINT/SIGTERM.
import 'dotenv/config'
import type { AddressInfo } from 'node:net'
import { createApp, type App } from './app.js'
import { openBackends, storageDescription, type Backends } from './backends.js'
import { loadConfig, type Config } from './config.js'
import { createHttpServer } from './http_server.js'
import { listenErrorMessage } from './listen_error.js'

async function main(): Promise<void> {
  let config: Config
  let backends: Backends
  let app: App
  try {
    config = loadConfig(process.env)
    // A connection lost while serving is retried in the background; each new cause is one line.
    backends = await openBackends(config, { onConnectionError: (error) => console.error(`koa-session-auth: ${error.message}`) })
    app = createApp(config, backends)
  } catch (error) {
    console.error(`koa-session-auth: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  // Header size, slow-client timeouts and keep-alive limits: see http_server.ts.
  const server = createHttpServer(app)
  // A port already taken, a host that does not resolve: one line naming the variable, exit code 1.
  function cannotListen(error: NodeJS.ErrnoException): void {
    console.error(`koa-session-auth: ${listenErrorMessage(error, config.host, config.port)}`)
    void backends.close().finally(() => process.exit(1))
  }
  server.once('error', cannotListen)
  server.listen(config.port, config.host, () => {
    server.off('error', cannotListen)
    const { address, port } = server.address() as AddressInfo
    const host = address.includes(':') ? `[${address}]` : address
    console.log(`koa-session-auth listening on http://${host}:${port} (AUTH_TYPE=${config.authType ?? 'unset: no auth'}, ${storageDescription(config)})`)
  })

  let stopping = false
  function stop(signal: string): void {
    if (stopping) return
    stopping = true
    console.log(`koa-session-auth: ${signal} received, finishing in-flight requests`)
    server.close(() => {
      void backends.close().finally(() => process.exit(0))
    })
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

void main()
