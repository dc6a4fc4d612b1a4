// Logs and limits on the real server process: the JSON log lines on stdout (no secret in them,
// LOG_LEVEL obeyed) and the header limit server.ts sets (431 for a 20 KB header).
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BOB, BOB_BASIC } from '../support/app.js'
import { login, logout, me } from '../support/http_client.js'
import { rawRequest } from '../support/live_server.js'
import { seedStoredUser } from '../support/seed_user.js'
import { spawnServer, type ServerProcess } from '../support/server_process.js'

describe('logs and header limit on a real server process', function () {
  this.timeout(60_000)
  let dir: string
  let dbPath: string
  const started: ServerProcess[] = []

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-'))
    dbPath = join(dir, 'hardening.sqlite3')
    await seedStoredUser(dbPath, BOB.email, BOB.password)
  })

  afterEach(async function () {
    await Promise.all(started.splice(0).map((server) => server.kill()))
  })

  after(function () {
    rmSync(dir, { recursive: true, force: true })
  })

  async function start(env: Record<string, string>): Promise<ServerProcess> {
    const server = await spawnServer({ DB_PATH: dbPath, AUTH_TYPE: 'session_auth', ...env })
    started.push(server)
    return server
  }

  function jsonLines(server: ServerProcess): Array<Record<string, unknown>> {
    return server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
  }

  it('writes one JSON line per request and session event on stdout, with no password, session id or Authorization', async function () {
    const server = await start({ LOG_LEVEL: 'info' })
    const session = await login(server, BOB)
    expect((await me(server, session)).status).to.equal(200)
    await fetch(`${server.url}/api/v1/users/me`, { headers: { Authorization: BOB_BASIC } })
    expect(await logout(server, session)).to.deep.equal({ status: 200, body: {} })
    await server.stop()
    const events = jsonLines(server).map((entry) => `${String(entry.event)} ${String(entry.method ?? '')} ${String(entry.status ?? '')}`.trim())
    expect(events).to.deep.equal([
      'session.created', 'request POST 200', 'request GET 200', 'request GET 403', 'session.destroyed', 'request DELETE 200',
    ])
    for (const secret of [BOB.password, session, BOB_BASIC.slice('Basic '.length)]) expect(server.output()).not.to.include(secret)
  })

  it('writes no JSON line at LOG_LEVEL=silent and refuses to start with an unknown level', async function () {
    const server = await start({ LOG_LEVEL: 'silent' })
    await login(server, BOB)
    await server.stop()
    expect(jsonLines(server)).to.deep.equal([])
    const refused = await spawnServer({ DB_PATH: dbPath, LOG_LEVEL: 'loud' }).then(() => 'started', (error: Error) => error.message)
    expect(refused).to.match(/LOG_LEVEL must be one of silent, error, info, debug; got "loud"/)
  })

  it('answers 431 for a 20 KB header on the real server and keeps serving', async function () {
    const server = await start({ LOG_LEVEL: 'silent' })
    const big = await rawRequest(server.port, `GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`)
    expect(big.status).to.equal(431)
    const status = await fetch(`${server.url}/api/v1/status`)
    expect([status.status, await status.json()]).to.deep.equal([200, { status: 'OK' }])
  })
})
