// Starts a server as a child process on a free loopback port, reads its URL from its first
// "listening on" line, and stops it by its pid. Its cwd is a temporary directory: no .env is read.
// A command prefix (taskset -c N) can pin it to a core; the prefix execs node, so the pid is node's.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

export interface RunningServer {
  readonly url: string
  readonly pid: number
  /** Bytes the server wrote to stdout since it listened (its log lines, drained and counted). */
  stdoutBytes(): number
  /** Null while the server runs; once it has exited, how (exit code or signal, end of its stderr). */
  exited(): string | null
  stop(): Promise<void>
}

/** The server exited at start because it does not know the requested AUTH_TYPE. */
export interface UnavailableServer {
  readonly unavailable: string
}

/** The tsx loader, resolved here: a server's cwd is a temporary directory with no node_modules. */
export const TSX_LOADER = import.meta.resolve('tsx')

const running = new Set<ChildProcess>()
// An exit while servers run (an error, Ctrl-C): none outlives the bench.
process.once('exit', () => { for (const child of running) child.kill('SIGKILL') })

/** Kills `child` if this process exits while it still runs (the tests' server processes use it too). */
export function killOnExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
}

/**
 * Ctrl-C or a kill: `stop` runs (throwaway Redis and PostgreSQL stop cleanly), then the process
 * exits, and the exit hooks end whatever server processes are left.
 */
export function stopOnSignals(name: string, stop: () => Promise<unknown> | undefined): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${name}: ${signal}, stopping`)
      void Promise.resolve(stop()).catch(() => {}).finally(() => process.exit(130))
    })
  }
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/
const UNKNOWN_AUTH_TYPE = /AUTH_TYPE must be one of[^\n]*/

/** Runs `[...prefix] node ...args` with exactly `env` (plus PATH) and waits until it listens. */
export async function startServer(
  args: readonly string[], env: Readonly<Record<string, string>>, cwd: string, prefix: readonly string[] = [],
): Promise<RunningServer | UnavailableServer> {
  const [command, ...rest] = [...prefix, process.execPath, ...args]
  const child = spawn(command ?? process.execPath, rest, {
    cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  killOnExit(child)
  let stdout = ''
  let stderr = ''
  let logBytes = 0
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  const url = await new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start within 20 s: ${stderr}`))
    }, 20_000)
    const read = (chunk: Buffer): void => {
      stdout += chunk.toString()
      const match = LISTENING.exec(stdout)
      if (match?.[1] === undefined) return
      clearTimeout(timer)
      // From here on the server's log lines are drained and only counted: keeping them would cost
      // the load generator, which shares this process, more the longer a run lasts.
      child.stdout.off('data', read)
      child.stdout.on('data', (chunk: Buffer) => { logBytes += chunk.length })
      resolve(match[1])
    }
    child.stdout.on('data', read)
    child.on('exit', () => { clearTimeout(timer); resolve(null) })
  })
  if (url !== null) {
    const exited = (): string | null => (child.exitCode === null && child.signalCode === null ? null : `exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`)
    return { url, pid: child.pid ?? -1, stdoutBytes: () => logBytes, exited, stop: () => stopChild(child) }
  }
  const unknown = UNKNOWN_AUTH_TYPE.exec(stderr)
  if (unknown !== null) return { unavailable: unknown[0] }
  throw new Error(`server exited at start (${child.exitCode}): ${stderr || stdout}`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
