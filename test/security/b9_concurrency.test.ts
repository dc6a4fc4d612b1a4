// Concurrency and races, in every session mode, with requests in flight together (Promise.all
// over supertest). Not applicable: a JWT refresh with Redis paused needs a token mode and Redis,
// neither of which exists; user storage is SQLite here (checked by reopening the file).
import { expect } from 'chai'
import { openDatabase } from '../../models/sqlite/db.js'
import { BOB, sessionIdFrom } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { SESSION_MODES } from '../support/modes.js'
import { meWithSession } from '../support/requests.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const LOGOUT = '/api/v1/auth_session/logout'
const USERS = '/api/v1/users'
const C = '_my_session_id'
const FORBIDDEN = { error: 'Forbidden' }

for (const mode of SESSION_MODES) {
  describe(`concurrency and races (${mode})`, function () {
    let t: SecureTestApp
    let session: string

    // The login limit counts an attempt from its admission until it succeeds, so that parallel
    // guesses cannot overshoot it (test/hardening/login_rate_limit); these tests are about races,
    // not that limit.
    useSecureApp({ AUTH_TYPE: mode, LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '0' }, 'each', async (app) => {
      t = app
      session = await t.login(BOB.email, BOB.password)
    })

    it('gives 50 parallel logins of one user 50 distinct ids, all valid', async function () {
      const responses = await Promise.all(Array.from({ length: 50 }, () => t.http.post(LOGIN).type('form').send(BOB)))
      const ids = responses.map((res) => sessionIdFrom(res.headers['set-cookie'], C))
      expect(responses.map((res) => res.status)).to.deep.equal(Array(50).fill(200))
      expect(new Set(ids).size).to.equal(50)
      const checks = await Promise.all(ids.map((id) => meWithSession(t, id ?? '')))
      expect(checks.map((check) => check.status)).to.deep.equal(Array(50).fill(200))
    })

    it('refuses every request that starts after a logout completed, while in-flight ones finish without a 5xx', async function () {
      // then() sends each request at once, before the logout.
      const inFlight = Array.from({ length: 20 }, () => meWithSession(t, session).then((res) => res.status))
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`).expect(200, {})
      for (const status of await Promise.all(inFlight)) expect([200, 403]).to.include(status)
      await Promise.all(Array.from({ length: 20 }, () => meWithSession(t, session).expect(403, FORBIDDEN)))
    })

    it('lets exactly one of two parallel logouts of one session succeed; the other is 404 or 403', async function () {
      const answers = await Promise.all([0, 1].map(() => t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`)))
      const bodies = answers.map((res) => ({ status: res.status, body: res.body as unknown }))
      expect(bodies.filter((answer) => answer.status === 200)).to.deep.equal([{ status: 200, body: {} }])
      const other = bodies.find((answer) => answer.status !== 200)
      expect([{ status: 404, body: { error: 'Not found' } }, { status: 403, body: FORBIDDEN }]).to.deep.include(other)
    })

    it('creates exactly one user out of 20 parallel POST /users with one email; the rest 400 already exists', async function () {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, index) =>
        t.http.post(USERS).set('Cookie', `${C}=${session}`).send({ email: 'twin@hbtn.io', password: `twin-password-${index}` })))
      expect(answers.filter((res) => res.status === 201)).to.have.length(1)
      for (const res of answers.filter((answer) => answer.status !== 201)) {
        expect([res.status, res.body]).to.deep.equal([400, { error: "Can't create User: email already exists" }])
      }
      expect(await t.users.search({ email: 'twin@hbtn.io' })).to.have.length(1)
    })

    it('never lets a session outlive its user when login races the deletion', async function () {
      await t.createUser({ email: 'racer@hbtn.io', password: 'racer-password' })
      const [racer] = await t.users.search({ email: 'racer@hbtn.io' })
      const [login] = await Promise.all([
        t.http.post(LOGIN).type('form').send({ email: 'racer@hbtn.io', password: 'racer-password' }),
        t.http.delete(`${USERS}/${racer?.id}`).set('Cookie', `${C}=${session}`).expect(200, {}),
      ])
      expect([200, 404]).to.include(login.status)
      const issued = sessionIdFrom(login.headers['set-cookie'], C)
      if (issued !== null) await meWithSession(t, issued).expect(403, FORBIDDEN)
    })

    // User storage is the same in every mode: this test runs once, in the first session mode.
    if (mode === SESSION_MODES[0]) {
      it('keeps all 200 users created in parallel, readable from the database file after reopening it', async function () {
        const answers = await Promise.all(Array.from({ length: 200 }, (_, index) =>
          t.http.post(USERS).set('Cookie', `${C}=${session}`).send({ email: `user${index}@hbtn.io`, password: `password-${index}` })))
        expect(answers.map((res) => res.status)).to.deep.equal(Array(200).fill(201))
        const reopened = openDatabase(t.database.path)
        try {
          expect(reopened.prepare('SELECT COUNT(*) FROM users').pluck().get()).to.equal(201)
          expect(reopened.pragma('integrity_check', { simple: true })).to.equal('ok')
        } finally {
          reopened.close()
        }
      })
    }
  })
}
