// A real server process (api/v1/server.ts under tsx) on 127.0.0.1 and a free port, for tests
// that restart it or run several at once. Every process started here can be killed by the test.
import { spawn, type ChildProcess } from 'node:child_process'
import { devNull } from 'node:os'
import { fileURLToPath } from 'node:url'
import { TEST_BCRYPT_ROUNDS } from './app.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SERVER = 'api/v1/server.ts'
const STARTUP_TIMEOUT_MS = 20_000
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

/** How a process is started beyond its own variables. */
export interface SpawnOptions {
  /** Only what node needs from this process's environment and no .env file, instead of all of it. */
  readonly cleanEnv?: boolean
  /** A fixed port (e.g. to restart on the same one) instead of a free one. */
  readonly port?: number
}

/** Starts the server with `env` over test defaults; resolves once it listens. */
export async function spawnServer(env: Record<string, string>, options: SpawnOptions = {}): Promise<ServerProcess> {
  const { child, output } = spawnScript(SERVER, [], env, options)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await listeningPort(child, output)
  return handle(child, port, exited, output)
}

export interface Exit {
  readonly code: number | null
  readonly output: string
}

/** Runs the server expecting it to stop by itself (e.g. refusing its database); SIGKILL after the timeout. */
export function runServerToExit(env: Record<string, string>, timeoutMs = STARTUP_TIMEOUT_MS): Promise<Exit> {
  return runToExit(SERVER, [], env, {}, timeoutMs)
}

/** Runs a TypeScript script of the repo (e.g. bin/create_user.ts) to its end; SIGKILL after the timeout. */
export function runToExit(script: string, args: readonly string[], env: Record<string, string>, options: SpawnOptions = {}, timeoutMs = STARTUP_TIMEOUT_MS): Promise<Exit> {
  const { child, output } = spawnScript(script, args, env, options)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(timer)
    resolve({ code, output: output() })
  }))
}

// The script under tsx from the repo root, on loopback (a free port unless given), its output collected from both streams.
function spawnScript(script: string, args: readonly string[], env: Record<string, string>, options: SpawnOptions): { child: ChildProcess, output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...baseEnv(options.cleanEnv === true), NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, ...env, API_HOST: '127.0.0.1', API_PORT: String(options.port ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
  return { child, output: () => output }
}

// A clean environment keeps the server's variables to the test's alone: none from the shell that
// runs it, none from a .env file in the checkout.
function baseEnv(clean: boolean): NodeJS.ProcessEnv {
  if (!clean) return process.env
  const { PATH, HOME, TMPDIR, SystemRoot } = process.env
  return { PATH, HOME, TMPDIR, SystemRoot, DOTENV_CONFIG_PATH: devNull, DOTENV_CONFIG_QUIET: 'true' }
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
