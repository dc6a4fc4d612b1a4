// Two server processes on one PostgreSQL database (DATABASE_URL), in session_db_auth and in
// session_redis_auth (one Redis too), behave as one: users, logins, logouts, deletions and the end
// of every session made on one are seen by the other at once.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { call, login, logout, me } from '../support/http_client.js'
import { useTwoInstances } from '../support/instances.js'
import { seedPostgresUser } from '../support/seed_user.js'
import type { ServerProcess } from '../support/server_process.js'

const FORBIDDEN = { status: 403, body: { error: 'Forbidden' } }

for (const mode of ['session_db_auth', 'session_redis_auth']) {
describe(`two ${mode} server processes on one PostgreSQL database`, function () {
  this.timeout(60_000)
  let databaseUrl: string
  let bob: User
  let a: ServerProcess
  let b: ServerProcess

  useTwoInstances({ AUTH_TYPE: mode, SESSION_DURATION: '3600' }, (instances) => ({ a, b, bob, databaseUrl } = instances))

  it('names the database without its password on the listening line', function () {
    const named = `DATABASE_URL=${databaseUrl.replace(/:[^:@/]+@/, '@')}`
    for (const server of [a, b]) {
      // The whole URL, up to the end of the parenthesis or to the Redis URL named after it.
      expect(server.output().split(named)[1]?.[0], server.output()).to.be.oneOf([')', ','])
      expect(server.output()).to.not.include(new URL(databaseUrl).password)
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
    const carol = await seedPostgresUser(databaseUrl, 'carol@hbtn.io', 'carol pwd')
    const carols = await login(a, { email: 'carol@hbtn.io', password: 'carol pwd' })
    expect(await me(a, carols)).to.deep.equal({ status: 200, body: carol.toJSON() })
    const admin = `_my_session_id=${await login(b, BOB)}`
    const deleted = await call(b.url, 'DELETE', `/api/v1/users/${carol.id}`, { cookie: admin })
    expect({ status: deleted.status, body: deleted.body }).to.deep.equal({ status: 200, body: {} })
    expect(await me(a, carols)).to.deep.equal(FORBIDDEN)
    expect((await call(a.url, 'GET', `/api/v1/users/${carol.id}`, { cookie: admin })).status).to.equal(404)
  })
})
}
