// Transport against a real listening server (the limits of api/v1/http_server.ts), in every
// session mode; bodies and content types are in b6_bodies.
// Covered elsewhere: the timing of slowloris, slow bodies and 10,000 idle connections belongs to
// the load and fault tests; here the configured limits are asserted.
import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { createHttpServer, SERVER_LIMITS } from '../../api/v1/http_server.js'
import { BOB } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { useListeningSecureApp } from '../support/listening_secure_app.js'
import { SESSION_MODES } from '../support/modes.js'
import { withSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const BOB_FORM = `email=${encodeURIComponent(BOB.email)}&password=${encodeURIComponent(BOB.password)}`

for (const mode of SESSION_MODES) {
  describe(`transport (${mode})`, function () {
    let t: SecureTestApp
    // No login at setup: some tests assert that no session was created.
    const { raw } = useListeningSecureApp(mode, (app) => { t = app }, false)

    it('answers 431 for a 20 KB header, 431 JSON for 200 header fields, 431 for a 100 KB URL', async function () {
      const big = await raw(`GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`)
      expect(big.status).to.equal(431)
      const fields = Array.from({ length: 200 }, (_, index) => `X-H${index}: v\r\n`).join('')
      const many = await raw(`GET /api/v1/status HTTP/1.1\r\nHost: x\r\n${fields}Connection: close\r\n\r\n`)
      expect([many.status, JSON.parse(many.body)]).to.deep.equal([431, { error: 'Too many header fields' }])
      const url = await raw(`GET /api/v1/status?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
      expect(url.status).to.equal(431)
      const after = await raw('GET /api/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
      expect(after.status).to.equal(200)
    })

    it('the server closes slow headers after 10 s, slow requests after 30 s, idle keep-alive after 5 s', function () {
      const configured = createHttpServer(t.app)
      expect(SERVER_LIMITS).to.deep.equal({ maxHeaderSize: 16_384, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, maxRequestsPerSocket: 0 })
      expect([configured.headersTimeout, configured.requestTimeout, configured.keepAliveTimeout, configured.maxRequestsPerSocket])
        .to.deep.equal([10_000, 30_000, 5_000, 0])
    })

    it('answers 400 from Node for Transfer-Encoding: chunked together with Content-Length', async function () {
      const res = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nemail\r\n0\r\n\r\n`)
      expect(res.status).to.equal(400)
      expect(res.headers['set-cookie']).to.equal(undefined)
    })

    it('reads exactly Content-Length bytes: extra bytes are a bad next request, a short body never runs the handler', async function () {
      // The bytes past Content-Length are parsed as a next request, which Node answers 400 and closes.
      const long = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${BOB_FORM.length - 3}\r\n\r\n${BOB_FORM}${'X'.repeat(90)}`)
      expect(long.raw).to.match(/HTTP\/1\.1 400 Bad Request\r\n/)
      expect(long.raw).not.to.match(/HTTP\/1\.1 200/)
      expect(long.raw.toLowerCase()).not.to.include('set-cookie')
      const short = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n${BOB_FORM}`, true)
      expect(short.raw).not.to.match(/^HTTP\/1\.1 200/)
      expect(short.raw.toLowerCase()).not.to.include('set-cookie')
      expect(t.logs.filter((line) => line.includes('session.created'))).to.deep.equal([])
    })

    it('ignores X-Forwarded-Proto without TRUST_PROXY and survives a 15,000-space one with it (koa >= 3.1.2)', async function () {
      const koa = JSON.parse(readFileSync('node_modules/koa/package.json', 'utf8')) as { version: string }
      const [major = 0, minor = 0, patch = 0] = koa.version.split('.').map(Number)
      expect(major * 1e6 + minor * 1e3 + patch).to.be.at.least(3_001_002)
      const plain = await t.http.post(LOGIN).set('X-Forwarded-Proto', 'https').type('form').send(BOB)
      expect(plain.headers['set-cookie']?.[0]).not.to.match(/Secure/i)
      await withSecureApp({ AUTH_TYPE: mode, TRUST_PROXY: 'true' }, async (proxied) => {
        await proxied.createUser(BOB)
        const secure = await proxied.http.post(LOGIN).set('X-Forwarded-Proto', 'https').type('form').send(BOB)
        expect(secure.headers['set-cookie']?.[0]).to.match(/; Secure/)
        for (const header of ['X-Forwarded-Proto', 'X-Forwarded-Host', 'X-Forwarded-For']) {
          const redos = await proxied.http.post(LOGIN).set(header, `a${' '.repeat(15_000)}x`).type('form').send(BOB)
          expect(redos.status, header).to.equal(200)
        }
      })
    })

    it('lets Host and X-Forwarded-Host change nothing: no Domain on the cookie, no 5xx for Host: a:b@c', async function () {
      const res = await t.http.post(LOGIN).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').type('form').send(BOB).expect(200)
      expect(res.headers['set-cookie']?.[0]).not.to.match(/domain/i)
      const odd = await raw('GET /api/v1/status HTTP/1.1\r\nHost: evil.com:fake@legit\r\nConnection: close\r\n\r\n')
      expect([odd.status, JSON.parse(odd.body)]).to.deep.equal([200, { status: 'OK' }])
    })
  })
}
