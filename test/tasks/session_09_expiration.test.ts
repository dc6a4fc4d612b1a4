// 0x02 task 9: AUTH_TYPE=session_exp_auth, sessions that end SESSION_DURATION seconds after login
// (docs/api.md, Sessions, cookies and expiry), checked by the server, with a matching Max-Age.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { meWithSession } from '../support/requests.js'

const UUID4 = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
const TEN_YEARS = 10 * 365 * 24 * 3600

describe('task 9: SessionExpAuth (AUTH_TYPE=session_exp_auth)', function () {
  let t: TestApp
  let bob: User

  async function start(sessionDuration: string | undefined): Promise<void> {
    t = buildApp({ AUTH_TYPE: 'session_exp_auth', SESSION_DURATION: sessionDuration })
    bob = await t.createUser(BOB)
  }

  afterEach(function () {
    t.close()
  })

  it('answers 200 with the user and a cookie whose Max-Age is SESSION_DURATION at login', async function () {
    await start('60')
    const res = await t.http.post('/api/v1/auth_session/login').type('form').send(BOB).expect(200, bob.toJSON())
    expect(res.headers['set-cookie']).to.have.length(1)
    expect(res.headers['set-cookie']?.[0]).to.match(new RegExp(`^_my_session_id=${UUID4}; Max-Age=60; Path=/; HttpOnly; SameSite=Lax$`))
  })

  it('answers 200 on /users/me until created_at + SESSION_DURATION, then 403 {"error": "Forbidden"}', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    t.clock.advance(60)
    expect((await meWithSession(t, sessionId)).body).to.deep.equal(bob.toJSON())
    t.clock.advance(1)
    await meWithSession(t, sessionId).expect(403, { error: 'Forbidden' })
  })

  it('keeps a session alive however often it is used: the expiry is absolute, from login', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    for (let second = 0; second < 60; second += 10) {
      t.clock.advance(10)
      await meWithSession(t, sessionId).expect(200)
    }
    t.clock.advance(1)
    await meWithSession(t, sessionId).expect(403)
  })

  it('answers 403 {"error": "Forbidden"} to logout with an expired session', async function () {
    await start('5')
    const sessionId = await t.login(BOB.email, BOB.password)
    t.clock.advance(6)
    await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, sessionId))
      .expect(403, { error: 'Forbidden' })
  })

  it('logs out with 200 {} and a cleared cookie, after which the session answers 403', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    const res = await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, sessionId)).expect(200, {})
    expect(res.headers['set-cookie']?.[0]).to.equal('_my_session_id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax')
    await meWithSession(t, sessionId).expect(403)
  })

  // SESSION_DURATION: Python int() parsing; unparsable or absent is 0, and <= 0 never expires.
  const durations: Array<[string | undefined, number]> = [
    ['60', 60], [' 60 ', 60], ['\t+60\n', 60], ['1_0', 10], ['007', 7],
    ['0', 0], ['-60', 0], ['abc', 0], ['60.5', 0], ['', 0], ['1__0', 0], ['_10', 0], ['10_', 0], ['6 0', 0], [undefined, 0],
  ]
  for (const [value, seconds] of durations) {
    const shown = value === undefined ? 'absent' : JSON.stringify(value)
    const outcome = seconds > 0 ? `a ${seconds}-second session and Max-Age=${seconds}` : 'a session that never expires and no Max-Age'
    it(`gives SESSION_DURATION ${shown} ${outcome}`, async function () {
      await start(value)
      const res = await t.http.post('/api/v1/auth_session/login').type('form').send(BOB)
      const maxAge = /; Max-Age=(\d+)/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1]
      expect(maxAge).to.equal(seconds > 0 ? String(seconds) : undefined)
      const sessionId = await t.login(BOB.email, BOB.password)
      t.clock.advance(seconds > 0 ? seconds + 1 : TEN_YEARS)
      await meWithSession(t, sessionId).expect(seconds > 0 ? 403 : 200)
    })
  }
})
