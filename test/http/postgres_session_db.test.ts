// The app in session_db_auth on PostgreSQL (DATABASE_URL): the same answers as on SQLite, byte for
// byte; sessions stored hashed, ended by logout and with their user, and kept across a restart.
import { expect } from 'chai'
import request from 'supertest'
import { createApp } from '../../api/v1/app.js'
import { openPostgres, type Pool } from '../../models/postgres/db.js'
import { postgresStorage } from '../../models/postgres/storage.js'
import type { Storage } from '../../models/storage.js'
import { User } from '../../models/user.js'
import { hashSessionId } from '../../models/user_session.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { tempPostgresDatabase, type TempPostgresDatabase } from '../support/postgres_server.js'
import { meWithSession } from '../support/requests.js'

const ENV = { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' }

describe('session_db_auth on PostgreSQL', function () {
  let database: TempPostgresDatabase
  let pool: Pool
  let storage: Storage
  let t: TestApp
  let bob: User

  beforeEach(async function () {
    database = await tempPostgresDatabase()
    pool = await openPostgres(database.url)
    storage = postgresStorage(pool)
    t = buildApp(ENV, { storage })
    bob = await t.createUser(BOB)
  })

  afterEach(async function () {
    t.close()
    await storage.close()
    await database.drop()
  })

  async function sessionRows(): Promise<Array<{ user_id: string, session_hash: string }>> {
    return (await pool.query('SELECT user_id, session_hash FROM user_sessions ORDER BY created_at, id')).rows
  }

  it('answers 200 with the user at login and on /users/me, and stores only the hash of the session id', async function () {
    const res = await t.http.post('/api/v1/auth_session/login').type('form').send(BOB).expect(200, bob.toJSON())
    const sessionId = /^_my_session_id=([^;]+); Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1] ?? ''
    expect(await sessionRows()).to.deep.equal([{ user_id: bob.id, session_hash: hashSessionId(sessionId) }])
    await meWithSession(t, sessionId).expect(200, bob.toJSON())
  })

  it('answers 200 {} at logout, then 403 {"error": "Forbidden"} to the cookie, the other session kept', async function () {
    const ended = await t.login(BOB.email, BOB.password)
    const kept = await t.login(BOB.email, BOB.password)
    await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, ended)).expect(200, {})
    await meWithSession(t, ended).expect(403, { error: 'Forbidden' })
    await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, ended)).expect(403, { error: 'Forbidden' })
    await meWithSession(t, kept).expect(200, bob.toJSON())
  })

  it('creates a user with POST /users (201), who can then log in; the same email again answers 400', async function () {
    const session = cookie(t.config.sessionName, await t.login(BOB.email, BOB.password))
    const created = await t.http.post('/api/v1/users').set('Cookie', session).send({ email: 'alice@hbtn.io', password: 'alice pwd', first_name: 'Alice' }).expect(201)
    expect(created.body).to.include({ email: 'alice@hbtn.io', first_name: 'Alice', last_name: null })
    await meWithSession(t, await t.login('alice@hbtn.io', 'alice pwd')).expect(200, created.body)
    await t.http.post('/api/v1/users').set('Cookie', session).send({ email: 'alice@hbtn.io', password: 'x' })
      .expect(400, { error: "Can't create User: email already exists" })
  })

  it('refuses a name with a NUL, which PostgreSQL text cannot hold, with 400 as on SQLite: never a 500', async function () {
    const session = cookie(t.config.sessionName, await t.login(BOB.email, BOB.password))
    await t.http.post('/api/v1/users').set('Cookie', session).send({ email: 'nul@hbtn.io', password: 'x', first_name: 'a\u0000b' })
      .expect(400, { error: "Can't create User: invalid name" })
    await t.http.put(`/api/v1/users/${bob.id}`).set('Cookie', session).send({ last_name: '\u0000' }).expect(400, { error: 'Wrong format' })
    await meWithSession(t, session.split('=')[1] ?? '').expect(200, bob.toJSON())
  })

  it('answers 404 for a user id with a NUL (%00), as on SQLite: never a 500', async function () {
    const session = cookie(t.config.sessionName, await t.login(BOB.email, BOB.password))
    await t.http.get('/api/v1/users/a%00b').set('Cookie', session).expect(404, { error: 'Not found' })
    await t.http.put('/api/v1/users/a%00b').set('Cookie', session).send({ first_name: 'x' }).expect(404, { error: 'Not found' })
    await t.http.delete('/api/v1/users/a%00b').set('Cookie', session).expect(404, { error: 'Not found' })
    await t.http.post('/api/v1/auth_session/login').type('form').send({ email: 'bob\u0000@hbtn.io', password: 'x' })
      .expect(404, { error: 'no user found for this email' })
    await meWithSession(t, session.split('=')[1] ?? '').expect(200, bob.toJSON())
  })

  it('ends every session of a user deleted through DELETE /users/:id, and only theirs', async function () {
    const alice = await t.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
    const bobs = await t.login(BOB.email, BOB.password)
    await t.login(BOB.email, BOB.password)
    const alices = await t.login('alice@hbtn.io', 'alice pwd')
    await t.http.delete(`/api/v1/users/${bob.id}`).set('Cookie', cookie(t.config.sessionName, alices)).expect(200, {})
    expect(await sessionRows()).to.deep.equal([{ user_id: alice.id, session_hash: hashSessionId(alices) }])
    await meWithSession(t, bobs).expect(403, { error: 'Forbidden' })
    await meWithSession(t, alices).expect(200, alice.toJSON())
  })

  it('answers 200 on /users/me from a new app on a new pool of the same database, as after a restart', async function () {
    const sessionId = await t.login(BOB.email, BOB.password)
    const restarted = postgresStorage(await openPostgres(database.url))
    try {
      const http = request(createApp(t.config, { storage: restarted, clock: t.clock }).callback())
      await meWithSession(t, sessionId, http).expect(200, bob.toJSON())
    } finally {
      await restarted.close()
    }
  })

  it('answers GET /users and /users/me with the very bytes SQLite gives for the same users', async function () {
    const sqlite = buildApp(ENV)
    try {
      // Same instant (with milliseconds) for all, so the order falls to the ids, compared byte-wise.
      const at = new Date('2026-01-01T00:00:00.123Z')
      const users = ['b-9', 'B-1', 'a-1', 'a_1'].map((id, i) => new User({ id, email: `${i}@hbtn.io`, firstName: 'Zoë', lastName: i === 0 ? null : '李' }, at))
      for (const user of users) {
        await storage.users.save(user)
        await sqlite.users.store.save(user)
      }
      const session = cookie(t.config.sessionName, await t.login(BOB.email, BOB.password))
      await sqlite.users.store.save((await storage.users.get(bob.id)) ?? expect.fail('bob is gone'))
      const sqliteSession = cookie(t.config.sessionName, await sqlite.login(BOB.email, BOB.password))
      for (const path of ['/api/v1/users', '/api/v1/users/me', `/api/v1/users/${bob.id}`, '/api/v1/users/a_1']) {
        const [onPostgres, onSqlite] = [await t.http.get(path).set('Cookie', session), await sqlite.http.get(path).set('Cookie', sqliteSession)]
        expect(onPostgres.status).to.equal(200)
        expect(onPostgres.text).to.equal(onSqlite.text)
      }
    } finally {
      sqlite.close()
    }
  })
})
