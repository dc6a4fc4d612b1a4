// The checker's command line names the cause when many checks fail for one reason: the server's
// login rate limit (429, after repeated runs) or a server running with another AUTH_TYPE.
import { expect } from 'chai'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BOB, buildApp, type TestApp } from '../support/app.js'
import { checker } from '../support/checker_cli.js'

const RATE_LIMIT = 'the server answered 429: its login rate limit tripped (too many failed logins for one email, LOGIN_MAX_ATTEMPTS_PER_EMAIL, '
  + 'or from one address, LOGIN_MAX_ATTEMPTS_PER_IP, within LOGIN_WINDOW_SECONDS); wait 900 s (Retry-After), '
  + 'or to run the checker repeatedly start the server with LOGIN_MAX_ATTEMPTS_PER_EMAIL=0 LOGIN_MAX_ATTEMPTS_PER_IP=0'
const SESSION_6 = ['the session cookie of a login identifies the user on GET /api/v1/users/me', 'a junk Authorization header next to a valid session cookie still identifies the user']

describe('the checker command line naming the cause of failures', function () {
  this.timeout(30_000)
  let testApp: TestApp | undefined
  let server: Server | undefined

  afterEach(async function () {
    server?.close()
    if (server !== undefined) await once(server, 'close')
    testApp?.close()
    server = undefined
    testApp = undefined
  })

  async function serve(env: Record<string, string>): Promise<string> {
    testApp = buildApp(env)
    await testApp.createUser(BOB)
    server = testApp.app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  // What each failing session:6 check prints when the login it needs answers `received`.
  function failedLogin(url: string, title: string, why: string, received: string, hint: string[] = []): string[] {
    return [
      `FAIL  session:6  ${title}`,
      `        why:      cannot log in as bob@hbtn.io: ${why}`,
      `        request:  POST ${url}/api/v1/auth_session/login`,
      '                  Content-Type: application/x-www-form-urlencoded',
      '                  email=bob%40hbtn.io&password=H0lbertonSchool98%21',
      `        received: ${received}`,
      ...hint,
    ]
  }

  it('says on a 429 that the login rate limit tripped, how long to wait and how to run the checker repeatedly', async function () {
    const url = await serve({ AUTH_TYPE: 'session_auth', LOGIN_MAX_ATTEMPTS_PER_EMAIL: '1' })
    const wrong = await fetch(`${url}/api/v1/auth_session/login`, { method: 'POST', body: new URLSearchParams({ email: BOB.email, password: 'wrong' }) })
    expect([wrong.status, await wrong.json()]).to.deep.equal([401, { error: 'wrong password' }])
    const run = await checker('--url', url, '--auth-type', 'session_auth', '--task', 'session:6')
    const why = 'the server\'s login rate limit refused it (429)'
    expect(run.stdout).to.deep.equal([
      `        ... ${RATE_LIMIT}`,
      ...SESSION_6.flatMap((title) => failedLogin(url, title, why, '429  {"error":"Too many requests"}', [`        hint:     ${RATE_LIMIT}`])),
      '0 passed, 2 failed',
    ])
    expect(run.code).to.equal(1)
  })

  it('says that the server does not behave like --auth-type session_auth when it takes the user\'s Basic header', async function () {
    const url = await serve({ AUTH_TYPE: 'basic_auth' })
    const run = await checker('--url', url, '--auth-type', 'session_auth', '--task', 'session:6')
    const why = 'expected 200 with a _my_session_id cookie (does the user exist? is --session-name right?)'
    expect(run.stdout).to.deep.equal([
      '        ... the server does not behave like --auth-type session_auth: GET /api/v1/users with the user\'s Basic header answered 200, '
        + 'as it does with AUTH_TYPE=basic_auth; is it running with AUTH_TYPE=session_auth? (if not, give --auth-type the AUTH_TYPE it runs with)',
      ...SESSION_6.flatMap((title) => failedLogin(url, title, why, '400  {"error":"sessions are not enabled"}')),
      '0 passed, 2 failed',
    ])
    expect(run.code).to.equal(1)
  })

  it('says that the server does not behave like --auth-type none when it refuses a request without credentials', async function () {
    const url = await serve({ AUTH_TYPE: 'auth' })
    const run = await checker('--url', url, '--auth-type', 'none', '--task', 'basic:1')
    expect(run.stdout).to.deep.equal([
      '        ... the server does not behave like --auth-type none: GET /api/v1/users without credentials answered 401, so it runs with an AUTH_TYPE; '
        + 'is it running with AUTH_TYPE unset? (if not, give --auth-type the AUTH_TYPE it runs with)',
      'PASS  basic:1    GET /api/v1/unauthorized answers 401 {"error":"Unauthorized"}',
      'PASS  basic:1    GET /api/v1/unauthorized/ answers 401 {"error":"Unauthorized"}',
      '2 passed, 0 failed',
    ])
    expect(run.code).to.equal(0)
  })
})
