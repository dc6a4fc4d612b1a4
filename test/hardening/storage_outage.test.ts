// The database refusing writes (docs/security.md): the real server (sessions in the database)
// answers 503 JSON without Set-Cookie, keeps serving reads, stays up, and writes again once it can.
import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../models/sqlite/db.js'
import { NO_FILE_WRITES, refuseFileWrites } from '../support/file_size_limit.js'
import { call, cookieFrom, type Reply } from '../support/http_client.js'
import { seedUser } from '../support/seed_user.js'
import { runServerToExit, spawnServer, type ServerProcess } from '../support/server_process.js'

const ADMIN = { email: 'admin@hbtn.io', password: 'admin pwd' }
const UNAVAILABLE = { error: 'Service unavailable' }

function expectUnavailable(reply: Reply): void {
  expect(reply.status).to.equal(503)
  expect(reply.body).to.deep.equal(UNAVAILABLE)
  expect(reply.headers.get('retry-after')).to.equal('1')
  expect(reply.headers.getSetCookie()).to.deep.equal([])
}

/**
 * Runs the shared scenario: with writes refused, creating a user, deleting one, logging in and
 * logging out all answer 503 and change nothing, while reads keep working; once `allowWrites` ran,
 * all succeed (the session whose logout was refused is still open until then).
 */
async function refusedThenRecovered(server: ServerProcess, refuseWrites: () => void, allowWrites: () => void): Promise<void> {
  const admin = cookieFrom(await call(server.url, 'POST', '/api/v1/auth_session/login', { form: ADMIN })) ?? ''
  const victim = await call(server.url, 'POST', '/api/v1/users', { cookie: admin, json: { email: 'victim@hbtn.io', password: 'v' } })
  const victimPath = `/api/v1/users/${(victim.body as { id: string }).id}`
  refuseWrites()
  expectUnavailable(await call(server.url, 'POST', '/api/v1/users', { cookie: admin, json: { email: 'new@hbtn.io', password: 'n' } }))
  expectUnavailable(await call(server.url, 'DELETE', victimPath, { cookie: admin }))
  expectUnavailable(await call(server.url, 'POST', '/api/v1/auth_session/login', { form: ADMIN }))
  // A logout that could not be stored is never reported as done.
  expectUnavailable(await call(server.url, 'DELETE', '/api/v1/auth_session/logout', { cookie: admin }))
  expect((await call(server.url, 'GET', victimPath, { cookie: admin })).status).to.equal(200)
  expect((await call(server.url, 'GET', '/api/v1/users/me', { cookie: admin })).body).to.include({ email: ADMIN.email })
  allowWrites()
  expect((await call(server.url, 'POST', '/api/v1/users', { cookie: admin, json: { email: 'new@hbtn.io', password: 'n' } })).status).to.equal(201)
  expect((await call(server.url, 'DELETE', victimPath, { cookie: admin })).body).to.deep.equal({})
  const login = await call(server.url, 'POST', '/api/v1/auth_session/login', { form: ADMIN })
  expect(login.status).to.equal(200)
  expect(cookieFrom(login)).to.match(/^_my_session_id=[0-9a-f-]{36}$/)
  expect((await call(server.url, 'DELETE', '/api/v1/auth_session/logout', { cookie: admin })).body).to.deep.equal({})
  expect(server.process.exitCode).to.equal(null)
}

describe('the database refusing writes', function () {
  let dir: string
  let dbPath: string
  beforeEach(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-outage-'))
    dbPath = join(dir, 'db.sqlite3')
  })
  afterEach(function () { rmSync(dir, { recursive: true, force: true }) })

  it('answers 503 while another process holds the write lock, and writes again once it lets go', async function () {
    await seedUser(dbPath, ADMIN.email, ADMIN.password)
    const server = await spawnServer({ AUTH_TYPE: 'session_db_auth', DB_PATH: dbPath, DB_BUSY_TIMEOUT_MS: '200' })
    const holder: Db = openDatabase(dbPath)
    try {
      await refusedThenRecovered(server, () => holder.exec('BEGIN IMMEDIATE'), () => holder.exec('COMMIT'))
    } finally {
      holder.close()
      expect(await server.stop()).to.equal(0)
    }
  })

  // Storage that takes no more bytes, as a full disk: the server's file size limit set to 0 while it
  // runs (see file_size_limit.ts; no mount, so no root needed). Its writes fail with EFBIG, which
  // SQLite reports as SQLITE_IOERR_WRITE where a full disk gives SQLITE_FULL: both are storage
  // refusing to work, answered alike (unavailable.ts).
  describe('on storage that refuses every write', function () {
    it('answers 503 without Set-Cookie, stays up, keeps reads, and recovers when writes are allowed again', async function () {
      await seedUser(dbPath, ADMIN.email, ADMIN.password)
      const server = await spawnServer({ AUTH_TYPE: 'session_db_auth', DB_PATH: dbPath })
      const pid = server.process.pid ?? expect.fail('the server has no pid')
      // Putting the limit back twice is harmless: the finally also does it when the scenario failed.
      let restore = (): void => {}
      try {
        await refusedThenRecovered(server, () => { restore = refuseFileWrites(pid) }, () => restore())
        expect(server.output()).to.include('disk I/O error')
      } finally {
        restore()
        expect(await server.stop()).to.equal(0)
      }
    })

    it('refuses to start when it cannot write, naming the file and leaving it unchanged', async function () {
      openDatabase(dbPath).close()
      // Storage refusing writes is met at start too: the server must refuse it, not run half-working.
      const before = readFileSync(dbPath)
      const exit = await runServerToExit({ AUTH_TYPE: 'session_auth', DB_PATH: dbPath }, { prefix: NO_FILE_WRITES })
      const line = `koa-session-auth: cannot open database ${dbPath}: disk I/O error\n`
      expect(exit).to.deep.equal({ code: 1, output: line, stderr: line })
      expect(readFileSync(dbPath).equals(before)).to.equal(true)
    })
  })
})
