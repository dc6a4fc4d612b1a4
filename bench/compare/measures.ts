// The measures of the compare scenario that take more than one request: the storage's growth per
// session, the median login, and the expiry probe of the short-lived server.
import type { ServerProcess } from '../../test/support/server_process.js'
import { logIn, me, type Account } from './client.js'
import { heapBytesPerSession } from './heap.js'
import { SHORT_TTL_SECONDS, type ComparedMode } from './modes.js'
import type { Measured, ModeReport } from './scenario.js'
import type { Storage } from './storage.js'

// Growth of the storage over `count` logins after a first one (which may create a per-user index).
export async function measureState(mode: ComparedMode, storage: Storage, url: string, bob: Account, count: number): Promise<ModeReport['stateBytes']> {
  if (storage.stateBytes === null) return { value: { bytes: await heapBytesPerSession(mode.authType), how: storage.how } }
  if (mode.flow === 'basic') return { value: { bytes: await storage.stateBytes(), how: storage.how } }
  await logIn(url, mode.flow, bob)
  const before = await storage.stateBytes()
  for (let i = 0; i < count; i += 1) await logIn(url, mode.flow, bob)
  return { value: { bytes: (await storage.stateBytes() - before) / count, how: storage.how } }
}

export async function medianLogin(mode: ComparedMode, url: string, bob: Account, count: number): Promise<Measured<number>> {
  if (mode.flow === 'basic') return { unmeasurable: 'no login: the password is checked on every request' }
  const times: number[] = []
  for (let i = 0; i < count; i += 1) {
    const start = performance.now()
    await logIn(url, mode.flow, bob)
    times.push(performance.now() - start)
  }
  times.sort((x, y) => x - y)
  return { value: times[Math.floor(times.length / 2)] ?? NaN }
}

export const PROBE_EVERY_MS = 100
export const PROBE_BEYOND_TTL_MS = 3000

// Logs in on S and sends the credential every 100 ms (never reading the cookie's Max-Age) until it
// is refused (403), or until 3 s past the lifetime S was given. Any other answer is an error.
export async function probeExpiry(server: ServerProcess, mode: ComparedMode, bob: Account): Promise<ModeReport['expiry']> {
  const credential = await logIn(server.url, mode.flow, bob)
  const start = performance.now()
  const answer = async (): Promise<number> => {
    const status = await me(server.url, credential)
    if (status !== 200 && status !== 403) throw new Error(`GET /users/me answered ${status} on the expiry probe:\n${server.output()}`)
    return status
  }
  if ((await answer()) !== 200) throw new Error('not logged in right after login')
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS))
    const status = await answer()
    // Read once the answer is in: on a loaded machine a request may wait, and the server judged it
    // when it ran it, not when it was sent.
    const seconds = (performance.now() - start) / 1000
    if (status === 403) return { value: { refused: true, seconds, ttl: SHORT_TTL_SECONDS } }
    if (seconds * 1000 > SHORT_TTL_SECONDS * 1000 + PROBE_BEYOND_TTL_MS) return { value: { refused: false, seconds, ttl: SHORT_TTL_SECONDS } }
  }
}
