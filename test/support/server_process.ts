// A real server process (api/v1/server.ts under tsx) on 127.0.0.1 and a free port, for tests
// that restart it or run several at once. Every process started here can be killed by the test.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { TEST_BCRYPT_ROUNDS } from './app.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const STARTUP_TIMEOUT_MS = 15_000
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/

export interface ServerProcess {
  readonly url: string
  readonly port: number
  /** The child process itself: its pid, its exitCode (null while it runs). */
  readonly process: ChildProcess
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string
  /** Sends a signal (SIGTERM by default) and resolves with the exit code once it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** SIGKILL, as a crash would; resolves once the process is gone. Safe to call twice. */
  kill(): Promise<void>
}

/** Starts the server with `env` over test defaults; resolves once it listens. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/v1/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, ...env, API_HOST: '127.0.0.1', API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await listeningPort(child, () => output)
  return handle(child, port, exited, () => output)
}

// The port the server announces on its first lines; a server that exits or stays silent fails.
function listeningPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start in ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS)
    function fail(reason: string): void {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`server ${reason}:\n${output()}`))
    }
    function check(): void {
      const port = LISTENING.exec(output())?.[1]
      if (port === undefined) return
      clearTimeout(timer)
      child.stdout?.off('data', check)
      resolve(Number(port))
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => fail(`exited with code ${code} before listening`))
  })
}

function handle(child: ChildProcess, port: number, exited: Promise<number | null>, output: () => string): ServerProcess {
  const running = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output,
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal)
      return exited
    },
    async kill() {
      if (running()) child.kill('SIGKILL')
      await exited
    },
  }
}

export interface Exit {
  readonly code: number | null
  readonly output: string
}

/** Runs the server expecting it to stop by itself (e.g. refusing its database); SIGKILL after the timeout. */
export function runServerToExit(env: Record<string, string>, timeoutMs = STARTUP_TIMEOUT_MS): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/v1/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, ...env, API_HOST: '127.0.0.1', API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(timer)
    resolve({ code, output })
  }))
}
