// Root hooks of every mocha run: the throwaway PostgreSQL servers the tests started (if any) are
// stopped and their data removed once all tests ran.
import { stopAllPostgres } from './postgres_server.js'

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000)
    await stopAllPostgres()
  },
}
