// session_redis_auth with the real server process and a real redis-server of its own: sessions
// survive a restart of the API and are stored hashed; a Redis missing at start stops the server;
// a Redis lost, paused or killed while serving fails closed (503 within 1 s, nobody let in), and
// service comes back by itself; with appendonly yes, a kill -9 of Redis loses no acknowledged login
// or logout (without it, they are lost: checked by hand). Redis writes the AOF before it replies, so
// a crash of the process alone loses nothing even with appendfsync everysec; `always` is what a power
// loss needs, which this test cannot cause (docs/redis.md).
import { expect } from 'chai'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { call, cookieFrom, login, logout, me, type Reply } from '../support/http_client.js'
import { startRedisServer, type RedisServer } from '../support/redis_server.js'
import { seedStoredUser } from '../support/seed_user.js'
import { runServerToExit, spawnServer, type ServerProcess } from '../support/server_process.js'
import { keysUnder } from '../support/shared_redis.js'

const PREFIX = 'e2e:'
const UNAVAILABLE = { error: 'Service unavailable' }
const FORBIDDEN = { error: 'Forbidden' }

/** The reply and how long it took, in ms. */
async function timed(request: () => Promise<Reply>): Promise<{ reply: Reply, ms: number }> {
  const started = performance.now()
  const reply = await request()
  return { reply, ms: performance.now() - started }
}

