// A throwaway redis-server, shared by `npm run bench` and the tests: loopback, a free port, its data
// in a temporary directory (no RDB snapshots; AOF when asked), killed if this process exits while it
// still runs. A machine without redis-server fails at once with the command that installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free_port.js'

const STARTUP_TIMEOUT_MS = 10_000
const READY = /Ready to accept connections/
const running = new Set<ChildProcess>()
const dirs = new Set<string>()

export interface ThrowawayRedisOptions {
  /** appendonly yes with appendfsync always: every acknowledged write is on disk first. */
  readonly appendOnly?: boolean
  /** Put before `redis-server` (taskset -c N to pin it); the prefix must exec it. */
  readonly prefix?: readonly string[]
}

export interface ThrowawayRedis {
  readonly url: string
  readonly port: number
  /** Its data directory (the AOF lives there). */
  readonly dir: string
  /** The redis-server process, or null when it is not running. */
  pid(): number | null
  /** Sends a signal; resolves once the process is gone (at once if it is not running). */
  end(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>
  /** Sends a signal that does not end it (SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void
  /** Starts it again on the same port and directory (after end). */
  start(): Promise<void>
  /** Kills it and removes its directory. */
  remove(): Promise<void>
}

/** Fails when redis-server is not installed, naming the command that installs it. */
export function assertRedisInstalled(): void {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' })
  if (found.error !== undefined || found.status !== 0) {
    throw new Error('redis-server is not installed; a real Redis is needed here: apt-get install -y redis-server')
  }
}

/** Starts a new redis-server; resolves once it accepts connections. */
export async function startThrowawayRedis(options: ThrowawayRedisOptions = {}): Promise<ThrowawayRedis> {
  assertRedisInstalled()
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-redis-'))
  dirs.add(dir)
  const port = await freePort()
  const args = [
    ...(options.prefix ?? []), 'redis-server', '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '',
    '--daemonize', 'no', '--protected-mode', 'yes', '--maxmemory-policy', 'noeviction', '--loglevel', 'notice',
    ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ]
  let child = await launch(args).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    dirs.delete(dir)
    throw error
  })
  const alive = (): boolean => child.exitCode === null && child.signalCode === null
  const end = async (signal: 'SIGTERM' | 'SIGKILL'): Promise<void> => {
    if (!alive()) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    pid: () => (alive() ? child.pid ?? null : null),
    end,
    signal: (signal) => { if (alive()) child.kill(signal) },
    async start() { child = await launch(args) },
    async remove() {
      if (alive()) child.kill('SIGCONT')
      await end('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
      dirs.delete(dir)
    },
  }
}

function launch(args: readonly string[]): Promise<ChildProcess> {
  const [command = 'redis-server', ...rest] = args
  const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start in ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS)
    function fail(reason: string): void {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`redis-server ${reason}:\n${output}`))
    }
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      if (!READY.test(output)) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
      child.stdout?.resume()
      resolve(child)
    }
    const onExit = (code: number | null): void => fail(`exited with code ${code}`)
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.once('exit', onExit)
    child.once('error', (error) => fail(error.message))
  })
}

// An exit without remove() (an error, Ctrl-C, a forced exit): no redis-server outlives us.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
