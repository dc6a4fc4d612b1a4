// The session cookie's attributes, its clearing at logout, and login in modes without sessions
// (400 {"error": "sessions are not enabled"}, no cookie).
import { expect } from 'chai'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { publicUser } from '../support/expected.js'

const LOGIN = '/api/v1/auth_session/login'
const LOGOUT = '/api/v1/auth_session/logout'
const SET_COOKIE = /^_my_session_id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}; Path=\/; HttpOnly; SameSite=Lax$/

function setCookies(headers: Record<string, unknown>): string[] {
  return (headers['set-cookie'] ?? []) as string[]
}

describe('the session cookie', function () {
  describe('with AUTH_TYPE=session_auth', function () {
    let test: TestApp
    useAppWithBob({ AUTH_TYPE: 'session_auth' }, (app) => { test = app })

    it('is set at login as <name>=<uuid4>; Path=/; HttpOnly; SameSite=Lax, without Max-Age or Secure', async function () {
      const res = await test.http.post(LOGIN).type('form').send(BOB).expect(200)
      const [only, ...others] = setCookies(res.headers)
      expect(others).to.deep.equal([])
      expect(only).to.match(SET_COOKIE)
    })

    it('comes with Cache-Control: no-store', async function () {
      const res = await test.http.post(LOGIN).type('form').send(BOB)
      expect(res.headers['cache-control']).to.equal('no-store')
    })

    it('is cleared at logout with the same Path and Max-Age=0', async function () {
      const sessionId = await test.login(BOB.email, BOB.password)
      const res = await test.http.delete(LOGOUT).set('Cookie', cookie('_my_session_id', sessionId)).expect(200)
      expect(setCookies(res.headers)).to.deep.equal(['_my_session_id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax'])
      expect(res.headers['cache-control']).to.equal('no-store')
    })
  })

  describe('with COOKIE_SECURE=true', function () {
    let test: TestApp
    useAppWithBob({ AUTH_TYPE: 'session_auth', COOKIE_SECURE: 'true' }, (app) => { test = app })

    it('adds Secure at login and at logout', async function () {
      const login = await test.http.post(LOGIN).type('form').send(BOB)
      expect(setCookies(login.headers)[0]).to.match(/^_my_session_id=[0-9a-f-]{36}; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
      const sessionId = await test.login(BOB.email, BOB.password)
      const logout = await test.http.delete(LOGOUT).set('Cookie', cookie('_my_session_id', sessionId))
      expect(setCookies(logout.headers)).to.deep.equal(['_my_session_id=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax'])
    })
  })

  describe('behind a trusted proxy (TRUST_PROXY=true)', function () {
    let test: TestApp
    useAppWithBob({ AUTH_TYPE: 'session_auth', TRUST_PROXY: 'true' }, (app) => { test = app })

    it('adds Secure when the request arrived over HTTPS (X-Forwarded-Proto: https), not over HTTP', async function () {
      const https = await test.http.post(LOGIN).set('X-Forwarded-Proto', 'https').type('form').send(BOB)
      expect(setCookies(https.headers)[0]).to.include('; Secure')
      const http = await test.http.post(LOGIN).type('form').send(BOB)
      expect(setCookies(http.headers)[0]).not.to.include('Secure')
    })
  })

  it('ignores X-Forwarded-Proto from an untrusted client: no Secure', async function () {
    const test = buildApp({ AUTH_TYPE: 'session_auth' })
    try {
      await test.createUser(BOB)
      const res = await test.http.post(LOGIN).set('X-Forwarded-Proto', 'https').type('form').send(BOB)
      expect(setCookies(res.headers)[0]).to.match(SET_COOKIE)
    } finally {
      test.close()
    }
  })
})

for (const authType of ['auth', 'basic_auth']) {
  describe(`login without sessions, AUTH_TYPE=${authType}`, function () {
    let test: TestApp
    useAppWithBob({ AUTH_TYPE: authType }, (app) => { test = app })

    it('answers 400 {"error": "sessions are not enabled"} for correct credentials, without a cookie', async function () {
      const res = await test.http.post(LOGIN).type('form').send(BOB).expect(400, { error: 'sessions are not enabled' })
      expect(res.headers['set-cookie']).to.equal(undefined)
    })

    const failures: Array<[string, Record<string, string>, number, string]> = [
      ['no email', { password: 'x' }, 400, 'email missing'],
      ['no password', { email: BOB.email }, 400, 'password missing'],
      ['an unknown email', { email: 'nobody@hbtn.io', password: 'x' }, 404, 'no user found for this email'],
      ['a wrong password', { email: BOB.email, password: 'x' }, 401, 'wrong password'],
    ]
    for (const [label, form, status, error] of failures) {
      it(`answers ${status} {"error": "${error}"} for ${label}, as in session_auth`, async function () {
        const res = await test.http.post(LOGIN).type('form').send(form).expect(status, { error })
        expect(res.headers['set-cookie']).to.equal(undefined)
      })
    }
  })
}

describe('login without AUTH_TYPE', function () {
  it('answers 400 {"error": "sessions are not enabled"} for correct credentials, and the user is untouched', async function () {
    const test = buildApp()
    try {
      const bob = await test.createUser(BOB)
      await test.http.post(LOGIN).type('form').send(BOB).expect(400, { error: 'sessions are not enabled' })
      expect((await test.users.get(bob.id))?.toJSON()).to.deep.equal(publicUser({ id: bob.id, email: BOB.email }))
    } finally {
      test.close()
    }
  })
})
