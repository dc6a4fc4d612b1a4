// The bench's user, created through the real server's own API: a server without AUTH_TYPE takes
// POST /api/v1/users, and GET /api/v1/users/<id> then gives the exact JSON every mode must answer.
// Nothing here imports the app, so the bench keeps working while the app's insides change.
import { copyFileSync } from 'node:fs'
import { startServer } from './server_process.js'

export const BENCH_EMAIL = 'bob@hbtn.io'
export const BENCH_PASSWORD = 'H0lbertonSchool98!'

export interface SeededUser {
  readonly id: string
  /** The user's public JSON, as GET /api/v1/users/me returns it. */
  readonly json: string
  readonly basicHeader: string
}

export const BASIC_HEADER = `Basic ${Buffer.from(`${BENCH_EMAIL}:${BENCH_PASSWORD}`).toString('base64')}`

/**
 * Creates the database at `dbPath` with the bench user in it (password hashed at `bcryptRounds`)
 * by running the real server (`node ...serverArgs`) once; it is stopped, and the database closed,
 * before this returns.
 */
export async function createThroughServer(serverArgs: readonly string[], dbPath: string, workDir: string, bcryptRounds: number): Promise<SeededUser> {
  const env = { NODE_ENV: 'production', API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: dbPath, BCRYPT_ROUNDS: String(bcryptRounds) }
  const server = await startServer(serverArgs, env, workDir)
  if ('unavailable' in server) throw new Error(server.unavailable)
  try {
    const user = { email: BENCH_EMAIL, password: BENCH_PASSWORD, first_name: 'Bob', last_name: 'Dylan' }
    const created = await fetch(`${server.url}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) })
    const body: unknown = await created.json()
    if (created.status !== 201 || typeof body !== 'object' || body === null || !('id' in body) || typeof body.id !== 'string') {
      throw new Error(`creating the bench user: POST /api/v1/users answered ${created.status} ${JSON.stringify(body)}`)
    }
    const read = await fetch(`${server.url}/api/v1/users/${body.id}`)
    if (read.status !== 200) throw new Error(`reading the bench user: GET /api/v1/users/<id> answered ${read.status}`)
    return { id: body.id, json: await read.text(), basicHeader: BASIC_HEADER }
  } finally {
    await server.stop() // closes the database: the file alone is complete
  }
}

/** A copy of the seeded database for one server. */
export function copyDatabase(from: string, to: string): string {
  copyFileSync(from, to)
  return to
}
