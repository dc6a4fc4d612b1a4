// This project's real server as a separate process on a free loopback port, on a temporary SQLite
// file holding the exercise's reference user: what an outside client (the checker) talks to.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BOB } from './app.js'
import { runToExit, spawnServer, type ServerProcess } from './server_process.js'

const STOP_TIMEOUT_MS = 10_000

export interface ReferenceServer {
  readonly url: string
  /** Stops the server (SIGTERM) and starts it again on the same port and database. */
  restart(): Promise<void>
  /** Stops the server and removes its database. */
  stop(): Promise<void>
}

/** Creates the reference user with bin/create_user.ts, then starts api/v1/server.ts with `env`. */
export async function startServerProcess(env: Record<string, string>): Promise<ReferenceServer> {
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-'))
  const serverEnv = { DB_PATH: join(dir, 'e2e.sqlite3'), ...env }
  try {
    await createReferenceUser(serverEnv.DB_PATH)
    let server = await spawnServer(serverEnv)
    const { port } = server
    return {
      url: server.url,
      async restart() {
        await stopWithin(server, STOP_TIMEOUT_MS)
        server = await spawnServer(serverEnv, { port })
      },
      async stop() {
        await stopWithin(server, STOP_TIMEOUT_MS)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

async function createReferenceUser(dbPath: string): Promise<void> {
  const exit = await runToExit('bin/create_user.ts', ['--email', BOB.email, '--password', BOB.password], { DB_PATH: dbPath })
  if (exit.code !== 0) throw new Error(`bin/create_user.ts exited with ${exit.code}: ${exit.output}`)
}

/** SIGTERM, then SIGKILL if the server has not exited after `timeoutMs`. */
async function stopWithin(server: ServerProcess, timeoutMs: number): Promise<void> {
  const timer = setTimeout(() => void server.kill(), timeoutMs)
  await server.stop()
  clearTimeout(timer)
}
