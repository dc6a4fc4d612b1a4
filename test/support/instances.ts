// Two API server processes deployed as one: the same fresh PostgreSQL database (DATABASE_URL) and,
// in the Redis modes, the same key prefix on the run's Redis. Started together on the empty
// database, so both migrate it, one after the other.
import type { User } from '../../models/user.js'
import { BOB } from './app.js'
import type { Env } from './child_env.js'
import { tempPostgresDatabase, type TempPostgresDatabase } from './postgres_server.js'
import { seedPostgresUser } from './seed_user.js'
import { spawnServer, type ServerProcess } from './server_process.js'
import { freshPrefix, sharedRedis } from './shared_redis.js'

export interface Instances {
  readonly a: ServerProcess
  readonly b: ServerProcess
  /** Bob, stored in the shared database once both processes listen. */
  readonly bob: User
  readonly databaseUrl: string
}

const REDIS_MODES = new Set(['session_redis_auth', 'jwt_redis_auth'])

// Several tests log Bob in many times from one address: the login limit is not what they look at.
const NO_LOGIN_LIMIT = { LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '0' }

/** Mocha hooks in the calling describe: `use` receives the two processes of `env` (with AUTH_TYPE) before the tests; both killed, the database dropped, after. */
export function useTwoInstances(env: Env & { AUTH_TYPE: string }, use: (instances: Instances) => void): void {
  let database: TempPostgresDatabase | undefined
  let servers: ServerProcess[] = []
  before(async function () {
    database = await tempPostgresDatabase()
    const redis = REDIS_MODES.has(env.AUTH_TYPE) ? { REDIS_URL: (await sharedRedis()).url, REDIS_PREFIX: freshPrefix() } : {}
    const full = { ...NO_LOGIN_LIMIT, ...redis, ...env, DATABASE_URL: database.url }
    const started = await Promise.allSettled([spawnServer(full), spawnServer(full)])
    servers = started.flatMap((each) => (each.status === 'fulfilled' ? [each.value] : []))
    for (const each of started) if (each.status === 'rejected') throw each.reason
    const [a, b] = servers as [ServerProcess, ServerProcess]
    use({ a, b, bob: await seedPostgresUser(database.url, BOB.email, BOB.password), databaseUrl: database.url })
  })
  after(async function () {
    await Promise.all(servers.map((server) => server.kill()))
    await database?.drop()
  })
}
