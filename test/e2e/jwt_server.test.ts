// AUTH_TYPE=jwt_auth in real server processes: it will not start without a usable JWT_SECRET, and
// a token issued by one process is accepted by another with the same secret (a restart, a second
// instance), or with that secret moved to JWT_OLD_SECRETS.
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BOB } from '../support/app.js'
import { JWT_SECRET, OTHER_SECRET } from '../support/jwt.js'
import { seedUser } from '../support/seed_user.js'
import { runServerToExit, spawnServer, type ServerProcess } from '../support/server_process.js'

describe('a jwt_auth server process', function () {
  this.timeout(60_000)
  let dir: string
  let dbPath: string
  const started: ServerProcess[] = []

  async function start(env: Record<string, string>): Promise<ServerProcess> {
    const server = await spawnServer({ AUTH_TYPE: 'jwt_auth', DB_PATH: dbPath, ...env })
    started.push(server)
    return server
  }

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-jwt-'))
    dbPath = join(dir, 'jwt.sqlite3')
    await seedUser(dbPath, BOB.email, BOB.password)
  })

  afterEach(async function () {
    await Promise.all(started.splice(0).map((server) => server.kill()))
  })

  after(function () {
    rmSync(dir, { recursive: true, force: true })
  })

  for (const [what, env] of [['without JWT_SECRET', {}], ['with a 31-byte JWT_SECRET', { JWT_SECRET: 'short-secret-of-only-31-bytes!!' }]] as const) {
    it(`exits with code 1 ${what}, naming JWT_SECRET and not printing its value`, async function () {
      const exit = await runServerToExit({ AUTH_TYPE: 'jwt_auth', DB_PATH: dbPath, ...env })
      expect(exit.code).to.equal(1)
      expect(exit.stderr).to.match(/JWT_SECRET must be set to a random secret of at least 32 bytes/)
      expect(exit.output).not.to.include('short-secret')
    })
  }

  it('accepts on a second process with the same JWT_SECRET, and then with it in JWT_OLD_SECRETS, a token the first issued', async function () {
    const first = await start({ JWT_SECRET })
    const login = await fetch(`${first.url}/api/v1/auth_jwt/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(BOB) })
    expect(login.status).to.equal(200)
    const { access_token: access } = await login.json() as { access_token: string }
    expect(first.output()).not.to.include(access)
    await first.stop()

    const restarts: readonly Record<string, string>[] = [{ JWT_SECRET }, { JWT_SECRET: OTHER_SECRET, JWT_OLD_SECRETS: JWT_SECRET }]
    for (const env of restarts) {
      const next = await start(env)
      const me = await fetch(`${next.url}/api/v1/users/me`, { headers: { Authorization: `Bearer ${access}` } })
      expect(me.status).to.equal(200)
      expect((await me.json() as { email: string }).email).to.equal(BOB.email)
      await next.stop()
    }
  })
})
