// AUTH_TYPE=jwt_redis_auth through HTTP on a real Redis (docs/tokens.md): opaque refresh tokens
// kept only as hashes, rotation, reuse detection (concurrent refreshes included), logout denying
// the jti until its exp, the end of every family (DELETE /users/me/sessions, user deletion, JWT_REFRESH_TTL), access
// tokens without a family, and what one authenticated request costs in Redis.
import { expect } from 'chai'
import { createHash } from 'node:crypto'
import type { User } from '../../models/user.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { publicUser, UUID4 } from '../support/expected.js'
import { decode, derivedKey, forge, JWT_LOGIN, JWT_LOGOUT, JWT_REFRESH, JWT_SECRET, kidOf, ME, tokenLogin, type Tokens } from '../support/jwt.js'
import type { RedisServer } from '../support/redis_server.js'
import { expectJsonError } from '../support/requests.js'
import { keysUnder, sharedRedis } from '../support/shared_redis.js'

const ALICE = { email: 'alice@hbtn.io', password: 'alice pwd' }
const MODE = { AUTH_TYPE: 'jwt_redis_auth' } as const
const REFRESH_TOKEN = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/
const CLEARED = [
  '_my_session_id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
  'refresh_token=; Max-Age=0; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict',
]

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
const familyOf = (refresh: string): string => refresh.slice(0, refresh.indexOf('.'))
const setCookies = (headers: Record<string, unknown>): string[] => (headers['set-cookie'] ?? []) as string[]

