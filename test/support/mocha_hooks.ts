// Root hooks of the whole test run (.mocharc.json): the run's shared servers (the throwaway
// PostgreSQL servers and Redis the tests started, if any) stop, and their data goes, after the last test.
import { stopAllPostgres } from './postgres_server.js'
import { stopSharedRedis } from './shared_redis.js'

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000)
    await Promise.all([stopAllPostgres(), stopSharedRedis()])
  },
}
