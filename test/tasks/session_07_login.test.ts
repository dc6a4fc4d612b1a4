// 0x02 task 7, "New view for Session Authentication": POST /api/v1/auth_session/login with form
// fields email and password answers the user and sets the session cookie, else the login errors.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { buildApp, cookie, sessionIdFrom, type TestApp } from '../support/app.js'
import { BOB_SESSION } from '../support/credentials.js'
import { UUID4, publicUser } from '../support/expected.js'

const LOGIN = '/api/v1/auth_session/login'

describe('0x02 task 7: the login view', function () {
  let test: TestApp
  let bob: User
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'session_auth' })
    bob = await test.createUser(BOB_SESSION)
  })
  after(function () { test.close() })

  const failures: Array<[string, Record<string, string>, number, string]> = [
    ['no field', {}, 400, 'email missing'],
    ['an empty email', { email: '', password: 'fake pwd' }, 400, 'email missing'],
    ['no email', { password: 'fake pwd' }, 400, 'email missing'],
    ['no password', { email: 'guillaume@hbtn.io' }, 400, 'password missing'],
    ['an empty password', { email: 'bobsession@hbtn.io', password: '' }, 400, 'password missing'],
    ['an unknown email', { email: 'guillaume@hbtn.io', password: 'test' }, 404, 'no user found for this email'],
    ['a wrong password', { email: 'bobsession@hbtn.io', password: 'test' }, 401, 'wrong password'],
  ]
  for (const [label, form, status, error] of failures) {
    it(`answers ${status} {"error": "${error}"} for ${label}, without a cookie`, async function () {
      const res = await test.http.post(LOGIN).type('form').send(form).expect(status, { error })
      expect(res.headers['set-cookie']).to.equal(undefined)
    })
  }

  it('answers 200 with the user and Set-Cookie: _my_session_id=<uuid4>; Path=/ for bobsession@hbtn.io / "fake pwd"', async function () {
    const res = await test.http.post(LOGIN).type('form').send({ email: 'bobsession@hbtn.io', password: 'fake pwd' })
      .expect(200, publicUser({ id: bob.id, email: BOB_SESSION.email }))
    const setCookie = res.headers['set-cookie'] as unknown as string[]
    expect(setCookie).to.have.length(1)
    expect(setCookie[0]).to.match(/^_my_session_id=[0-9a-f-]{36}; Path=\//)
    expect(sessionIdFrom(setCookie, '_my_session_id')).to.match(UUID4)
  })

  it('gives a new session id at each login, and each one opens GET /api/v1/users/me', async function () {
    const first = await test.login(BOB_SESSION.email, BOB_SESSION.password)
    const second = await test.login(BOB_SESSION.email, BOB_SESSION.password)
    expect(first).not.to.equal(second)
    for (const sessionId of [first, second]) {
      await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', sessionId))
        .expect(200, publicUser({ id: bob.id, email: BOB_SESSION.email }))
    }
  })

  it('answers 200 and the user for the same credentials sent as JSON', async function () {
    const res = await test.http.post(LOGIN).send({ email: 'bobsession@hbtn.io', password: 'fake pwd' })
      .expect(200, publicUser({ id: bob.id, email: BOB_SESSION.email }))
    expect(sessionIdFrom(res.headers['set-cookie'], '_my_session_id')).to.match(UUID4)
  })

  it('names the cookie after SESSION_NAME', async function () {
    const renamed = buildApp({ AUTH_TYPE: 'session_auth', SESSION_NAME: 'sid' })
    try {
      await renamed.createUser(BOB_SESSION)
      const res = await renamed.http.post(LOGIN).type('form').send({ email: 'bobsession@hbtn.io', password: 'fake pwd' }).expect(200)
      expect(sessionIdFrom(res.headers['set-cookie'], 'sid')).to.match(UUID4)
    } finally {
      renamed.close()
    }
  })
})
