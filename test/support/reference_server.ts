// This project's real server as a separate process on a free loopback port, on a temporary SQLite
// file holding the exercise's reference user: what an outside client (the checker) talks to.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { devNull, tmpdir } from 'node:os'
import { join } from 'node:path'
import { BOB, TEST_BCRYPT_ROUNDS } from './app.js'

const START_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 10_000
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/

export interface ServerProcess {
  readonly url: string
  /** Stops the server (SIGTERM) and starts it again on the same port and database. */
  restart(): Promise<void>
  /** Stops the server and removes its database. */
  stop(): Promise<void>
}

/** Creates the reference user with bin/create_user.ts, then starts api/v1/server.ts with `env`. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-'))
  const baseEnv = { ...inherited(), NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, DB_PATH: join(dir, 'e2e.sqlite3'), API_HOST: '127.0.0.1' }
  try {
    await runToEnd(spawnTs('bin/create_user.ts', ['--email', BOB.email, '--password', BOB.password], baseEnv))
    let { child, port } = await listen(spawnTs('api/v1/server.ts', [], { ...baseEnv, ...env, API_PORT: '0' }))
    return {
      url: `http://127.0.0.1:${port}`,
      async restart() {
        await stopChild(child)
        child = (await listen(spawnTs('api/v1/server.ts', [], { ...baseEnv, ...env, API_PORT: String(port) }))).child
      },
      async stop() {
        await stopChild(child)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

// Only what node needs from this process's environment: the server's own variables come from the
// test alone, never from the shell that runs it or from a .env file in the checkout.
function inherited(): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, SystemRoot } = process.env
  return { PATH, HOME, TMPDIR, SystemRoot, DOTENV_CONFIG_PATH: devNull, DOTENV_CONFIG_QUIET: 'true' }
}

function spawnTs(script: string, args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
}

async function runToEnd(child: ChildProcess): Promise<void> {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`${child.spawnargs.join(' ')} exited with ${code}: ${stderr}`)
}

/** Resolves with the port once the server prints its listening line; rejects if it exits first. */
function listen(child: ChildProcess): Promise<{ child: ChildProcess, port: number }> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not listen within ${START_TIMEOUT_MS} ms: ${output}`))
    }, START_TIMEOUT_MS)
    const read = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = LISTENING.exec(output)
      if (match === null) return
      clearTimeout(timer)
      resolve({ child, port: Number(match[1]) })
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited with ${code} before listening: ${output}`))
    })
  })
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await exited
  clearTimeout(timer)
}
