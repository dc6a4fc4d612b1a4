// A throwaway redis-server for the tests that need a real Redis (bench/throwaway_redis.ts starts
// it), with what only tests do to it: a connection to look at keys, a stop, a crash, a hang.
import { openRedis, type RedisConnection } from '../../models/redis/client.js'
import { startThrowawayRedis, type ThrowawayRedisOptions } from '../../bench/throwaway_redis.js'

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

/** Starts a new redis-server; resolves once it accepts connections. */
export async function startRedisServer(options: Pick<ThrowawayRedisOptions, 'appendOnly'> = {}): Promise<RedisServer> {
  const redis = await startThrowawayRedis(options)
  let connection: RedisConnection | undefined
  return {
    url: redis.url,
    port: redis.port,
    dir: redis.dir,
    async connection() {
      connection ??= await openRedis(redis.url, { commandTimeoutMs: 2000 })
      return connection
    },
    stop: () => redis.end('SIGTERM'),
    kill: () => redis.end('SIGKILL'),
    pause: () => redis.signal('SIGSTOP'),
    resume: () => redis.signal('SIGCONT'),
    start: () => redis.start(),
    async remove() {
      redis.signal('SIGCONT')
      await connection?.close().catch(() => {})
      await redis.remove()
    },
  }
}
