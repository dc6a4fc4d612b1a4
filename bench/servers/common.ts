// What the bench's comparison servers share: the bench user (BENCH_USER_JSON, the JSON the real
// server answers for GET /api/v1/users/me), the "listening on" line the bench waits for, and a
// clean stop on SIGTERM.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BenchUser {
  readonly id: string
  /** The parsed JSON; each framework serializes it per response, as the real server does. */
  readonly body: Readonly<Record<string, unknown>>
}

export function benchUser(): BenchUser {
  const body: unknown = JSON.parse(process.env.BENCH_USER_JSON ?? 'null')
  if (typeof body !== 'object' || body === null || !('id' in body) || typeof body.id !== 'string') {
    throw new Error('BENCH_USER_JSON must hold the bench user\'s JSON')
  }
  return { id: body.id, body: { ...body } }
}

/** Prints the line bench/server_process.ts reads once `server` listens; closes it on SIGTERM. */
export function announce(server: Server, name: string): void {
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo
    console.log(`${name} listening on http://127.0.0.1:${port}`)
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}
