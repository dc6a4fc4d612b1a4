// Two session_db_auth server processes on one PostgreSQL database (DATABASE_URL) behave as one:
// users, logins, logouts and deletions made on one are seen by the other at once.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { call, login, logout, me } from '../support/http_client.js'
import { tempPostgresDatabase, type TempPostgresDatabase } from '../support/postgres_server.js'
import { seedPostgresUser } from '../support/seed_user.js'
import { spawnServer, type ServerProcess } from '../support/server_process.js'

const FORBIDDEN = { status: 403, body: { error: 'Forbidden' } }

describe('two session_db_auth server processes on one PostgreSQL database', function () {
  this.timeout(60_000)
  let database: TempPostgresDatabase
  let bob: User
  let a: ServerProcess
  let b: ServerProcess

  before(async function () {
    database = await tempPostgresDatabase()
    // Started together on an empty database: both migrate it, one after the other.
    const env = { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600', DATABASE_URL: database.url }
    ;[a, b] = await Promise.all([spawnServer(env), spawnServer(env)])
    bob = await seedPostgresUser(database.url, BOB.email, BOB.password)
  })

  after(async function () {
    await Promise.all([a, b].map((server) => server?.kill()))
    await database.drop()
  })

  it('names the database without its password on the listening line', function () {
    for (const server of [a, b]) {
      expect(server.output()).to.include(`DATABASE_URL=${database.url.replace(/:[^:@/]+@/, '@')})`)
      expect(server.output()).to.not.include(new URL(database.url).password)
    }
  })

  it('answers 200 on one process to a login made on the other, both ways', async function () {
    expect(await me(b, await login(a, BOB))).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await me(a, await login(b, BOB))).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('lets a user created on one process log in on the other', async function () {
    const admin = `_my_session_id=${await login(a, BOB)}`
    const created = await call(a.url, 'POST', '/api/v1/users', { cookie: admin, json: { email: 'alice@hbtn.io', password: 'alice pwd' } })
    expect(created.status).to.equal(201)
    expect(await me(b, await login(b, { email: 'alice@hbtn.io', password: 'alice pwd' }))).to.deep.equal({ status: 200, body: created.body })
  })

  it('answers 403 on one process at once after a logout on the other, and 200 to the untouched session', async function () {
    const ended = await login(a, BOB)
    const kept = await login(a, BOB)
    expect(await logout(b, ended)).to.deep.equal({ status: 200, body: {} })
    expect(await me(a, ended)).to.deep.equal(FORBIDDEN)
    expect(await logout(a, ended)).to.deep.equal(FORBIDDEN)
    expect(await me(a, kept)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('ends on one process every session of a user after DELETE /users/me/sessions on the other', async function () {
    const onA = await Promise.all([login(a, BOB), login(a, BOB)])
    const onB = await login(b, BOB)
    const ended = await call(b.url, 'DELETE', '/api/v1/users/me/sessions', { cookie: `_my_session_id=${onB}` })
    expect({ status: ended.status, body: ended.body }).to.deep.equal({ status: 200, body: {} })
    for (const sessionId of [...onA, onB]) expect(await me(a, sessionId)).to.deep.equal(FORBIDDEN)
  })

  it('refuses on one process the sessions of a user deleted on the other', async function () {
    const carol = await seedPostgresUser(database.url, 'carol@hbtn.io', 'carol pwd')
    const carols = await login(a, { email: 'carol@hbtn.io', password: 'carol pwd' })
    expect(await me(a, carols)).to.deep.equal({ status: 200, body: carol.toJSON() })
    const admin = `_my_session_id=${await login(b, BOB)}`
    const deleted = await call(b.url, 'DELETE', `/api/v1/users/${carol.id}`, { cookie: admin })
    expect({ status: deleted.status, body: deleted.body }).to.deep.equal({ status: 200, body: {} })
    expect(await me(a, carols)).to.deep.equal(FORBIDDEN)
    expect((await call(a.url, 'GET', `/api/v1/users/${carol.id}`, { cookie: admin })).status).to.equal(404)
  })
})
