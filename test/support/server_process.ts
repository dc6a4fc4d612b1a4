// A real server process (api/v1/server.ts under tsx) on 127.0.0.1 and a free port, for tests
// that restart it or run several at once. Every process started here can be killed by the test,
// and none outlives the test process.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { killOnExit, TSX_LOADER } from '../../bench/server_process.js'
import { TEST_BCRYPT_ROUNDS } from './app.js'
import { childEnv, type Env } from './child_env.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SERVER = 'api/v1/server.ts'
const STARTUP_TIMEOUT_MS = 20_000
// The whole line, so a test reading the rest of it (AUTH_TYPE, DB_PATH) finds it complete.
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)[^\n]*\n/

export interface ServerProcess {
  readonly url: string
  readonly port: number
  /** The child process itself: its pid, its exitCode (null while it runs). */
  readonly process: ChildProcess
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string
  /** Resolves once the process exited and its output ended: nothing it wrote is missing then. */
  readonly closed: Promise<Closed>
  /** Sends a signal (SIGTERM by default) and resolves with the exit code once it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** SIGKILL, as a crash would; resolves once the process is gone. Safe to call twice. */
  kill(): Promise<void>
}

export interface Closed {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/**
 * How a process is started beyond its own variables (an undefined one is left unset). Its
 * environment is the test's variables alone (see child_env.ts): none from the shell, no .env.
 */
export interface SpawnOptions {
  /** Reads the .env of `cwd`, which must then be a directory outside the checkout. */
  readonly dotenv?: boolean
  /** A fixed port (e.g. to restart on the same one) instead of a free one. */
  readonly port?: number
  /** API_HOST, 127.0.0.1 by default (the listening line is only recognized there). */
  readonly host?: string
  /** Its working directory; the repo root by default. */
  readonly cwd?: string
  /** A command that runs node in turn, e.g. prlimit with a limit; its arguments, then node's. */
  readonly prefix?: readonly string[]
}

/** Starts the server with `env` over test defaults; resolves once it listens. */
export async function spawnServer(env: Env, options: SpawnOptions = {}): Promise<ServerProcess> {
  const { child, output } = spawnScript(SERVER, [], env, options)
  const ends = endsOf(child)
  const port = await listeningPort(child, output)
  return handle(child, port, output, ends)
}

export interface Exit {
  readonly code: number | null
  readonly output: string
  /** What it wrote on stderr alone. */
  readonly stderr: string
}

/** Runs the server expecting it to stop by itself (e.g. refusing its database); SIGKILL after the timeout. */
export function runServerToExit(env: Env, options: SpawnOptions = {}, timeoutMs = STARTUP_TIMEOUT_MS): Promise<Exit> {
  return runToExit(SERVER, [], env, options, timeoutMs)
}

/** Runs a TypeScript script of the repo (e.g. bin/create_user.ts) to its end; SIGKILL after the timeout. */
export function runToExit(script: string, args: readonly string[], env: Env, options: SpawnOptions = {}, timeoutMs = STARTUP_TIMEOUT_MS): Promise<Exit> {
  const { child, output, stderr } = spawnScript(script, args, env, options)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(timer)
    resolve({ code, output: output(), stderr: stderr() })
  }))
}

// The script under tsx from the repo root, on loopback (a free port unless given), output collected.
function spawnScript(script: string, args: readonly string[], env: Env, options: SpawnOptions): Spawned {
  const cwd = options.cwd ?? ROOT
  const [command = process.execPath, ...prefixArgs] = [...(options.prefix ?? []), process.execPath]
  // tsx by URL and scripts by absolute path, so a process can run in a directory outside the repo.
  const child = spawn(command, [...prefixArgs, '--import', TSX_LOADER, join(ROOT, script), ...args], {
    cwd,
    env: childEnv({ NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, ...env, API_HOST: options.host ?? '127.0.0.1', API_PORT: String(options.port ?? 0) }, { dotenv: options.dotenv, cwd }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  killOnExit(child)
  let output = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); output += chunk.toString('utf8') })
  return { child, output: () => output, stderr: () => stderr }
}

interface Spawned { readonly child: ChildProcess, output(): string, stderr(): string }

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

// Listened to from the start, so an end that comes before anyone waits for it is not missed.
function endsOf(child: ChildProcess): { exited: Promise<number | null>, closed: Promise<Closed> } {
  return {
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    closed: new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal }))),
  }
}

function handle(child: ChildProcess, port: number, output: () => string, { exited, closed }: ReturnType<typeof endsOf>): ServerProcess {
  const running = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    closed,
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
