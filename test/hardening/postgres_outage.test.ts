// PostgreSQL (DATABASE_URL) unreachable, stopped or hung: the server refuses to start naming the
// variable (never its password); while running it answers 503 within a second where it needs the
// database, never lets anyone in, keeps answering what does not need it, and resumes by itself.
import { expect } from 'chai'
import { createServer, type Server, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { BOB } from '../support/app.js'
import { call, login, logout, type Reply } from '../support/http_client.js'
import { freePort, startPostgres, tempPostgresDatabase, type PostgresServer } from '../support/postgres_server.js'
import { seedPostgresUser } from '../support/seed_user.js'
import { runServerToExit, spawnServer, type ServerProcess } from '../support/server_process.js'

const UNAVAILABLE = { status: 503, body: { error: 'Service unavailable' } }
const ENV = { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' }

/** Sends one request and answers its status, body and how long it took (ms). */
async function timed(url: string, method: string, path: string, options: Parameters<typeof call>[3] = {}): Promise<{ status: number, body: unknown, ms: number }> {
  const started = performance.now()
  const reply: Reply = await call(url, method, path, options)
  return { status: reply.status, body: reply.body, ms: performance.now() - started }
}

/** Retries `request` every 100 ms until it answers `status`; how long that took (ms), or a failure after `withinMs`. */
async function untilStatus(status: number, withinMs: number, request: () => Promise<{ status: number }>): Promise<number> {
  const started = performance.now()
  for (;;) {
    if ((await request()).status === status) return performance.now() - started
    if (performance.now() - started > withinMs) expect.fail(`no ${status} within ${withinMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('PostgreSQL unreachable at start', function () {
  it('exits 1 with one line naming DATABASE_URL, without its password, when nothing listens', async function () {
    const url = `postgres://postgres:not-this-secret@127.0.0.1:${await freePort()}/app`
    const exit = await runServerToExit({ ...ENV, DATABASE_URL: url })
    expect(exit.code).to.equal(1)
    expect(exit.stderr).to.match(/^koa-session-auth: cannot use the PostgreSQL database of DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/app\): connect ECONNREFUSED [^\n]+\n$/)
    expect(exit.output).to.not.include('not-this-secret')
  })

  it('exits 1 naming DATABASE_URL when the server accepts connections but never answers', async function () {
    const sockets: Socket[] = []
    const silent: Server = createServer((socket) => { sockets.push(socket) })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = silent.address() as { port: number }
      const exit = await runServerToExit({ ...ENV, DATABASE_URL: `postgres://postgres:not-this-secret@127.0.0.1:${port}/app` }, {}, 10_000)
      expect(exit.code).to.equal(1)
      expect(exit.stderr).to.match(/^koa-session-auth: cannot use the PostgreSQL database of DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/app\): [^\n]*timeout[^\n]*\n$/)
      expect(exit.output).to.not.include('not-this-secret')
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })
})

describe('PostgreSQL failing while the server runs', function () {
  this.timeout(60_000)
  let postgres: PostgresServer
  let server: ServerProcess
  let loggedIn: string
  let loggedOut: string

  before(async function () {
    postgres = await startPostgres()
    const database = await tempPostgresDatabase(postgres)
    await seedPostgresUser(database.url, BOB.email, BOB.password)
    server = await spawnServer({ ...ENV, DATABASE_URL: database.url })
  })

  after(async function () {
    await server?.kill()
    await postgres?.remove()
  })

  beforeEach(async function () {
    loggedIn = await login(server, BOB)
    loggedOut = await login(server, BOB)
    expect(await logout(server, loggedOut)).to.deep.equal({ status: 200, body: {} })
  })

  /** While the database fails: 503 within 1 s wherever it is needed, never 200; the rest unaffected. */
  async function expectUnavailable(): Promise<void> {
    for (const sessionId of [loggedIn, loggedOut]) {
      const reply = await timed(server.url, 'GET', '/api/v1/users/me', { cookie: `_my_session_id=${sessionId}` })
      expect({ status: reply.status, body: reply.body }).to.deep.equal(UNAVAILABLE)
      expect(reply.ms).to.be.below(1000)
    }
    const attempt = await timed(server.url, 'POST', '/api/v1/auth_session/login', { form: BOB })
    expect({ status: attempt.status, body: attempt.body }).to.deep.equal(UNAVAILABLE)
    expect(attempt.ms).to.be.below(1000)
    expect((await call(server.url, 'GET', '/api/v1/status')).body).to.deep.equal({ status: 'OK' })
    expect((await call(server.url, 'GET', '/api/v1/users/me')).body).to.deep.equal({ error: 'Unauthorized' })
  }

  /** Once the database is back: service within 5 s, by itself, and the logout before the outage still holds. */
  async function expectResumed(): Promise<void> {
    const me = (sessionId: string) => call(server.url, 'GET', '/api/v1/users/me', { cookie: `_my_session_id=${sessionId}` })
    expect(await untilStatus(200, 5000, () => me(loggedIn))).to.be.below(5000)
    expect((await me(loggedOut)).body).to.deep.equal({ error: 'Forbidden' })
    expect((await call(server.url, 'POST', '/api/v1/auth_session/login', { form: BOB })).status).to.equal(200)
    expect(server.process.exitCode).to.equal(null)
  }

  it('answers 503 within 1 s while PostgreSQL is stopped, and serves again once it is back', async function () {
    await postgres.stop()
    try {
      await expectUnavailable()
    } finally {
      await postgres.start()
    }
    await expectResumed()
  })

  it('answers 503 within 1 s while PostgreSQL hangs (its processes suspended), and serves again once it resumes', async function () {
    postgres.freeze()
    try {
      await expectUnavailable()
    } finally {
      postgres.thaw()
    }
    await expectResumed()
  })
})
