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
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string
  /** Sends a signal (SIGTERM by default) and resolves with the exit code once it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** SIGKILL, as a crash would; resolves once the process is gone. Safe to call twice. */
  kill(): Promise<void>
}

/** Starts the server with `env` over test defaults; resolves once it listens. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/v1/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, ...env, API_HOST: '127.0.0.1', API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS)
    function fail(error: Error): void {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    function onData(chunk: Buffer): void {
      output += chunk.toString('utf8')
      const port = LISTENING.exec(output)?.[1]
      if (port === undefined) return
      clearTimeout(timer)
      resolve(handle(child, Number(port), exited, () => output))
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => fail(new Error(`server exited with code ${code} before listening:\n${output}`)))
  })
}

function handle(child: ChildProcess, port: number, exited: Promise<number | null>, output: () => string): ServerProcess {
  const running = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    url: `http://127.0.0.1:${port}`,
    port,
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
