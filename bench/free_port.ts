// A free port on 127.0.0.1 for the throwaway servers (Redis, PostgreSQL) the bench and the tests start.
import { createServer } from 'node:net'

/** A port nothing listens on now: bound and released, for a server to take an instant later. */
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
