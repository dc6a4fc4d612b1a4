// The checker's command line against a real listening server (this app, session_auth): its lines,
// its closing `N passed, M failed`, its exit status and its --json report.
import { expect } from 'chai'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BOB, BOB_BASIC, buildApp, type TestApp } from '../support/app.js'
import { checker } from '../support/checker_cli.js'

const FAILING_BASIC_11 = [
  '        ... the server does not behave like --auth-type basic_auth: logging in with the user\'s email and password set a session cookie, '
    + 'as it does with AUTH_TYPE=session_auth, AUTH_TYPE=session_exp_auth, AUTH_TYPE=session_db_auth or AUTH_TYPE=session_redis_auth; is it running with AUTH_TYPE=basic_auth? '
    + '(if not, give --auth-type the AUTH_TYPE it runs with)',
  'FAIL  basic:11   GET /api/v1/users with the user\'s Basic header answers 200 with a list holding the user',
  '        why:      unexpected status, body',
  'request',
  `                  Authorization: ${BOB_BASIC}`,
  '        received: 403  {"error":"Forbidden"}',
  '        expected: 200  <list containing {"id":<uuid>,"email":"bob@hbtn.io","first_name":<string or null>,"last_name":<string or null>,"created_at":<YYYY-MM-DDTHH:MM:SS>,"updated_at":<YYYY-MM-DDTHH:MM:SS>}>',
]

describe('the checker command line', function () {
  this.timeout(30_000)
  let testApp: TestApp
  let server: Server
  let url: string
  let dir: string

  before(async function () {
    testApp = buildApp({ AUTH_TYPE: 'session_auth' })
    await testApp.createUser(BOB)
    server = testApp.app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-checker-'))
  })

  after(async function () {
    server.close()
    await once(server, 'close')
    testApp.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints one PASS line per check, ends with "4 passed, 0 failed" and exits 0 when every check passes', async function () {
    const run = await checker('--url', url, '--auth-type', 'session_auth', '--task', 'basic:1', '--task', 'basic:2')
    expect(run.stdout).to.deep.equal([
      'PASS  basic:1    GET /api/v1/unauthorized answers 401 {"error":"Unauthorized"}',
      'PASS  basic:1    GET /api/v1/unauthorized/ answers 401 {"error":"Unauthorized"}',
      'PASS  basic:2    GET /api/v1/forbidden answers 403 {"error":"Forbidden"}',
      'PASS  basic:2    GET /api/v1/forbidden/ answers 403 {"error":"Forbidden"}',
      '4 passed, 0 failed',
    ])
    expect(run.code).to.equal(0)
  })

  it('says that the server does not behave like the --auth-type given, prints a FAIL line with the request sent, the answer received and the one expected, ends with "0 passed, 1 failed" and exits 1', async function () {
    // A Basic check against a session_auth server: the server rightly answers 403, the check fails.
    const run = await checker('--url', url, '--auth-type', 'basic_auth', '--task', 'basic:11')
    expect(run.stdout.map((line) => (line.includes('request:') ? 'request' : line))).to.deep.equal([...FAILING_BASIC_11, '0 passed, 1 failed'])
    expect(run.stdout[3]).to.equal(`        request:  GET ${url}/api/v1/users`)
    expect(run.code).to.equal(1)
  })

  it('writes with --json a report of the run: options, summary, and each check with its outcome and failing exchange', async function () {
    const path = join(dir, 'report.json')
    const run = await checker('--url', url, '--auth-type', 'basic_auth', '--task', 'basic:1', '--task', 'basic:11', '--json', path)
    const report = JSON.parse(readFileSync(path, 'utf8')) as { checks: Array<Record<string, unknown>> }
    for (const check of report.checks) {
      expect(check.durationMs).to.be.a('number')
      delete check.durationMs
    }
    const failure = report.checks[2]?.failure as { received: { headers: Record<string, string> } }
    expect(failure.received.headers['content-type']).to.equal('application/json; charset=utf-8')
    failure.received.headers = {}
    expect(report).to.deep.equal({
      url, authType: 'basic_auth', strictPort: false, sessionName: '_my_session_id', sessionDuration: 0,
      summary: { passed: 2, failed: 1, notRun: 0 },
      checks: [
        { task: 'basic:1', part: 'A', title: 'GET /api/v1/unauthorized answers 401 {"error":"Unauthorized"}', outcome: 'pass', failure: null },
        { task: 'basic:1', part: 'A', title: 'GET /api/v1/unauthorized/ answers 401 {"error":"Unauthorized"}', outcome: 'pass', failure: null },
        {
          task: 'basic:11', part: 'A', title: 'GET /api/v1/users with the user\'s Basic header answers 200 with a list holding the user', outcome: 'fail',
          failure: {
            reason: 'unexpected status, body',
            request: { method: 'GET', url: `${url}/api/v1/users`, headers: { Authorization: BOB_BASIC }, body: null },
            received: { status: 403, headers: {}, body: { error: 'Forbidden' } },
            expected: { status: 200, body: '<list containing {"id":<uuid>,"email":"bob@hbtn.io","first_name":<string or null>,"last_name":<string or null>,"created_at":<YYYY-MM-DDTHH:MM:SS>,"updated_at":<YYYY-MM-DDTHH:MM:SS>}>' },
          },
        },
      ],
      notRun: [],
    })
    expect(run.code).to.equal(1)
  })

  it('exits 2 with the usage on standard error when --url is missing', async function () {
    const run = await checker('--auth-type', 'session_auth', '--all')
    expect(run.code).to.equal(2)
    expect(run.stdout).to.deep.equal([])
    expect(run.stderr).to.match(/^checker: --url is required\n\nusage: npm run checker/)
  })

  it('exits 2 and says so when no server answers at the URL', async function () {
    const closed = testApp.app.listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const { port } = closed.address() as AddressInfo
    closed.close()
    await once(closed, 'close')
    const run = await checker('--url', `http://127.0.0.1:${port}`, '--auth-type', 'session_auth', '--all')
    expect(run.code).to.equal(2)
    expect(run.stderr).to.equal(`checker: http://127.0.0.1:${port} cannot be checked: no answer to GET http://127.0.0.1:${port}/api/v1/status: connect ECONNREFUSED 127.0.0.1:${port}\n`)
  })
})
