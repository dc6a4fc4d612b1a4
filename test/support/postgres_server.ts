// A throwaway PostgreSQL for the tests (bench/throwaway_postgres.ts starts it). One server is
// started lazily per mocha process and shared (each test gets its own database); fault tests start
// a dedicated one they may stop, freeze and restart. Every server is stopped when mocha ends
// (mocha_hooks.ts), or killed at exit.
import { randomBytes } from 'node:crypto'
import { adminQuery, startThrowawayPostgres, type ThrowawayPostgres } from '../../bench/throwaway_postgres.js'

export { freePort } from '../../bench/free_port.js'

const INSTALL = 'install the dev dependencies with `npm ci`'

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
interface Registry { readonly servers: Set<ThrowawayPostgres>, shared: Promise<PostgresServer> | null }
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
  let server: ThrowawayPostgres
  try {
    server = await startThrowawayPostgres()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error ?? 'the server exited at start')
    throw new Error(`the tests' PostgreSQL could not start (${reason.trim()}); ${INSTALL}`, { cause: error })
  }
  servers.add(server)
  return {
    port: server.port,
    password: server.password,
    url: (database) => server.url(database),
    stop: () => server.stop(),
    start: () => server.start(),
    async remove() {
      servers.delete(server)
      await server.remove()
    },
    freeze: () => { running(server).signalAll('SIGSTOP') },
    thaw: () => { running(server).signalAll('SIGCONT') },
  }
}

/** Stops every server this process started and removes their data. */
export async function stopAllPostgres(): Promise<void> {
  registry.shared = null
  await Promise.all([...servers].map(async (server) => {
    servers.delete(server)
    await server.remove()
  }))
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
  const admin = (sql: string): Promise<void> => adminQuery(on, sql)
  await admin(`CREATE DATABASE ${name}`)
  return { url: on.url(name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

function running(server: ThrowawayPostgres): ThrowawayPostgres {
  if (server.pid() === undefined) throw new Error(`the tests' PostgreSQL is not running`)
  return server
}
