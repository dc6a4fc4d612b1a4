// Runs the real server (api/v1/server.ts) as a child process on 127.0.0.1 and a free port, for
// tests and benchmarks that need real processes: signals, crashes, restarts.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:(\d+))/

export interface ServerProcess {
  readonly url: string
  readonly port: number
  readonly process: ChildProcess
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string
  /** Sends the signal and resolves with the exit code (null when a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** SIGKILL, then waits until the process is gone. */
  kill(): Promise<void>
}

export interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly output: string
}

/** Starts a child running the server with `env` over a minimal test environment. */
function launch(env: Record<string, string>): { child: ChildProcess, output: () => string, exited: Promise<Exit> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/v1/server.ts'], {
    cwd: ROOT,
    // No .env from the working copy: a test's environment is exactly what it passes.
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/dev/null', NODE_ENV: 'test', BCRYPT_ROUNDS: '4', API_HOST: '127.0.0.1', API_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  child.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString('utf8') })
  child.stderr?.on('data', (chunk: Buffer) => { text += chunk.toString('utf8') })
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, output: text }))
  })
  return { child, output: () => text, exited }
}

/** Starts the server and resolves once it listens; rejects with its output if it exits first. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const { child, output, exited } = launch(env)
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (): void => {
      const match = LISTENING.exec(output())
      if (match !== null) resolve(Number(match[2]))
    }
    child.stdout?.on('data', onData)
    void exited.then((exit) => reject(new Error(`server exited (${exit.code ?? exit.signal}) before listening:\n${exit.output}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output,
    async stop(signal = 'SIGTERM') {
      child.kill(signal)
      return (await exited).code
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** Runs the server expecting it to stop by itself (e.g. refusing its configuration). */
export async function runServerToExit(env: Record<string, string>, timeoutMs = 15_000): Promise<Exit> {
  const { child, exited } = launch(env)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  try {
    return await exited
  } finally {
    clearTimeout(timer)
  }
}
