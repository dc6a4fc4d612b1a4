// 0x02 task 10: AUTH_TYPE=session_db_auth, sessions as UserSession rows (stored hashed)
// that outlive the app object, expire like task 9 and go with logout or their user.
import { expect } from 'chai'
import request from 'supertest'
import { createApp } from '../../api/v1/app.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import type { User } from '../../models/user.js'
import { hashSessionId } from '../../models/user_session.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { meWithSession } from '../support/requests.js'

describe('task 10: SessionDBAuth (AUTH_TYPE=session_db_auth)', function () {
  let t: TestApp
  let bob: User

  async function start(sessionDuration?: string): Promise<void> {
    t = buildApp({ AUTH_TYPE: 'session_db_auth', SESSION_DURATION: sessionDuration })
    bob = await t.createUser(BOB)
  }

  function sessionRows(): Array<{ user_id: string, session_hash: string }> {
    return t.database.db.prepare('SELECT user_id, session_hash FROM user_sessions ORDER BY created_at').all() as Array<{ user_id: string, session_hash: string }>
  }

  afterEach(function () {
    t.close()
  })

  it('answers 200 with the user at login and stores one UserSession row holding the hashed id', async function () {
    await start('3600')
    const res = await t.http.post('/api/v1/auth_session/login').type('form').send(BOB).expect(200, bob.toJSON())
    const sessionId = /^_my_session_id=([^;]+); Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1] ?? ''
    expect(sessionRows()).to.deep.equal([{ user_id: bob.id, session_hash: hashSessionId(sessionId) }])
  })

  it('answers 200 on /users/me from a new app on the same database file, as after a restart', async function () {
    await start()
    const sessionId = await t.login(BOB.email, BOB.password)
    const db = openDatabase(t.database.path)
    try {
      const restarted = request(createApp(t.config, { storage: sqliteStorage(db), clock: t.clock }).callback())
      await meWithSession(t, sessionId, restarted).expect(200, bob.toJSON())
    } finally {
      db.close()
    }
  })

  it('answers 403 {"error": "Forbidden"} once created_at + SESSION_DURATION has passed, and drops the row', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    t.clock.advance(60)
    await meWithSession(t, sessionId).expect(200)
    t.clock.advance(1)
    await meWithSession(t, sessionId).expect(403, { error: 'Forbidden' })
    expect(sessionRows()).to.deep.equal([])
  })

  it('never expires sessions and sets no Max-Age without SESSION_DURATION', async function () {
    await start()
    const res = await t.http.post('/api/v1/auth_session/login').type('form').send(BOB)
    expect(res.headers['set-cookie']?.[0]).to.not.include('Max-Age')
    t.clock.advance(10 * 365 * 24 * 3600)
    await meWithSession(t, /^_my_session_id=([^;]+)/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1] ?? '').expect(200)
  })

  it('deletes the row at logout (200 {}), after which the cookie answers 403 and logout again 403', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    const other = await t.login(BOB.email, BOB.password)
    await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, sessionId)).expect(200, {})
    expect(sessionRows()).to.deep.equal([{ user_id: bob.id, session_hash: hashSessionId(other) }])
    await meWithSession(t, sessionId).expect(403)
    await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, sessionId))
      .expect(403, { error: 'Forbidden' })
  })

  it('deletes every session of a user deleted through DELETE /users/:id', async function () {
    await start()
    const alice = await t.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
    const bobs = await t.login(BOB.email, BOB.password)
    await t.login(BOB.email, BOB.password)
    const alices = await t.login('alice@hbtn.io', 'alice pwd')
    await t.http.delete(`/api/v1/users/${bob.id}`).set('Cookie', cookie(t.config.sessionName, alices)).expect(200, {})
    expect(sessionRows()).to.deep.equal([{ user_id: alice.id, session_hash: hashSessionId(alices) }])
    await meWithSession(t, bobs).expect(403)
  })

  it('keeps the table bounded under 200 logins a second apart with SESSION_DURATION=60', async function () {
    await start('60')
    let largest = 0
    for (let i = 0; i < 200; i += 1) {
      await t.login(BOB.email, BOB.password)
      largest = Math.max(largest, sessionRows().length)
      t.clock.advance(1)
    }
    // At most the sessions of the last 60 s plus those of one purge interval (60 s) not yet purged.
    expect(largest).to.be.within(61, 121)
  })

  it('answers 403 {"error": "Forbidden"} for the hash of a session id sent as the cookie', async function () {
    await start()
    const sessionId = await t.login(BOB.email, BOB.password)
    await meWithSession(t, hashSessionId(sessionId)).expect(403, { error: 'Forbidden' })
  })
})
