// Login rate limit, part 1 (docs/security.md): per submitted email string, 429 with Retry-After,
// a sliding window on the injected clock; part 2 is login_rate_limit_shared.test.ts.
import { expect } from 'chai'
import { BOB, buildApp, type TestApp } from '../support/app.js'
import { LIMITS, TOO_MANY, login } from '../support/login_limits.js'

const LOGIN = '/api/v1/auth_session/login'

describe('login rate limit per email', function () {
  let t: TestApp
  beforeEach(async function () {
    t = buildApp(LIMITS)
    await t.createUser(BOB)
    await t.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
  })
  afterEach(function () { t.close() })

  it('answers 429 {"error": "Too many requests"} with Retry-After 900 after 3 wrong passwords, even for the right one', async function () {
    for (let i = 0; i < 3; i += 1) await login(t.http, BOB.email, `wrong ${i}`).expect(401)
    const refused = await login(t.http, BOB.email, BOB.password).expect(429, TOO_MANY).expect('Retry-After', '900')
    expect(refused.headers['set-cookie']).to.equal(undefined)
  })

  it('answers 429 for an email no user has, exactly as for an existing one', async function () {
    for (let i = 0; i < 3; i += 1) await login(t.http, 'ghost@hbtn.io', 'x').expect(404)
    await login(t.http, 'ghost@hbtn.io', 'x').expect(429, TOO_MANY).expect('Retry-After', '900')
  })

  it('lets another email log in while one is blocked', async function () {
    for (let i = 0; i < 4; i += 1) await login(t.http, BOB.email, 'wrong')
    const response = await login(t.http, 'alice@hbtn.io', 'alice pwd').expect(200)
    expect(response.body.email).to.equal('alice@hbtn.io')
  })

  it('counts the exact email string: another spelling is another key', async function () {
    for (let i = 0; i < 4; i += 1) await login(t.http, BOB.email, 'wrong')
    await login(t.http, 'BOB@hbtn.io', 'x').expect(404)
  })

  it('gives every Unicode spelling of an address one budget: precomposed and decomposed accents count together', async function () {
    const composed = 'jos\u00e9@hbtn.io'
    const decomposed = 'jose\u0301@hbtn.io'
    await t.createUser({ email: composed, password: 'jose pwd' })
    await login(t.http, composed, 'wrong').expect(401)
    await login(t.http, decomposed, 'wrong').expect(401)
    await login(t.http, decomposed, 'wrong again').expect(401)
    await login(t.http, composed, 'jose pwd').expect(429, TOO_MANY)
  })

  it('lets the right password in once the window has slid past the failures', async function () {
    for (let i = 0; i < 3; i += 1) await login(t.http, BOB.email, 'wrong')
    t.clock.advance(300)
    await login(t.http, BOB.email, BOB.password).expect('Retry-After', '600')
    t.clock.advance(600)
    const response = await login(t.http, BOB.email, BOB.password).expect(200)
    expect(response.body.email).to.equal(BOB.email)
    expect(response.headers['set-cookie']).to.have.length(1)
  })

  it('frees one attempt when the oldest failure leaves the window', async function () {
    await login(t.http, BOB.email, 'wrong')
    t.clock.advance(100)
    await login(t.http, BOB.email, 'wrong')
    await login(t.http, BOB.email, 'wrong')
    await login(t.http, BOB.email, 'wrong').expect('Retry-After', '800')
    t.clock.advance(800)
    await login(t.http, BOB.email, 'wrong').expect(401)
    await login(t.http, BOB.email, BOB.password).expect('Retry-After', '100')
  })

  it('does not count successful logins', async function () {
    for (let i = 0; i < 6; i += 1) await login(t.http, BOB.email, BOB.password).expect(200)
    await login(t.http, BOB.email, 'wrong').expect(401)
  })

  it('does not count requests refused as 400 before any credential check', async function () {
    for (let i = 0; i < 5; i += 1) {
      const response = await t.http.post(LOGIN).type('form').send({ email: BOB.email })
      expect(response.body).to.deep.equal({ error: 'password missing' })
    }
    await login(t.http, BOB.email, BOB.password).expect(200)
  })

  it('evaluates at most 3 of 20 parallel wrong passwords and refuses the rest with 429', async function () {
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t.http, BOB.email, `wrong ${i}`)))
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).to.deep.equal([...Array<number>(3).fill(401), ...Array<number>(17).fill(429)])
  })

  it('keeps the table bounded: failures older than the window are purged', async function () {
    for (let i = 0; i < 3; i += 1) await login(t.http, `user${i}@hbtn.io`, 'x')
    t.clock.advance(960)
    await login(t.http, BOB.email, 'wrong')
    expect(t.database.db.prepare('SELECT key FROM login_failures').all()).to.have.length(1)
  })
})
