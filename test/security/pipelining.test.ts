// Requests pipelined on one keep-alive connection behind an unsafe one are handled after it has
// finished (RFC 9112 §9.3.2 allows parallel handling only when every request is safe).
import { expect } from 'chai'
import { buildApp, BOB, type TestApp } from '../support/app.js'
import { listen, rawRequest, type LiveServer } from '../support/live_server.js'

const C = '_my_session_id'

function statusesIn(raw: string): number[] {
  return [...raw.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]))
}

for (const mode of ['session_auth', 'session_db_auth']) {
  describe(`pipelined requests on one connection (${mode})`, function () {
    let t: TestApp
    let server: LiveServer

    before(async function () {
      t = buildApp({ AUTH_TYPE: mode })
      await t.createUser(BOB)
      server = await listen(t.app)
    })
    after(async function () {
      await server.close()
      t.close()
    })

    it('answers 200 to a logout and 403 to the GET /users/me sent right behind it with the same cookie', async function () {
      const sessionId = await t.login(BOB.email, BOB.password)
      const head = `Host: 127.0.0.1\r\nCookie: ${C}=${sessionId}\r\n`
      const pipelined = `DELETE /api/v1/auth_session/logout HTTP/1.1\r\n${head}\r\n`
        + `GET /api/v1/users/me HTTP/1.1\r\n${head}Connection: close\r\n\r\n`
      const { raw } = await rawRequest(server.port, pipelined)
      expect(statusesIn(raw)).to.deep.equal([200, 403])
      expect(raw).to.include('{"error":"Forbidden"}')
    })

    it('still answers pipelined safe requests in order, each with its own answer', async function () {
      const sessionId = await t.login(BOB.email, BOB.password)
      const head = `Host: 127.0.0.1\r\nCookie: ${C}=${sessionId}\r\n`
      const pipelined = `GET /api/v1/users/me HTTP/1.1\r\n${head}\r\nGET /api/v1/status HTTP/1.1\r\n${head}\r\n`
        + `GET /api/v1/nothing HTTP/1.1\r\n${head}Connection: close\r\n\r\n`
      const { raw } = await rawRequest(server.port, pipelined)
      expect(statusesIn(raw)).to.deep.equal([200, 200, 404])
    })
  })
}
