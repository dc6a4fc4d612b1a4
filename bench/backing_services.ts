// The Redis and the PostgreSQL of one `npm run bench`: one throwaway redis-server and one throwaway
// PostgreSQL (loopback, temp dirs), started once, shared by every server that needs one, pinned to
// the servers' CPU like the servers themselves, and stopped at the end, even after a failure.
// Each server gets its own Redis key prefix, and its own database copied from the seeded one.
import type { Service } from './modes.js'
import { allowedCpus, pinRunning } from './pinning.js'
import { adminQuery, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway_postgres.js'
import { startThrowawayRedis, type ThrowawayRedis } from './throwaway_redis.js'

const SEED_DATABASE = 'bench_seed'

export interface BackingServices {
  readonly redisUrl: string
  /** A key prefix no other server of this bench uses. */
  redisPrefix(): string
  /** The URL of a new database holding exactly the bench user, for one server. */
  database(): Promise<string>
  /** Stops both and removes their data; safe to call twice. */
  stop(): Promise<void>
}

export interface ServiceOptions {
  /** The servers' pinning prefix (taskset -c N); empty when not pinning. */
  readonly prefix: readonly string[]
  /** Fills the database at `url` with the bench user. */
  readonly seed: (url: string) => Promise<void>
}

/** Starts Redis and PostgreSQL, seeds the template database and checks the pinning. */
export async function startBackingServices(options: ServiceOptions): Promise<BackingServices> {
  let redis: ThrowawayRedis | null = null
  let postgres: ThrowawayPostgres | null = null
  let stopped: Promise<void> | null = null
  const stop = (): Promise<void> => (stopped ??= Promise.all([redis?.remove(), postgres?.remove()]).then(() => {}))
  try {
    redis = await startThrowawayRedis({ prefix: options.prefix })
    postgres = await startThrowawayPostgres()
    await adminQuery(postgres, `CREATE DATABASE ${SEED_DATABASE}`)
    await options.seed(postgres.url(SEED_DATABASE))
    pinRunning(postgres.pids(), options.prefix)
    checkPinned({ redis: [redis.pid() ?? -1], postgres: postgres.pids() }, options.prefix)
  } catch (error) {
    await stop()
    throw error
  }
  let servers = 0
  const pg = postgres
  return {
    redisUrl: redis.url,
    redisPrefix: () => `bench:${(servers += 1)}:`,
    async database() {
      const name = `bench_${(servers += 1)}`
      await adminQuery(pg, `CREATE DATABASE ${name} TEMPLATE ${SEED_DATABASE}`)
      return pg.url(name)
    },
    stop,
  }
}

function checkPinned(pids: Readonly<Record<Service, readonly number[]>>, prefix: readonly string[]): void {
  const cpus = prefix.at(-1)
  if (cpus === undefined) return
  for (const [service, list] of Object.entries(pids)) {
    if (list.length === 0 || list.some((pid) => allowedCpus(pid)?.join(',') !== cpus)) throw new Error(`${service} is not on the servers' CPU ${cpus}`)
  }
}
