// Root hooks of the whole test run (.mocharc.json): the run's shared servers stop after the last test.
import { stopSharedRedis } from './shared_redis.js'

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopSharedRedis()
  },
}
