// Sessions and a real restart of the server process (0x02 task 10): a session_db_auth cookie still
// works after the process is killed and started again on the same database file; an in-memory one
// does not (the problem task 10 solves).
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { seedStoredUser } from '../support/seed_user.js'
import { spawnServer, type ServerProcess } from '../support/server_process.js'
import { login, logout, me } from '../support/http_client.js'

describe('a server process restarted on the same database file', function () {
  this.timeout(60_000)
  let dir: string
  let dbPath: string
  let bob: User
  const started: ServerProcess[] = []

  async function start(env: Record<string, string>): Promise<ServerProcess> {
    const server = await spawnServer({ DB_PATH: dbPath, ...env })
    started.push(server)
    return server
  }

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-'))
    dbPath = join(dir, 'restart.sqlite3')
    bob = await seedStoredUser(dbPath, BOB.email, BOB.password)
  })

  afterEach(async function () {
    await Promise.all(started.splice(0).map((server) => server.kill()))
  })

  after(function () {
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers 200 with the user to a session_db_auth cookie after a SIGKILL and a restart, and 403 after logout', async function () {
    const env = { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' }
    const first = await start(env)
    const sessionId = await login(first, BOB)
    expect(await me(first, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
    await first.kill()

    const second = await start(env)
    expect(await me(second, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await logout(second, sessionId)).to.deep.equal({ status: 200, body: {} })
    expect(await me(second, sessionId)).to.deep.equal({ status: 403, body: { error: 'Forbidden' } })
    await second.kill()

    const third = await start(env)
    expect(await me(third, sessionId)).to.deep.equal({ status: 403, body: { error: 'Forbidden' } })
  })

  it('stops with exit code 0 on SIGTERM, purge timer running, and serves the same session after the restart', async function () {
    const env = { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '60' }
    const first = await start(env)
    const sessionId = await login(first, BOB)
    expect(await first.stop('SIGTERM')).to.equal(0)
    const second = await start(env)
    expect(await me(second, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('answers 403 to a session_exp_auth cookie after a restart: in-memory sessions are forgotten', async function () {
    const env = { AUTH_TYPE: 'session_exp_auth', SESSION_DURATION: '3600' }
    const first = await start(env)
    const sessionId = await login(first, BOB)
    expect(await me(first, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
    await first.kill()

    const second = await start(env)
    expect(await me(second, sessionId)).to.deep.equal({ status: 403, body: { error: 'Forbidden' } })
  })
})
