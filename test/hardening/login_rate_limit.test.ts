// Login rate limit (SECURITY AUT-03): per submitted email and per client address, 429 with
// Retry-After, a sliding window on the injected clock, shared by every app on the database file.
import { expect } from 'chai'
import request from 'supertest'
import { createApp } from '../../api/v1/app.js'
import { loadConfig } from '../../api/v1/config.js'
import { openDatabase } from '../../models/db.js'
import { BOB, buildApp, type TestApp } from '../support/app.js'

const LOGIN = '/api/v1/auth_session/login'
const LIMITS = { AUTH_TYPE: 'session_auth', LOGIN_MAX_ATTEMPTS_PER_EMAIL: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '0', LOGIN_WINDOW_SECONDS: '900' }
const TOO_MANY = { error: 'Too many requests' }

function login(http: TestApp['http'], email: string, password: string) {
  return http.post(LOGIN).type('form').send({ email, password })
}

describe('login rate limit per email', function () {
  let t: TestApp
  beforeEach(async function () {
    t = buildApp(LIMITS)
    await t.createUser(BOB)
    await t.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
  })
  afterEach(function () { t.close() })

  it('answers 429 {"error": "Too many requests"} with Retry-After 900 after 3 wrong passwords, even for the right one', async function () {
    for (let i = 0; i < 3; i += 1) expect((await login(t.http, BOB.email, `wrong ${i}`)).status).to.equal(401)
    const refused = await login(t.http, BOB.email, BOB.password)
    expect(refused.status).to.equal(429)
    expect(refused.body).to.deep.equal(TOO_MANY)
    expect(refused.headers['retry-after']).to.equal('900')
    expect(refused.headers['set-cookie']).to.equal(undefined)
  })

  it('answers 429 for an email no user has, exactly as for an existing one', async function () {
    for (let i = 0; i < 3; i += 1) expect((await login(t.http, 'ghost@hbtn.io', 'x')).status).to.equal(404)
    const refused = await login(t.http, 'ghost@hbtn.io', 'x')
    expect(refused.status).to.equal(429)
    expect(refused.body).to.deep.equal(TOO_MANY)
    expect(refused.headers['retry-after']).to.equal('900')
  })

  it('lets another email log in while one is blocked', async function () {
    for (let i = 0; i < 4; i += 1) await login(t.http, BOB.email, 'wrong')
    const response = await login(t.http, 'alice@hbtn.io', 'alice pwd')
    expect(response.status).to.equal(200)
    expect(response.body.email).to.equal('alice@hbtn.io')
  })

  it('counts the exact email string: another spelling is another key', async function () {
    for (let i = 0; i < 4; i += 1) await login(t.http, BOB.email, 'wrong')
    expect((await login(t.http, 'BOB@hbtn.io', 'x')).status).to.equal(404)
  })

  it('lets the right password in once the window has slid past the failures', async function () {
    for (let i = 0; i < 3; i += 1) await login(t.http, BOB.email, 'wrong')
    t.clock.advance(300)
    expect((await login(t.http, BOB.email, BOB.password)).headers['retry-after']).to.equal('600')
    t.clock.advance(600)
    const response = await login(t.http, BOB.email, BOB.password)
    expect(response.status).to.equal(200)
    expect(response.body.email).to.equal(BOB.email)
    expect(response.headers['set-cookie']).to.have.length(1)
  })

  it('frees one attempt when the oldest failure leaves the window', async function () {
    await login(t.http, BOB.email, 'wrong')
    t.clock.advance(100)
    await login(t.http, BOB.email, 'wrong')
    await login(t.http, BOB.email, 'wrong')
    expect((await login(t.http, BOB.email, 'wrong')).headers['retry-after']).to.equal('800')
    t.clock.advance(800)
    expect((await login(t.http, BOB.email, 'wrong')).status).to.equal(401)
    expect((await login(t.http, BOB.email, BOB.password)).headers['retry-after']).to.equal('100')
  })

  it('does not count successful logins', async function () {
    for (let i = 0; i < 6; i += 1) expect((await login(t.http, BOB.email, BOB.password)).status).to.equal(200)
    expect((await login(t.http, BOB.email, 'wrong')).status).to.equal(401)
  })

  it('does not count requests refused as 400 before any credential check', async function () {
    for (let i = 0; i < 5; i += 1) {
      const response = await t.http.post(LOGIN).type('form').send({ email: BOB.email })
      expect(response.body).to.deep.equal({ error: 'password missing' })
    }
    expect((await login(t.http, BOB.email, BOB.password)).status).to.equal(200)
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

describe('login rate limit per client address', function () {
  let t: TestApp
  beforeEach(async function () {
    t = buildApp({ ...LIMITS, LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '3', TRUST_PROXY: 'true' })
    await t.createUser(BOB)
  })
  afterEach(function () { t.close() })

  const from = (ip: string, email: string, password: string) =>
    t.http.post(LOGIN).set('X-Forwarded-For', ip).type('form').send({ email, password })

  it('answers 429 to an address after 3 failures spread over different emails', async function () {
    for (let i = 0; i < 3; i += 1) await from('203.0.113.7', `ghost${i}@hbtn.io`, 'x')
    const refused = await from('203.0.113.7', BOB.email, BOB.password)
    expect(refused.status).to.equal(429)
    expect(refused.body).to.deep.equal(TOO_MANY)
    expect(refused.headers['retry-after']).to.equal('900')
  })

  it('lets another address log in meanwhile', async function () {
    for (let i = 0; i < 4; i += 1) await from('203.0.113.7', `ghost${i}@hbtn.io`, 'x')
    expect((await from('203.0.113.8', BOB.email, BOB.password)).status).to.equal(200)
  })

  it('counts an IPv6 client by its /64, so rotating the host part does not help', async function () {
    for (let i = 1; i <= 3; i += 1) await from(`2001:db8:1:2::${i}`, `ghost${i}@hbtn.io`, 'x')
    expect((await from('2001:db8:1:2:ffff::9', BOB.email, BOB.password)).status).to.equal(429)
    expect((await from('2001:db8:1:3::1', BOB.email, BOB.password)).status).to.equal(200)
  })
})

describe('login rate limit across processes', function () {
  it('shares the count between two apps on the same database file', async function () {
    const first = buildApp(LIMITS)
    const db = openDatabase(first.database.path)
    try {
      await first.createUser(BOB)
      const second = request(createApp(first.config, { db, clock: first.clock }).callback())
      await login(first.http, BOB.email, 'wrong')
      await login(second, BOB.email, 'wrong')
      await login(first.http, BOB.email, 'wrong')
      const refused = await login(second, BOB.email, BOB.password)
      expect(refused.status).to.equal(429)
      expect(refused.body).to.deep.equal(TOO_MANY)
    } finally {
      db.close()
      first.close()
    }
  })
})

describe('login rate limit configuration', function () {
  it('defaults to 10 failures per email and 100 per address in 900 seconds', function () {
    const t = buildApp()
    try {
      expect([t.config.loginMaxAttemptsPerEmail, t.config.loginMaxAttemptsPerIp, t.config.loginWindowSeconds]).to.deep.equal([10, 100, 900])
    } finally {
      t.close()
    }
  })

  it('refuses a threshold that is not a non-negative integer, naming the variable', function () {
    expect(() => loadConfig({ LOGIN_MAX_ATTEMPTS_PER_IP: '-1' })).to.throw('LOGIN_MAX_ATTEMPTS_PER_IP must be an integer of at least 0; got "-1"')
    expect(() => loadConfig({ LOGIN_WINDOW_SECONDS: '0' })).to.throw('LOGIN_WINDOW_SECONDS must be an integer of at least 1; got "0"')
  })
})