describe('session_redis_auth with the real server and its own redis-server', function () {
  this.timeout(60_000)
  let dir: string
  let dbPath: string
  let bob: User
  let redis: RedisServer
  const started: ServerProcess[] = []
  const latencies: number[] = []

  async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const server = await spawnServer({ AUTH_TYPE: 'session_redis_auth', DB_PATH: dbPath, REDIS_URL: redis.url, REDIS_PREFIX: PREFIX, SESSION_DURATION: '3600', ...env })
    started.push(server)
    return server
  }

  /** Expects the 503 of an outage, within 1 s, with Retry-After and no cookie handed out. */
  async function expectUnavailable(request: () => Promise<Reply>): Promise<void> {
    const { reply, ms } = await timed(request)
    latencies.push(ms)
    expect({ status: reply.status, body: reply.body }).to.deep.equal({ status: 503, body: UNAVAILABLE })
    expect(reply.headers.get('retry-after')).to.equal('1')
    expect(reply.headers.getSetCookie()).to.deep.equal([])
    expect(ms).to.be.below(1000)
  }

  /** Everything a request needing Redis can ask, answered 503; what needs no Redis answered as usual. */
  async function expectFailClosed(server: ServerProcess, sessionId: string): Promise<void> {
    const cookie = `_my_session_id=${sessionId}`
    await expectUnavailable(() => call(server.url, 'GET', '/api/v1/users/me', { cookie }))
    await expectUnavailable(() => call(server.url, 'POST', '/api/v1/auth_session/login', { form: BOB }))
    await expectUnavailable(() => call(server.url, 'DELETE', '/api/v1/auth_session/logout', { cookie }))
    await expectUnavailable(() => call(server.url, 'DELETE', '/api/v1/users/me/sessions', { cookie }))
    const status = await timed(() => call(server.url, 'GET', '/api/v1/status'))
    expect({ status: status.reply.status, body: status.reply.body }).to.deep.equal({ status: 200, body: { status: 'OK' } })
    expect(status.ms).to.be.below(200)
    expect((await call(server.url, 'GET', '/api/v1/users/me')).body).to.deep.equal({ error: 'Unauthorized' })
  }

  /** Polls /users/me until it answers `status` (200 by default); answers how long that took after `since` (ms). */
  async function resumed(server: ServerProcess, sessionId: string, since: number, serving: (status: number) => boolean = (status) => status === 200): Promise<number> {
    while (performance.now() - since < 10_000) {
      if (serving((await me(server, sessionId)).status)) return performance.now() - since
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return Infinity
  }

  beforeEach(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-redis-e2e-'))
    dbPath = join(dir, 'users.sqlite3')
    bob = await seedStoredUser(dbPath, BOB.email, BOB.password)
    redis = await startRedisServer({ appendOnly: true })
  })

  afterEach(async function () {
    await Promise.all(started.splice(0).map((server) => server.kill()))
    await redis.remove()
    rmSync(dir, { recursive: true, force: true })
  })

  after(function () {
    if (latencies.length > 0) console.log(`        503 latencies: max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} requests`)
  })

  it('keeps a session across a SIGKILL and restart of the API, and keeps the id in Redis only as its SHA-256', async function () {
    const first = await start()
    const sessionId = await login(first, BOB)
    const other = await login(first, BOB)
    await first.kill()
    const second = await start()
    expect(await me(second, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await logout(second, other)).to.deep.equal({ status: 200, body: {} })
    expect(await me(second, other)).to.deep.equal({ status: 403, body: FORBIDDEN })

    const keys = await keysUnder(redis, PREFIX)
    const connection = await redis.connection()
    const values = await connection.run((client) => Promise.all(keys.map(async (key): Promise<unknown> => {
      return (await client.type(key)) === 'string' ? client.get(key) : client.zRange(key, 0, -1)
    })))
    const stored = JSON.stringify({ keys, values })
    expect(keys).to.have.length(2)
    expect(stored).to.include(bob.id)
    for (const id of [sessionId, other]) expect(stored).to.not.include(id)
  })

  it('exits with code 1 and one line naming REDIS_URL when Redis cannot be reached at start', async function () {
    await redis.stop()
    const exit = await runServerToExit({ AUTH_TYPE: 'session_redis_auth', DB_PATH: dbPath, REDIS_URL: redis.url })
    const line = `koa-session-auth: cannot reach Redis at REDIS_URL=${redis.url}: connect ECONNREFUSED 127.0.0.1:${redis.port}\n`
    expect(exit).to.deep.equal({ code: 1, output: line, stderr: line })
  })

  it('answers 503 within 1 s while Redis is down, never 200, leaves /status and 401 alone, and resumes within 5 s of Redis coming back', async function () {
    const server = await start()
    const kept = await login(server, BOB)
    const loggedOut = await login(server, BOB)
    expect(await logout(server, loggedOut)).to.deep.equal({ status: 200, body: {} })
    await redis.stop()
    await expectFailClosed(server, kept)
    await expectFailClosed(server, loggedOut)

    await redis.start()
    const back = await resumed(server, kept, performance.now())
    console.log(`        service back ${back.toFixed(0)} ms after Redis`)
    expect(back).to.be.below(5000)
    expect(await me(server, loggedOut)).to.deep.equal({ status: 403, body: FORBIDDEN })
    expect(await logout(server, kept)).to.deep.equal({ status: 200, body: {} })
    expect(server.process.exitCode).to.equal(null)
  })

  it('answers 503 within 1 s while Redis hangs (SIGSTOP), and serves again as soon as it continues', async function () {
    const server = await start()
    const sessionId = await login(server, BOB)
    redis.pause()
    try {
      await expectFailClosed(server, sessionId)
    } finally {
      redis.resume()
    }
    const back = await resumed(server, sessionId, performance.now())
    expect(back).to.be.below(5000)
    expect(await me(server, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('stops with exit code 0 on SIGTERM while Redis hangs with a command unanswered, within the shutdown\'s 10 s bound', async function () {
    const server = await start()
    const sessionId = await login(server, BOB)
    redis.pause()
    try {
      const pending = me(server, sessionId)
      await new Promise((resolve) => setTimeout(resolve, 100))
      const { ms, code } = await (async () => {
        const begun = performance.now()
        const exitCode = await server.stop('SIGTERM')
        return { ms: performance.now() - begun, code: exitCode }
      })()
      expect(code).to.equal(0)
      // The unanswered command must not hold the exit; the keep-alive connection of the 503 may, up to 10 s.
      expect(ms).to.be.below(10_000)
      expect(await pending).to.deep.equal({ status: 503, body: UNAVAILABLE })
    } finally {
      redis.resume()
    }
  })

  it('loses no acknowledged login or logout when Redis (appendonly yes, appendfsync always) is killed with SIGKILL mid-traffic', async function () {
    // Many logins of one user at once: the login limit (which counts them in flight) is off.
    const server = await start({ LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '0' })
    const earlier = await Promise.all(Array.from({ length: 40 }, () => login(server, BOB)))
    const loggedIn: string[] = []
    const loggedOut: string[] = []
    let killed = false
    let acknowledged = (): void => {}
    const enoughAcks = new Promise<void>((resolve) => { acknowledged = () => { if (loggedIn.length + loggedOut.length >= 20) resolve() } })
    // Four clients log in and out until Redis has been dead a moment; what was acknowledged is recorded.
    const clients = Array.from({ length: 4 }, async (_, index) => {
      for (let round = 0; !killed || round % 10 !== 0; round += 1) {
        const reply = await call(server.url, 'POST', '/api/v1/auth_session/login', { form: BOB })
        const cookie = cookieFrom(reply)
        if (reply.status === 200 && cookie !== null) loggedIn.push(cookie.slice('_my_session_id='.length))
        const leaving = earlier[index * 10 + round % 10]
        if (leaving !== undefined && !loggedOut.includes(leaving) && (await logout(server, leaving)).status === 200) loggedOut.push(leaving)
        acknowledged()
      }
    })
    await enoughAcks
    await redis.kill()
    killed = true
    await Promise.all(clients)
    await redis.start()
    expect(await resumed(server, earlier[0] ?? '', performance.now(), (status) => status !== 503)).to.be.below(5000)

    for (const sessionId of loggedIn) expect(await me(server, sessionId)).to.deep.equal({ status: 200, body: bob.toJSON() })
    for (const sessionId of loggedOut) expect(await me(server, sessionId)).to.deep.equal({ status: 403, body: FORBIDDEN })
    console.log(`        acknowledged before the kill: ${loggedIn.length} logins, ${loggedOut.length} logouts`)
    expect(loggedIn.length + loggedOut.length).to.be.greaterThan(0)
    // The append-only file holds the hashes, never a session id.
    const aof = appendOnlyText(redis.dir)
    for (const sessionId of [...earlier, ...loggedIn]) expect(aof).to.not.include(sessionId)
  })
})

// Redis 7 keeps its AOF as several files in appendonlydir/; older ones as one file.
function appendOnlyText(dir: string): string {
  const files: string[] = []
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
    else if (/appendonly/.test(path)) files.push(readFileSync(path, 'latin1'))
  }
  walk(dir)
  expect(files.join('')).to.include('SET')
  return files.join('')
}
