// Two server processes on one database file, in session_db_auth and in session_redis_auth (one
// Redis too): each sees the other's logins and logouts at once, since sessions live in the shared
// store, not in memory.
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { login, logout, me } from '../support/http_client.js'
import { seedStoredUser } from '../support/seed_user.js'
import { spawnServer, type ServerProcess } from '../support/server_process.js'
import { freshPrefix, sharedRedis } from '../support/shared_redis.js'

for (const mode of ['session_db_auth', 'session_redis_auth']) {
describe(`two ${mode} server processes on one database file`, function () {
  this.timeout(60_000)
  let dir: string
  let bob: User
  let servers: ServerProcess[] = []

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-'))
    const dbPath = join(dir, 'shared.sqlite3')
    bob = await seedStoredUser(dbPath, BOB.email, BOB.password)
    const redis: Record<string, string> = mode === 'session_redis_auth' ? { REDIS_URL: (await sharedRedis()).url, REDIS_PREFIX: freshPrefix() } : {}
    const env = { AUTH_TYPE: mode, SESSION_DURATION: '3600', DB_PATH: dbPath, ...redis }
    servers = await Promise.all([spawnServer(env), spawnServer(env)])
  })

  after(async function () {
    await Promise.all(servers.map((server) => server.kill()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers 200 on one process to a login made on the other, both ways', async function () {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    expect(await me(b, await login(a, BOB))).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await me(a, await login(b, BOB))).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('answers 403 on one process once the other logged the session out, and 200 to the untouched one', async function () {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const ended = await login(a, BOB)
    const kept = await login(a, BOB)
    expect(await logout(b, ended)).to.deep.equal({ status: 200, body: {} })
    expect(await me(a, ended)).to.deep.equal({ status: 403, body: { error: 'Forbidden' } })
    expect(await logout(a, ended)).to.deep.equal({ status: 403, body: { error: 'Forbidden' } })
    expect(await me(a, kept)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('answers 200 to each of 20 concurrent logins, alternating processes, looked up on the other process', async function () {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const [issuer, checker] = i % 2 === 0 ? [a, b] : [b, a]
      return me(checker, await login(issuer, BOB))
    }))
    expect(answers.filter((answer) => answer.status === 200)).to.have.length(20)
  })
})
}
