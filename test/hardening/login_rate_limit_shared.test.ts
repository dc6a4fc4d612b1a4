// Login rate limit, part 2 (docs/security.md): per client address (IPv6 by /64), one count for
// every app on the database file, and the thresholds' configuration.
import { expect } from 'chai'
import request from 'supertest'
import { createApp } from '../../api/v1/app.js'
import { loadConfig } from '../../api/v1/config.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import { BOB, buildApp, type TestApp } from '../support/app.js'
import { LIMITS, TOO_MANY, login } from '../support/login_limits.js'

const LOGIN = '/api/v1/auth_session/login'

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
    await from('203.0.113.7', BOB.email, BOB.password).expect(429, TOO_MANY).expect('Retry-After', '900')
  })

  it('lets another address log in meanwhile', async function () {
    for (let i = 0; i < 4; i += 1) await from('203.0.113.7', `ghost${i}@hbtn.io`, 'x')
    await from('203.0.113.8', BOB.email, BOB.password).expect(200)
  })

  it('counts the address the proxy appended, whatever the client put before it in X-Forwarded-For', async function () {
    for (let i = 0; i < 3; i += 1) await from(`198.51.100.${i}, 203.0.113.7`, `ghost${i}@hbtn.io`, 'x')
    await from('198.51.100.99, 203.0.113.7', BOB.email, BOB.password).expect(429)
  })

  it('counts an IPv6 client by its /64, so rotating the host part does not help', async function () {
    for (let i = 1; i <= 3; i += 1) await from(`2001:db8:1:2::${i}`, `ghost${i}@hbtn.io`, 'x')
    await from('2001:db8:1:2:ffff::9', BOB.email, BOB.password).expect(429)
    await from('2001:db8:1:3::1', BOB.email, BOB.password).expect(200)
  })
})

describe('login rate limit across processes', function () {
  it('shares the count between two apps on the same database file', async function () {
    const first = buildApp(LIMITS)
    const db = openDatabase(first.database.path)
    try {
      await first.createUser(BOB)
      const second = request(createApp(first.config, { storage: sqliteStorage(db), clock: first.clock }).callback())
      await login(first.http, BOB.email, 'wrong')
      await login(second, BOB.email, 'wrong')
      await login(first.http, BOB.email, 'wrong')
      await login(second, BOB.email, BOB.password).expect(429, TOO_MANY)
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
