// The real server process (api/v1/server.ts): it logs its address and AUTH_TYPE, answers HTTP on
// 127.0.0.1 at a free port, stops with exit code 0 on SIGTERM and SIGINT, and refuses a bad AUTH_TYPE.
import { expect } from 'chai'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runServerToExit, spawnServer, type ServerProcess } from '../support/server_process.js'

const AUTH_TYPE = /listening on http:\/\/127\.0\.0\.1:\d+ \(AUTH_TYPE=([^,)]+)/

type Server = ServerProcess & { readonly authType: string }

describe('the server process', function () {
  this.timeout(30_000)
  let dir: string
  const started: ServerProcess[] = []

  before(function () { dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-')) })
  after(async function () {
    for (const server of started) await server.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  // With a cwd of its own (a directory the test made), the server reads the .env there as deployed.
  async function start(env: Record<string, string | undefined>, cwd?: string): Promise<Server> {
    const server = await spawnServer({ DB_PATH: join(dir, 'server.sqlite3'), ...env }, cwd === undefined ? {} : { cwd, dotenv: true })
    started.push(server)
    return { ...server, authType: AUTH_TYPE.exec(server.output())?.[1] ?? '' }
  }

  it('logs its address on 127.0.0.1 with the real port and the AUTH_TYPE in force, then answers GET /api/v1/status', async function () {
    const server = await start({ AUTH_TYPE: 'session_auth' })
    expect(server.port).to.be.greaterThan(0)
    expect(server.authType).to.equal('session_auth')
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/status`)
    expect(res.status).to.equal(200)
    expect(res.headers.get('access-control-allow-origin')).to.equal('*')
    expect(await res.json()).to.deep.equal({ status: 'OK' })
    const users = await fetch(`http://127.0.0.1:${server.port}/api/v1/users`)
    expect(users.status).to.equal(401)
    expect(await users.json()).to.deep.equal({ error: 'Unauthorized' })
    await server.stop()
  })

  it('says when no AUTH_TYPE is set', async function () {
    const server = await start({})
    expect(server.authType).to.equal('unset: no auth')
    await server.stop()
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops with exit code 0 on ${signal}, logging it, and then refuses connections`, async function () {
      const server = await start({ AUTH_TYPE: 'basic_auth' })
      expect(server.authType).to.equal('basic_auth')
      server.process.kill(signal)
      expect(await server.closed).to.deep.equal({ code: 0, signal: null })
      expect(server.output()).to.include(`${signal} received`)
      const refused = await fetch(`http://127.0.0.1:${server.port}/api/v1/status`).then(() => false, () => true)
      expect(refused).to.equal(true)
    })
  }

  it('keeps users in DB_PATH across restarts, while session_auth sessions live in memory only', async function () {
    const env = { DB_PATH: join(dir, 'restart.sqlite3') }
    const open = await start(env)
    const created = await fetch(`http://127.0.0.1:${open.port}/api/v1/users`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bob@hbtn.io', password: 'H0lbertonSchool98!' }),
    })
    expect(created.status).to.equal(201)
    await open.stop()
    expect(existsSync(env.DB_PATH)).to.equal(true)

    const first = await start({ ...env, AUTH_TYPE: 'session_auth' })
    const login = await fetch(`http://127.0.0.1:${first.port}/api/v1/auth_session/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'email=bob%40hbtn.io&password=H0lbertonSchool98!',
    })
    expect(login.status).to.equal(200)
    const sessionCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const me = await fetch(`http://127.0.0.1:${first.port}/api/v1/users/me`, { headers: { Cookie: sessionCookie } })
    expect(me.status).to.equal(200)
    await first.stop()

    const second = await start({ ...env, AUTH_TYPE: 'session_auth' })
    const after = await fetch(`http://127.0.0.1:${second.port}/api/v1/users/me`, { headers: { Cookie: sessionCookie } })
    expect(after.status).to.equal(403)
    expect(await after.json()).to.deep.equal({ error: 'Forbidden' })
    await second.stop()
  })

  it('reads a .env file in its working directory, and defaults DB_PATH to .db.sqlite3 there', async function () {
    const home = mkdtempSync(join(dir, 'home-'))
    writeFileSync(join(home, '.env'), 'AUTH_TYPE=basic_auth\n')
    const server = await start({ DB_PATH: undefined }, home)
    expect(server.authType).to.equal('basic_auth')
    expect(server.output()).to.include('DB_PATH=.db.sqlite3')
    expect(existsSync(join(home, '.db.sqlite3'))).to.equal(true)
    server.process.kill('SIGTERM')
    expect(await server.closed).to.deep.equal({ code: 0, signal: null })
  })

  it('exits with a non-zero code and a message listing the valid values for an unknown AUTH_TYPE', async function () {
    const exit = await runServerToExit({ DB_PATH: join(dir, 'server.sqlite3'), AUTH_TYPE: 'basic' })
    expect(exit.code).to.equal(1)
    expect(exit.stderr).to.include('AUTH_TYPE must be one of auth, basic_auth, session_auth')
    expect(exit.stderr).to.include('"basic"')
  })
})
