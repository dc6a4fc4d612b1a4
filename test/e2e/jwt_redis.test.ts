// jwt_redis_auth with the real server process and a redis-server of its own: a Redis missing at
// start stops the server; a Redis stopped or hung while serving fails closed (503 within 1 s, no
// cookie handed out, nobody let in, nothing rotated or revoked), /status and 401 need no Redis,
// service comes back by itself, and a token logged out before the outage stays refused; a refresh
// that got 503 from a hung Redis counts as done once Redis continues.
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { call, type Reply } from '../support/http_client.js'
import { JWT_SECRET } from '../support/jwt.js'
import { startRedisServer, type RedisServer } from '../support/redis_server.js'
import { seedStoredUser } from '../support/seed_user.js'
import { runServerToExit, spawnServer, type ServerProcess } from '../support/server_process.js'

const UNAVAILABLE = { error: 'Service unavailable' }
const FORBIDDEN = { error: 'Forbidden' }

interface Tokens { readonly access: string, readonly refresh: string }

describe('jwt_redis_auth with the real server and its own redis-server', function () {
  this.timeout(60_000)
  let dir: string
  let dbPath: string
  let bob: User
  let redis: RedisServer
  let server: ServerProcess
  const latencies: number[] = []

  const bearer = (access: string): { headers: Record<string, string> } => ({ headers: { Authorization: `Bearer ${access}` } })
  const me = (access: string): Promise<Reply> => call(server.url, 'GET', '/api/v1/users/me', bearer(access))
  const answer = (reply: Reply): { status: number, body: unknown } => ({ status: reply.status, body: reply.body })

  async function login(): Promise<Tokens> {
    const reply = await call(server.url, 'POST', '/api/v1/auth_jwt/login', { form: BOB })
    const body = reply.body as { access_token: string, refresh_token: string }
    expect(reply.status).to.equal(200)
    return { access: body.access_token, refresh: body.refresh_token }
  }

  /** Expects the 503 of an outage, within 1 s, with Retry-After and no cookie handed out. */
  async function expectUnavailable(request: () => Promise<Reply>): Promise<void> {
    const started = performance.now()
    const reply = await request()
    const ms = performance.now() - started
    latencies.push(ms)
    expect(answer(reply)).to.deep.equal({ status: 503, body: UNAVAILABLE })
    expect(reply.headers.get('retry-after')).to.equal('1')
    expect(reply.headers.getSetCookie()).to.deep.equal([])
    expect(ms).to.be.below(1000)
  }

  /** Everything that needs Redis answers 503; /status and a request without credentials do not. */
  async function expectFailClosed(tokens: Tokens): Promise<void> {
    await expectUnavailable(() => me(tokens.access))
    await expectUnavailable(() => call(server.url, 'POST', '/api/v1/auth_jwt/login', { form: BOB }))
    await expectUnavailable(() => call(server.url, 'POST', '/api/v1/auth_jwt/refresh', { json: { refresh_token: tokens.refresh } }))
    await expectUnavailable(() => call(server.url, 'DELETE', '/api/v1/auth_jwt/logout', bearer(tokens.access)))
    await expectUnavailable(() => call(server.url, 'DELETE', '/api/v1/users/me/sessions', bearer(tokens.access)))
    const started = performance.now()
    expect(answer(await call(server.url, 'GET', '/api/v1/status'))).to.deep.equal({ status: 200, body: { status: 'OK' } })
    expect(performance.now() - started).to.be.below(200)
    expect(answer(await call(server.url, 'GET', '/api/v1/users/me'))).to.deep.equal({ status: 401, body: { error: 'Unauthorized' } })
  }

  /** Polls /users/me until it answers 200; answers how long that took after `since` (ms). */
  async function resumed(access: string, since: number): Promise<number> {
    while (performance.now() - since < 10_000) {
      if ((await me(access)).status === 200) return performance.now() - since
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return Infinity
  }

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-jwt-redis-e2e-'))
    dbPath = join(dir, 'users.sqlite3')
    bob = await seedStoredUser(dbPath, BOB.email, BOB.password)
    // Logouts must outlive a restart of Redis: appendonly, as docs/tokens.md recommends.
    redis = await startRedisServer({ appendOnly: true })
    server = await spawnServer({ AUTH_TYPE: 'jwt_redis_auth', JWT_SECRET, DB_PATH: dbPath, REDIS_URL: redis.url, REDIS_PREFIX: 'e2e:' })
  })

  after(async function () {
    await server?.kill()
    await redis?.remove()
    rmSync(dir, { recursive: true, force: true })
    if (latencies.length > 0) console.log(`        503 latencies: max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} requests`)
  })

  it('exits with code 1 and one line naming REDIS_URL when Redis cannot be reached at start', async function () {
    const url = 'redis://127.0.0.1:1'
    const exit = await runServerToExit({ AUTH_TYPE: 'jwt_redis_auth', JWT_SECRET, DB_PATH: dbPath, REDIS_URL: url })
    const line = `koa-session-auth: cannot reach Redis at REDIS_URL=${url}: connect ECONNREFUSED 127.0.0.1:1\n`
    expect(exit).to.deep.equal({ code: 1, output: line, stderr: line })
  })

  it('answers 503 within 1 s while Redis is stopped, never 200, leaves /status and 401 alone, resumes within 5 s, and keeps refusing a token logged out before', async function () {
    const kept = await login()
    const loggedOut = await login()
    expect(answer(await call(server.url, 'DELETE', '/api/v1/auth_jwt/logout', bearer(loggedOut.access)))).to.deep.equal({ status: 200, body: {} })
    await redis.stop()
    await expectFailClosed(kept)
    await expectFailClosed(loggedOut)

    const since = performance.now()
    await redis.start()
    const back = await resumed(kept.access, since)
    console.log(`        service back ${back.toFixed(0)} ms after Redis`)
    expect(back).to.be.below(5000)
    expect(answer(await me(loggedOut.access))).to.deep.equal({ status: 403, body: FORBIDDEN })
    const stale = await call(server.url, 'POST', '/api/v1/auth_jwt/refresh', { json: { refresh_token: loggedOut.refresh } })
    expect(answer(stale)).to.deep.equal({ status: 403, body: FORBIDDEN })
    // The refresh and logout that got 503 changed nothing: the refresh token is still the current one.
    const rotated = await call(server.url, 'POST', '/api/v1/auth_jwt/refresh', { json: { refresh_token: kept.refresh } })
    expect(rotated.status).to.equal(200)
    expect(answer(await me((rotated.body as { access_token: string }).access_token))).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(answer(await me(kept.access))).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  // A hung Redis has the commands already written: the refresh that got 503 is applied when Redis
  // continues, so the token it presented is spent, and showing it again ends the family (fail closed:
  // the client logs in again; docs/tokens.md, Redis outages).
  it('answers 503 within 1 s while Redis hangs (SIGSTOP), serves again as soon as it continues, and counts the refresh that got 503 as done', async function () {
    const tokens = await login()
    redis.pause()
    try {
      await expectFailClosed(tokens)
    } finally {
      redis.resume()
    }
    expect(await resumed(tokens.access, performance.now())).to.be.below(5000)
    const retried = await call(server.url, 'POST', '/api/v1/auth_jwt/refresh', { json: { refresh_token: tokens.refresh } })
    expect(answer(retried)).to.deep.equal({ status: 403, body: FORBIDDEN })
    expect(answer(await me(tokens.access))).to.deep.equal({ status: 403, body: FORBIDDEN })
    const again = await login()
    expect(answer(await me(again.access))).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(server.process.exitCode).to.equal(null)
  })
})