describe('AUTH_TYPE=jwt_redis_auth through HTTP', function () {
  let t: TestApp
  let bob: User
  let redis: RedisServer

  async function start(env: Record<string, string> = {}): Promise<void> {
    redis = await sharedRedis()
    t = buildApp({ ...MODE, ...env })
    bob = await t.createUser(BOB)
  }

  /** This app's keys in Redis, without its prefix. */
  async function keys(): Promise<string[]> {
    return (await keysUnder(redis, t.config.redisPrefix)).map((key) => key.slice(t.config.redisPrefix.length))
  }

  /** Every key of this app with its whole value (hash, set or string) and its TTL in seconds. */
  async function dump(): Promise<Record<string, { value: unknown, ttl: number }>> {
    const connection = await redis.connection()
    const entries = await Promise.all((await keys()).map(async (key) => connection.run(async (client) => {
      const full = t.config.redisPrefix + key
      const type = await client.type(full)
      const value = type === 'hash' ? { ...await client.hGetAll(full) } : type === 'set' ? (await client.sMembers(full)).sort() : await client.get(full)
      return [key, { value, ttl: await client.ttl(full) }] as const
    })))
    return Object.fromEntries(entries)
  }

  const login = (who: { email: string, password: string } = BOB): Promise<Tokens> => tokenLogin(t, who.email, who.password)
  const me = (access: string) => t.http.get(ME).set('Authorization', `Bearer ${access}`)
  const refresh = (token: string) => t.http.post(JWT_REFRESH).send({ refresh_token: token })
  const forbidden = (request: ReturnType<typeof me>) => expectJsonError(request, 403, 'Forbidden')

  /** Every token given is refused: access tokens on /users/me, refresh tokens at refresh. */
  async function allRefused(...tokens: Tokens[]): Promise<void> {
    for (const { access, refresh: token } of tokens) {
      await forbidden(me(access))
      await forbidden(refresh(token))
    }
  }

  afterEach(function () { t.close() })

  describe('login and rotation', function () {
    beforeEach(async function () { await start() })

    it('answers 200 with an opaque <family uuid>.<43 base64url> refresh token kept in Redis only as its SHA-256, and an access token whose sid is the family', async function () {
      const res = await t.http.post(JWT_LOGIN).type('form').send(BOB).expect(200)
      const { access_token: access, refresh_token: token } = res.body as { access_token: string, refresh_token: string }
      expect(res.body).to.deep.equal({ access_token: access, refresh_token: token, token_type: 'Bearer', expires_in: 900 })
      const family = REFRESH_TOKEN.exec(token)?.[1] ?? ''
      expect(family).to.match(UUID4)
      expect(decode(access).payload).to.include({ sub: bob.id, sid: family })
      expect(setCookies(res.headers)).to.deep.equal([
        `_my_session_id=${access}; Max-Age=900; Path=/; HttpOnly; SameSite=Lax`,
        `refresh_token=${token}; Max-Age=43200; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict`,
      ])
      const stored = await dump()
      expect(stored).to.deep.equal({
        [`family:${family}`]: { value: { user: bob.id, current: sha256(token) }, ttl: 43200 },
        [`user:${bob.id}:families`]: { value: [family], ttl: 43200 },
      })
      const text = JSON.stringify(stored)
      expect(text).to.not.include(token.slice(37))
      expect(text).to.not.include(token)
      await me(access).expect(200, publicUser({ id: bob.id, email: BOB.email }))
    })

    it('rotates at refresh: a new refresh token of the same family, the old one spent, the family\'s TTL not extended', async function () {
      const first = await login()
      const family = familyOf(first.refresh)
      const res = await refresh(first.refresh).expect(200)
      const second = { access: res.body.access_token as string, refresh: res.body.refresh_token as string }
      expect(res.body).to.deep.equal({ access_token: second.access, refresh_token: second.refresh, token_type: 'Bearer', expires_in: 900 })
      expect(second.refresh).to.not.equal(first.refresh)
      expect(familyOf(second.refresh)).to.equal(family)
      expect(decode(second.access).payload.sid).to.equal(family)
      const stored = await dump()
      expect(stored[`family:${family}`]?.value).to.deep.equal({ user: bob.id, current: sha256(second.refresh), [`s:${sha256(first.refresh)}`]: '1' })
      expect(stored[`family:${family}`]?.ttl).to.be.within(43199, 43200)
      // Both access tokens of the live family still work; the new refresh token rotates again.
      await me(first.access).expect(200)
      await me(second.access).expect(200)
      await refresh(second.refresh).expect(200)
    })

    it('gives the refresh cookie at refresh a Max-Age of the seconds the family has left in Redis', async function () {
      const { refresh: token } = await login()
      const connection = await redis.connection()
      await connection.run((client) => client.expire(`${t.config.redisPrefix}family:${familyOf(token)}`, 1234))
      const res = await refresh(token).expect(200)
      expect(setCookies(res.headers)).to.deep.equal([
        `_my_session_id=${res.body.access_token}; Max-Age=900; Path=/; HttpOnly; SameSite=Lax`,
        `refresh_token=${res.body.refresh_token}; Max-Age=1234; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict`,
      ])
    })

    it('answers 403 to a spent refresh token and ends its family: the newest refresh token and every access token of the family answer 403', async function () {
      const first = await login()
      const other = await login()
      const second = await refresh(first.refresh).expect(200).then((res) => ({ access: res.body.access_token as string, refresh: res.body.refresh_token as string }))
      await forbidden(refresh(first.refresh))
      await allRefused(second, first)
      expect(await keys()).to.deep.equal([`family:${familyOf(other.refresh)}`, `user:${bob.id}:families`].sort())
      await me(other.access).expect(200)
    })

    it('answers 403 to a made-up secret of a live family, and leaves the family alone', async function () {
      const tokens = await login()
      const before = await dump()
      await forbidden(refresh(`${familyOf(tokens.refresh)}.${'A'.repeat(43)}`))
      expect(await dump()).to.deep.equal(before)
      await refresh(tokens.refresh).expect(200)
    })

    it('lets exactly one of 20 concurrent refreshes with one token win, and then ends the family (the losers present a spent token)', async function () {
      const tokens = await login()
      const answers = await Promise.all(Array.from({ length: 20 }, () => refresh(tokens.refresh)))
      expect(answers.map((res) => res.status).sort()).to.deep.equal([200, ...Array<number>(19).fill(403)])
      for (const res of answers.filter((answer) => answer.status === 403)) expect(res.body).to.deep.equal({ error: 'Forbidden' })
      const winner = answers.find((res) => res.status === 200)
      expect(await dump()).to.deep.equal({})
      await allRefused(tokens, { access: winner?.body.access_token as string, refresh: winner?.body.refresh_token as string })
    })
  })

  describe('logout and the end of families', function () {
    it('answers 200 {} at logout, clears both cookies, denies the jti until exp (TTL exp - now) and ends the family', async function () {
      await start()
      const tokens = await login()
      const other = await login()
      t.clock.advance(100)
      const res = await t.http.delete(JWT_LOGOUT).set('Authorization', `Bearer ${tokens.access}`).expect(200, {})
      expect(setCookies(res.headers)).to.deep.equal(CLEARED)
      await allRefused(tokens)
      const { jti } = decode(tokens.access).payload
      const stored = await dump()
      expect(Object.keys(stored)).to.deep.equal([`denied:${String(jti)}`, `family:${familyOf(other.refresh)}`, `user:${bob.id}:families`].sort())
      expect(stored[`denied:${String(jti)}`]?.ttl).to.be.within(799, 800)
      expect(stored[`user:${bob.id}:families`]?.value).to.deep.equal([familyOf(other.refresh)])
      await me(other.access).expect(200)
    })

    it('denies for 1 s a token logged out past its exp within JWT_LEEWAY', async function () {
      await start({ JWT_LEEWAY: '30' })
      const tokens = await login()
      t.clock.advance(910)
      await t.http.delete(JWT_LOGOUT).set('Authorization', `Bearer ${tokens.access}`).expect(200, {})
      const { jti } = decode(tokens.access).payload
      const connection = await redis.connection()
      expect(await connection.run((client) => client.pTTL(`${t.config.redisPrefix}denied:${String(jti)}`))).to.be.within(1, 1000)
      await forbidden(me(tokens.access))
    })

    it('ends every family of the current user at DELETE /users/me/sessions (200 {}, both cookies cleared), another user\'s untouched', async function () {
      await start()
      const alice = await t.createUser(ALICE)
      const bobs = [await login(), await login()] as const
      const alices = await login(ALICE)
      const res = await t.http.delete('/api/v1/users/me/sessions').set('Authorization', `Bearer ${bobs[0].access}`).expect(200, {})
      expect(setCookies(res.headers)).to.deep.equal(CLEARED)
      await allRefused(...bobs)
      expect(await keys()).to.deep.equal([`family:${familyOf(alices.refresh)}`, `user:${alice.id}:families`].sort())
      await me(alices.access).expect(200, alice.toJSON())
      await refresh(alices.refresh).expect(200)
    })

    it('ends every family of a user deleted through DELETE /users/:id', async function () {
      await start()
      const alice = await t.createUser(ALICE)
      const bobs = [await login(), await login()] as const
      const alices = await login(ALICE)
      await t.http.delete(`/api/v1/users/${bob.id}`).set('Authorization', `Bearer ${alices.access}`).expect(200, {})
      expect(await keys()).to.deep.equal([`family:${familyOf(alices.refresh)}`, `user:${alice.id}:families`].sort())
      await allRefused(...bobs)
      await me(alices.access).expect(200, alice.toJSON())
    })

    it('ends a family JWT_REFRESH_TTL after its login, by Redis TTL: its refresh and access tokens answer 403', async function () {
      this.timeout(10_000)
      await start({ JWT_REFRESH_TTL: '1' })
      const tokens = await login()
      const family = `${t.config.redisPrefix}family:${familyOf(tokens.refresh)}`
      const connection = await redis.connection()
      expect(await connection.run((client) => client.pTTL(family))).to.be.within(1, 1000)
      await me(tokens.access).expect(200)
      while (await connection.run((client) => client.exists(family)) === 1) await new Promise((resolve) => setTimeout(resolve, 50))
      await allRefused(tokens)
    })
  })

  describe('access tokens and Redis', function () {
    it('answers 403 to an access token without sid minted with the same secret by a jwt_auth app; with a live family\'s sid it would pass', async function () {
      await start()
      const stateless = buildApp({ AUTH_TYPE: 'jwt_auth', JWT_SECRET }, { storage: sqliteStorage(t.database.db) })
      const { access } = await tokenLogin(stateless, BOB.email, BOB.password).finally(() => stateless.close())
      expect(decode(access).payload).to.not.have.property('sid')
      await forbidden(me(access))
      const { header, payload } = decode(access)
      const family = familyOf((await login()).refresh)
      const withSid = forge(header, { ...payload, sid: family }, derivedKey(JWT_SECRET, 'access'))
      expect(header.kid).to.equal(kidOf(derivedKey(JWT_SECRET, 'access')))
      await me(withSid).expect(200)
    })

    it('asks Redis one round trip per authenticated request: 2 EXISTS in one read, no script', async function () {
      await start()
      const { access } = await login()
      const connection = await redis.connection()
      const info = async (): Promise<{ exists: number, scripts: number, reads: number }> => {
        const text = String(await connection.run((client) => client.sendCommand(['INFO', 'stats', 'commandstats'])))
        const count = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? 0)
        return {
          exists: count(/cmdstat_exists:calls=(\d+)/),
          scripts: count(/cmdstat_evalsha:calls=(\d+)/) + count(/cmdstat_eval:calls=(\d+)/),
          reads: count(/total_reads_processed:(\d+)/),
        }
      }
      const N = 25
      const before = await info()
      for (let i = 0; i < N; i += 1) await me(access).expect(200)
      const after = await info()
      // One read per request, plus the one that brought the second INFO.
      expect({ exists: after.exists - before.exists, scripts: after.scripts - before.scripts, reads: after.reads - before.reads })
        .to.deep.equal({ exists: 2 * N, scripts: 0, reads: N + 1 })
    })
  })
})
