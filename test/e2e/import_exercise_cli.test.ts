// `npm run db:import -- DIR` (bin/import_exercise.ts) run for real on the exercise fixture, then
// used through the API: imported SHA-256 passwords log in (and become bcrypt), imported sessions
// work in session_db_auth; a malformed file exits 1 naming the file and the problem.
import { expect } from 'chai'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, type TestApp } from '../support/app.js'
import { childEnv } from '../support/child_env.js'
import { meWithSession } from '../support/requests.js'

const FIXTURE_DIR = 'test/fixtures/exercise'
const BOBSESSION = {
  id: 'c8a2e6d4-7f1b-4e3a-b5c9-0d2f4a6b8e32', email: 'bobsession@hbtn.io', first_name: null, last_name: 'Session',
  created_at: '2017-09-27T08:30:00', updated_at: '2017-09-27T08:30:00',
}
const BOBSESSION_SESSION_ID = 'e2a0f1c3-5b7d-4f9e-8a2c-4d6e8f0a2b54'

function runImport(...args: string[]): { status: number | null, stdout: string, stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/import_exercise.ts', ...args], {
    encoding: 'utf8', env: childEnv({ NODE_ENV: 'test' }), timeout: 30_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('db:import of the exercise\'s files', function () {
  this.timeout(60_000)
  let t: TestApp

  afterEach(function () {
    t.close()
  })

  it('imports the fixture, whose users log in with their old passwords and whose sessions still work', async function () {
    t = buildApp({ AUTH_TYPE: 'session_db_auth' })
    const run = runImport(FIXTURE_DIR, '--db', t.database.path)
    expect(run.stdout).to.equal(`imported 3 users and 3 sessions (skipped 1 session of unknown users) into ${t.database.path}\n`)
    expect(run.status).to.equal(0)

    expect((await meWithSession(t, BOBSESSION_SESSION_ID)).body).to.deep.equal(BOBSESSION)
    await t.http.post('/api/v1/auth_session/login').type('form').send({ email: 'bobsession@hbtn.io', password: 'fake pwd' })
      .expect(200, { ...BOBSESSION, updated_at: '2026-01-01T00:00:00' })
  })

  it('replaces a SHA-256 password by a bcrypt hash at the first successful login, which keeps working', async function () {
    t = buildApp({ AUTH_TYPE: 'session_db_auth' })
    expect(runImport(FIXTURE_DIR, '--db', t.database.path).status).to.equal(0)
    const hash = () => (t.database.db.prepare('SELECT password_hash FROM users WHERE email = ?').pluck().get('bob100@hbtn.io') as string)
    expect(hash()).to.match(/^[0-9a-f]{64}$/)
    await t.http.post('/api/v1/auth_session/login').type('form').send({ email: 'bob100@hbtn.io', password: 'H0lberton' })
      .expect(401, { error: 'wrong password' })
    expect(hash()).to.match(/^[0-9a-f]{64}$/)
    await t.login('bob100@hbtn.io', 'H0lberton:School:98!')
    expect(hash()).to.match(/^\$2[aby]\$04\$/)
    await t.login('bob100@hbtn.io', 'H0lberton:School:98!')
  })

  it('answers 403 to an imported session older than SESSION_DURATION', async function () {
    t = buildApp({ AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' })
    expect(runImport(FIXTURE_DIR, '--db', t.database.path).status).to.equal(0)
    await meWithSession(t, BOBSESSION_SESSION_ID).expect(403, { error: 'Forbidden' })
  })

  it('exits 1 on a malformed file, naming the file and the problem, and imports nothing', async function () {
    t = buildApp({ AUTH_TYPE: 'session_db_auth' })
    const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-import-'))
    try {
      writeFileSync(join(dir, '.db_User.json'), '[]')
      const run = runImport(dir, '--db', t.database.path)
      expect(run.stderr).to.equal(`db:import: ${join(dir, '.db_User.json')}: expected a JSON object mapping each id to its object; nothing was imported\n`)
      expect(run.status).to.equal(1)
      expect(t.database.db.prepare('SELECT COUNT(*) FROM users').pluck().get()).to.equal(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exits 2 with the usage without a directory', function () {
    t = buildApp()
    const run = runImport()
    expect(run.status).to.equal(2)
    expect(run.stderr).to.match(/^usage: npm run db:import -- DIR/)
  })
})
