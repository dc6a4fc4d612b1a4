// One redis-server for the whole test run, started on first use (a run that needs no Redis starts
// none) and stopped by the root hook (mocha_hooks.ts). Each app or store gets its own key prefix,
// so tests sharing the server never see each other's keys.
import type { RedisConnection } from '../../models/redis/client.js'
import { startRedisServer, type RedisServer } from './redis_server.js'

// Kept on globalThis: mocha may load the root hook file as another instance of this module than the
// tests import, and both must see the one server.
interface Shared { server?: Promise<RedisServer> | undefined, prefixes: number }
const KEY = Symbol.for('koa-session-auth.test.sharedRedis')
const shared: Shared = ((globalThis as Record<symbol, Shared | undefined>)[KEY] ??= { prefixes: 0 })

/** The run's Redis, started now if it is not yet. */
export function sharedRedis(): Promise<RedisServer> {
  shared.server ??= startRedisServer()
  return shared.server
}

/** A key prefix no other test of this run uses. */
export function freshPrefix(): string {
  shared.prefixes += 1
  return `test:${process.pid}:${shared.prefixes}:`
}

/**
 * A connection to the run's Redis usable at once, for code that must be built synchronously
 * (buildApp): each command first waits for the server and the connection to be up.
 */
export function sharedConnection(): RedisConnection {
  const ready = sharedRedis().then((server) => server.connection())
  return {
    run: async (command) => (await ready).run(command),
    // The run's connection outlives each app; the root hook closes it with the server.
    close: async () => {},
  }
}

/** Stops the run's Redis if it was started (the root hook calls this after every test). */
export async function stopSharedRedis(): Promise<void> {
  const server = await shared.server?.catch(() => undefined)
  shared.server = undefined
  await server?.remove()
}

/** Every key of `server` that starts with `prefix`, sorted (SCAN, never KEYS). */
export async function keysUnder(server: RedisServer, prefix: string): Promise<string[]> {
  const connection = await server.connection()
  return connection.run(async (client) => {
    const keys: string[] = []
    for await (const batch of client.scanIterator({ MATCH: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, COUNT: 1000 })) keys.push(...batch)
    return keys.sort()
  })
}
