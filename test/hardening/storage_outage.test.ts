// The database refusing writes (docs/security.md): the real server (sessions in the database)
// answers 503 JSON without Set-Cookie, keeps serving reads, stays up, and writes again once it can.
import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../models/sqlite/db.js'
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

  // A real full filesystem (ENOSPC → SQLITE_FULL): a small tmpfs, which needs root to mount.
  describe('on a filesystem that is full', function () {
    let mounted = false
    beforeEach(function () {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir])
      mounted = true
    })
    afterEach(function () {
      if (mounted) execFileSync('umount', [dir])
      mounted = false
    })

    it('answers 503 without Set-Cookie, stays up, keeps reads, and recovers when space is freed', async function () {
      await seedUser(dbPath, ADMIN.email, ADMIN.password)
      const server = await spawnServer({ AUTH_TYPE: 'session_db_auth', DB_PATH: dbPath })
      const filler = join(dir, 'filler')
      try {
        await refusedThenRecovered(server, () => fillUp(filler), () => rmSync(filler))
        expect(server.output()).to.include('database or disk is full')
      } finally {
        expect(await server.stop()).to.equal(0)
      }
    })

    it('refuses to start on a read-only filesystem, naming the file and leaving it unchanged', async function () {
      openDatabase(dbPath).close()
      // A mounted filesystem cannot turn read-only while a process writes to it (the kernel says
      // EBUSY), so read-only storage is met at start: the server must refuse it, not run half-working.
      execFileSync('mount', ['-o', 'remount,ro', dir])
      const before = readFileSync(dbPath)
      const exit = await runServerToExit({ AUTH_TYPE: 'session_auth', DB_PATH: dbPath })
      expect(exit.code).to.equal(1)
      expect(exit.output).to.include(`cannot open database ${dbPath}:`)
      expect(readFileSync(dbPath).equals(before)).to.equal(true)
    })
  })
})

/** Writes to `path` until the filesystem has no byte left. */
function fillUp(path: string): void {
  const fd = openSync(path, 'w')
  try {
    for (const size of [65_536, 512, 1]) {
      try { for (;;) writeSync(fd, Buffer.alloc(size, 1)) } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOSPC') throw error
      }
    }
  } finally {
    closeSync(fd)
  }
}
