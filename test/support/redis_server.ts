// A throwaway redis-server for the tests that need a real Redis: loopback, a free port, its data in
// a temporary directory (no RDB snapshots; AOF when asked), stopped, killed, paused or restarted at
// will. A machine without redis-server fails at once with the command that installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openRedis, type RedisConnection } from '../../models/redis/client.js'

const STARTUP_TIMEOUT_MS = 10_000
const READY = /Ready to accept connections/

export interface RedisServerOptions {
  /** appendonly yes with appendfsync always: every acknowledged write is on disk first. */
  readonly appendOnly?: boolean
}

export interface RedisServer {
  readonly url: string
  readonly port: number
  /** Its data directory (the AOF lives there). */
  readonly dir: string
  /** A connection for the test itself (to look at keys); opened on first use, closed by remove(). */
  connection(): Promise<RedisConnection>
  /** SHUTDOWN NOSAVE as SIGTERM does; resolves once the process is gone. */
  stop(): Promise<void>
  /** SIGKILL: a crash; resolves once the process is gone. */
  kill(): Promise<void>
  /** SIGSTOP: alive, connections open, answering nothing (a hung Redis). */
  pause(): void
  /** SIGCONT after pause(). */
  resume(): void
  /** Starts it again on the same port and directory (after stop or kill). */
  start(): Promise<void>
  /** Stops it and removes its directory. */
  remove(): Promise<void>
}

/** Fails when redis-server is not installed, naming the command that installs it. */
export function assertRedisInstalled(): void {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' })
  if (found.error !== undefined || found.status !== 0) {
    throw new Error('redis-server is not installed; these tests need a real Redis: apt-get install -y redis-server')
  }
}

/** Starts a new redis-server; resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  assertRedisInstalled()
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-redis-'))
  const port = await freePort()
  const args = [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--daemonize', 'no',
    '--protected-mode', 'yes', '--maxmemory-policy', 'noeviction', '--loglevel', 'notice',
    ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ]
  let child = await launch(args)
  let connection: RedisConnection | undefined
  const gone = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async connection() {
      connection ??= await openRedis(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 2000 })
      return connection
    },
    stop: () => gone('SIGTERM'),
    kill: () => gone('SIGKILL'),
    pause: () => { child.kill('SIGSTOP') },
    resume: () => { child.kill('SIGCONT') },
    async start() { child = await launch(args) },
    async remove() {
      child.kill('SIGCONT')
      await connection?.close().catch(() => {})
      await gone('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return server
}

function launch(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
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

// A port nothing listens on now (the OS picks it); redis-server binds it an instant later.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
