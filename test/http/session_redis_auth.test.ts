// AUTH_TYPE=session_redis_auth through HTTP on a real Redis: the same answers as session_db_auth
// (login, /users/me, logout, Max-Age, expiry checked by the server), sessions ended all at once
// (DELETE /users/me/sessions, deleting the user), and logins racing the end of all sessions.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { hashSessionId } from '../../models/user_session.js'
import { BOB, buildApp, cookie, sessionIdFrom, type TestApp } from '../support/app.js'
import { meWithSession } from '../support/requests.js'
import { keysUnder, sharedRedis } from '../support/shared_redis.js'
import type { RedisServer } from '../support/redis_server.js'

const ALICE = { email: 'alice@hbtn.io', password: 'alice pwd' }

describe('AUTH_TYPE=session_redis_auth through HTTP', function () {
  let t: TestApp
  let bob: User
  let redis: RedisServer

  async function start(sessionDuration?: string, env: Record<string, string> = {}): Promise<void> {
    redis = await sharedRedis()
    t = buildApp({ AUTH_TYPE: 'session_redis_auth', SESSION_DURATION: sessionDuration, ...env })
    bob = await t.createUser(BOB)
  }

  /** This app's keys in Redis, without its prefix. */
  async function keys(): Promise<string[]> {
    return (await keysUnder(redis, t.config.redisPrefix)).map((key) => key.slice(t.config.redisPrefix.length))
  }

  const sessionKey = (sessionId: string): string => `session:${hashSessionId(sessionId)}`
  const logout = (sessionId: string) => t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, sessionId))
  const endAll = (sessionId: string) => t.http.delete('/api/v1/users/me/sessions').set('Cookie', cookie(t.config.sessionName, sessionId))

  afterEach(function () { t.close() })

  it('answers 200 with the user at login, with Max-Age, and stores one hashed session key and its user\'s index', async function () {
    await start('3600')
    const res = await t.http.post('/api/v1/auth_session/login').type('form').send(BOB).expect(200, bob.toJSON())
    const sessionId = /^_my_session_id=([0-9a-f-]{36}); Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1] ?? ''
    expect(sessionId).to.have.length(36)
    expect(await keys()).to.deep.equal([sessionKey(sessionId), `user:${bob.id}:sessions`].sort())
    await meWithSession(t, sessionId).expect(200, bob.toJSON())
  })

  it('gives the session key a Redis TTL of SESSION_DURATION, and none without it', async function () {
    await start('3600')
    const expiring = await t.login(BOB.email, BOB.password)
    const connection = await redis.connection()
    const ttl = await connection.run((client) => client.pTTL(t.config.redisPrefix + sessionKey(expiring)))
    expect(ttl).to.be.within(3_590_000, 3_600_000)
    t.close()
    await start()
    const forever = await t.login(BOB.email, BOB.password)
    expect(await connection.run((client) => client.pTTL(t.config.redisPrefix + sessionKey(forever)))).to.equal(-1)
  })

  it('gives the user\'s index the TTL of the user\'s latest session, so an index whose sessions all expired goes too', async function () {
    await start('3600')
    const connection = await redis.connection()
    const indexTtl = () => connection.run((client) => client.pTTL(`${t.config.redisPrefix}user:${bob.id}:sessions`))
    await t.login(BOB.email, BOB.password)
    expect(await indexTtl()).to.be.within(3_590_000, 3_600_000)
    t.clock.advance(1800)
    await t.login(BOB.email, BOB.password)
    expect(await indexTtl()).to.be.within(3_590_000, 3_600_000)
  })

  it('answers 403 {"error": "Forbidden"} once created_at + SESSION_DURATION has passed on the server\'s clock, and deletes the key', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    t.clock.advance(60)
    await meWithSession(t, sessionId).expect(200, bob.toJSON())
    t.clock.advance(1)
    await meWithSession(t, sessionId).expect(403, { error: 'Forbidden' })
    expect(await keys()).to.not.include(sessionKey(sessionId))
  })

  it('ends one session at logout (200 {}, cookie cleared), after which it answers 403 and logout again 403', async function () {
    await start('60')
    const sessionId = await t.login(BOB.email, BOB.password)
    const other = await t.login(BOB.email, BOB.password)
    const res = await logout(sessionId).expect(200, {})
    expect(res.headers['set-cookie']?.[0]).to.match(/^_my_session_id=; Max-Age=0; Path=\//)
    expect(await keys()).to.deep.equal([sessionKey(other), `user:${bob.id}:sessions`].sort())
    await meWithSession(t, sessionId).expect(403, { error: 'Forbidden' })
    await logout(sessionId).expect(403, { error: 'Forbidden' })
    await meWithSession(t, other).expect(200, bob.toJSON())
  })

  it('ends every session of the current user at DELETE /users/me/sessions (200 {}), another user\'s untouched', async function () {
    await start('3600')
    const alice = await t.createUser(ALICE)
    const bobs = [await t.login(BOB.email, BOB.password), await t.login(BOB.email, BOB.password)]
    const alices = await t.login(ALICE.email, ALICE.password)
    await endAll(bobs[0] ?? '').expect(200, {})
    for (const sessionId of bobs) await meWithSession(t, sessionId).expect(403, { error: 'Forbidden' })
    await meWithSession(t, alices).expect(200, alice.toJSON())
    expect(await keys()).to.deep.equal([sessionKey(alices), `user:${alice.id}:sessions`].sort())
  })

  it('ends every session of a user deleted through DELETE /users/:id, in Redis too', async function () {
    await start()
    const alice = await t.createUser(ALICE)
    const bobs = [await t.login(BOB.email, BOB.password), await t.login(BOB.email, BOB.password)]
    const alices = await t.login(ALICE.email, ALICE.password)
    await t.http.delete(`/api/v1/users/${bob.id}`).set('Cookie', cookie(t.config.sessionName, alices)).expect(200, {})
    expect(await keys()).to.deep.equal([sessionKey(alices), `user:${alice.id}:sessions`].sort())
    for (const sessionId of bobs) await meWithSession(t, sessionId).expect(403, { error: 'Forbidden' })
  })

  it('leaves no session alive, nor any index entry, when 40 logins race DELETE /users/me/sessions and one more follows', async function () {
    // Logins of one user at once: the login limit, which counts attempts in flight, is off.
    await start('3600', { LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '0' })
    const first = await t.login(BOB.email, BOB.password)
    const logins = Array.from({ length: 40 }, () => t.http.post('/api/v1/auth_session/login').type('form').send(BOB))
    const [ended, ...answers] = await Promise.all([endAll(first), ...logins])
    expect(ended?.status).to.equal(200)
    const issued = answers.map((res) => sessionIdFrom(res.headers['set-cookie'], t.config.sessionName))
    expect(issued.filter((sessionId) => sessionId === null)).to.deep.equal([])
    const last = issued.at(-1) ?? ''
    // Whichever logins the first end-all met, none escapes the index: the last end-all reaches them all.
    await endAll(last).expect(200, {})
    for (const sessionId of [first, ...issued]) await meWithSession(t, sessionId ?? '').expect(403, { error: 'Forbidden' })
    expect(await keys()).to.deep.equal([])
  })

  it('answers 403 {"error": "Forbidden"} for the hash of a session id sent as the cookie', async function () {
    await start()
    const sessionId = await t.login(BOB.email, BOB.password)
    await meWithSession(t, hashSessionId(sessionId)).expect(403, { error: 'Forbidden' })
  })
})
