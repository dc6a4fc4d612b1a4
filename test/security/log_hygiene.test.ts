// What reaches the logs when a client misbehaves: a malformed body framing is a warning with its
// 400 (never an error line, which LOG_LEVEL=error keeps for server faults), and a session id or
// token put in a URL path is written as a short hash, never in clear.
import { expect } from 'chai'
import { sessionHash } from '../../api/v1/log.js'
import { BOB, buildApp, type TestApp } from '../support/app.js'
import { listen, rawRequest, type LiveServer } from '../support/live_server.js'

type Entry = Record<string, unknown>

describe('log lines for client mistakes', function () {
  let t: TestApp
  let server: LiveServer
  const lines: string[] = []
  const entries = (): Entry[] => lines.map((line) => JSON.parse(line) as Entry)

  before(async function () {
    t = buildApp({ AUTH_TYPE: 'session_auth' }, { logSink: (line) => lines.push(line) })
    await t.createUser(BOB)
    server = await listen(t.app)
  })
  beforeEach(function () { lines.length = 0 })
  after(async function () {
    await server.close()
    t.close()
  })

  it('logs a malformed chunked body as a warning with status 400, and writes no error line', async function () {
    const framing = 'POST /api/v1/auth_session/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n'
      + 'Transfer-Encoding: chunked\r\n\r\nzz\r\nemail=a\r\n0\r\n\r\n'
    const answer = await rawRequest(server.port, framing)
    expect(answer.status).to.equal(400)
    for (let waited = 0; !entries().some((entry) => entry.event === 'request') && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const levels = entries().map((entry) => entry.level)
    expect(levels).not.to.include('error')
    expect(entries().filter((entry) => entry.level === 'warn').map(({ time, message, ...rest }) => rest)).to.deep.equal([
      { level: 'warn', event: 'client_error', status: 400 },
    ])
  })

  it('writes a session id, a JWT or a long token put in the path as a short hash', async function () {
    const sessionId = await t.login(BOB.email, BOB.password)
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU'
    const token = 'Zk3q9XbV7mN2pL8sR4tY6uW1oE5iA0cD'
    for (const secret of [sessionId, jwt, token]) await t.http.get(`/api/v1/users/${secret}`).set('Cookie', `_my_session_id=${sessionId}`)
    const paths = entries().filter((entry) => entry.event === 'request' && entry.method === 'GET').map((entry) => entry.path)
    expect(paths).to.deep.equal([sessionId, jwt, token].map((secret) => `/api/v1/users/[${sessionHash(secret).slice(0, 8)}]`))
    for (const secret of [sessionId, jwt, token]) expect(lines.join('\n')).not.to.include(secret)
  })

  it('leaves ordinary paths as they are', async function () {
    await t.http.get('/api/v1/status')
    await t.http.get(`/api/v1/${'a'.repeat(40)}`)
    const paths = entries().map((entry) => entry.path)
    expect(paths).to.deep.equal(['/api/v1/status', `/api/v1/${'a'.repeat(40)}`])
  })
})
