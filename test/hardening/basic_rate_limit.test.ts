// Basic auth is an authentication pathway like the login route: every header bcrypt has to check
// counts against the same per-email and per-address limits, and past them Basic requests answer
// 429 with Retry-After before any hash is computed. A remembered correct header costs no count.
import { expect } from 'chai'
import { BOB, buildApp, type TestApp } from '../support/app.js'
import { basicHeader } from '../support/basic_header.js'
import { LIMITS, TOO_MANY, login } from '../support/login_limits.js'

const ME = '/api/v1/users/me'

describe('the login limit on Basic credentials', function () {
  let t: TestApp
  const me = (email: string, password: string) => t.http.get(ME).set('Authorization', basicHeader(`${email}:${password}`))

  afterEach(function () { t.close() })

  describe('per email', function () {
    beforeEach(async function () {
      t = buildApp({ ...LIMITS, AUTH_TYPE: 'basic_auth' })
      await t.createUser(BOB)
    })

    it('answers 429 with Retry-After 900 after 3 wrong Basic passwords, even for the right one', async function () {
      for (let i = 0; i < 3; i += 1) await me(BOB.email, `guess ${i}`).expect(403, { error: 'Forbidden' })
      await me(BOB.email, 'guess 4').expect(429, TOO_MANY).expect('Retry-After', '900')
      await me(BOB.email, BOB.password).expect(429, TOO_MANY)
    })

    it('counts wrong Basic passwords and wrong logins together, in both directions', async function () {
      await me(BOB.email, 'guess 1').expect(403)
      await me(BOB.email, 'guess 2').expect(403)
      await login(t.http, BOB.email, 'guess 3').expect(401)
      await login(t.http, BOB.email, BOB.password).expect(429, TOO_MANY)
      await me(BOB.email, BOB.password).expect(429, TOO_MANY)
    })

    it('answers 200 to the right password within the limit, and a success costs nothing of the budget', async function () {
      await me(BOB.email, 'guess 1').expect(403)
      await me(BOB.email, 'guess 2').expect(403)
      for (let i = 0; i < 5; i += 1) await me(BOB.email, BOB.password).expect(200)
      await me(BOB.email, 'guess 3').expect(403)
      await me(BOB.email, 'guess 4').expect(429, TOO_MANY)
    })

    it('never lets the credential cache hide a failure: wrong passwords count while the right one is remembered', async function () {
      await me(BOB.email, BOB.password).expect(200)
      for (let i = 0; i < 3; i += 1) await me(BOB.email, `guess ${i}`).expect(403)
      await me(BOB.email, 'guess 4').expect(429, TOO_MANY)
    })
  })

  describe('per address', function () {
    beforeEach(async function () {
      t = buildApp({ ...LIMITS, AUTH_TYPE: 'basic_auth', LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '3' })
      await t.createUser(BOB)
    })

    it('answers 429 to a fourth wrong Basic credential from one address, whatever the email', async function () {
      for (let i = 0; i < 3; i += 1) await me(`ghost${i}@hbtn.io`, 'x').expect(403)
      const refused = await me('ghost9@hbtn.io', 'x').expect(429, TOO_MANY)
      expect(Number(refused.headers['retry-after'])).to.be.within(1, 900)
    })
  })
})
