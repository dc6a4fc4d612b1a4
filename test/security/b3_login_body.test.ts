// Login bodies on POST /api/v1/auth_session/login. Validation tests run in every mode (the login
// route is excluded from auth everywhere); successful logins in every session mode.
// Not applicable or covered elsewhere:
// - Plain HTTP refused in a production profile: there is no production profile; TLS ends at a
//   proxy and COOKIE_SECURE / TRUST_PROXY mark the cookie Secure (see the X-Forwarded-Proto test
//   in b6_transport).
// - Too many failures (→ 429 + Retry-After) belong to the rate limiter's tests.
// - Timing parity of unknown email and wrong password is measured by the timing script
//   (bench/timing.ts), not in unit tests.
import { expect } from 'chai'
import { BOB, sessionIdFrom } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { ALL_MODES, SESSION_MODES } from '../support/modes.js'
import { meWithSession } from '../support/requests.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const C = '_my_session_id'

for (const mode of ALL_MODES) {
  describe(`login validation (AUTH_TYPE=${mode ?? 'unset'})`, function () {
    let t: SecureTestApp

    useSecureApp({ AUTH_TYPE: mode }, 'all', (app) => { t = app })

    async function expectLogin(body: string, status: number, expected: object): Promise<void> {
      const res = await t.http.post(LOGIN).type('form').send(body)
      expect(res.status, body).to.equal(status)
      expect(res.body).to.deep.equal(expected)
      expect(res.headers['set-cookie']).to.equal(undefined)
    }

    it('answers 400 {"error": "email missing"} for no body and for Content-Length: 0', async function () {
      await t.http.post(LOGIN).expect(400, { error: 'email missing' })
      await t.http.post(LOGIN).type('form').set('Content-Length', '0').send('').expect(400, { error: 'email missing' })
    })

    it('answers 400 email missing for email= and 400 password missing for password=', async function () {
      await expectLogin('email=&password=x', 400, { error: 'email missing' })
      await expectLogin('email=bob%40hbtn.io&password=', 400, { error: 'password missing' })
    })

    it('answers 400 email missing for an email of only whitespace', async function () {
      await expectLogin('email=%20%20%20&password=x', 400, { error: 'email missing' })
      await expectLogin('email=%09%20&password=x', 400, { error: 'email missing' })
    })

    it('answers 404 {"error": "no user found for this email"} for an unknown email', async function () {
      await expectLogin('email=ghost%40hbtn.io&password=x', 404, { error: 'no user found for this email' })
    })

    it('answers 401 {"error": "wrong password"} for a known email and a wrong password', async function () {
      await expectLogin('email=bob%40hbtn.io&password=wrong', 401, { error: 'wrong password' })
    })

    it('answers 401 wrong password for the password with a newline or surrounding spaces', async function () {
      for (const password of [`${BOB.password}\n`, ` ${BOB.password}`, `${BOB.password} `, BOB.password.toLowerCase()]) {
        await expectLogin(`email=bob%40hbtn.io&password=${encodeURIComponent(password)}`, 401, { error: 'wrong password' })
      }
    })
  })
}

for (const mode of SESSION_MODES) {
  describe(`successful logins (${mode})`, function () {
    let t: SecureTestApp

    useSecureApp({ AUTH_TYPE: mode }, 'all', (app) => { t = app })

    it('issues a new id at every login, never the one the client sent; the earlier session stays valid', async function () {
      const planted = crypto.randomUUID()
      const first = await t.http.post(LOGIN).type('form').set('Cookie', `${C}=${planted}`).send(BOB).expect(200)
      const s1 = sessionIdFrom(first.headers['set-cookie'], C)
      expect(s1).to.be.a('string').and.not.equal(planted)
      await meWithSession(t, planted).expect(403)
      const second = await t.http.post(LOGIN).type('form').set('Cookie', `${C}=${s1}`).send(BOB)
      const s2 = sessionIdFrom(second.headers['set-cookie'], C)
      expect(s2).to.be.a('string').and.not.equal(s1)
      await meWithSession(t, s1 ?? '').expect(200)
      await meWithSession(t, s2 ?? '').expect(200)
    })

    it('answers the user JSON with a hardened cookie, Cache-Control: no-store, no hash and no session id in the body', async function () {
      const res = await t.http.post(LOGIN).type('form').send(BOB).expect(200)
      const session = sessionIdFrom(res.headers['set-cookie'], C) ?? ''
      expect(res.headers['set-cookie']).to.deep.equal([`${C}=${session}; Path=/; HttpOnly; SameSite=Lax`])
      expect(session).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(res.headers['cache-control']).to.equal('no-store')
      expect(res.body).to.have.all.keys('id', 'email', 'first_name', 'last_name', 'created_at', 'updated_at')
      expect(res.text).not.to.include(session)
      expect(res.text).not.to.include('$2')
    })
  })
}
