// Request bodies, sizes and content types, in every session mode, against the app or a real
// listening server for exact bytes; transport limits are in b6_transport.
// Choice: multipart/form-data is not parsed (like text/plain), so login answers 400 email missing.
import { gzipSync } from 'node:zlib'
import { expect } from 'chai'
import type { Test } from 'supertest'
import { BOB } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { useListeningSecureApp } from '../support/listening_secure_app.js'
import { SESSION_MODES } from '../support/modes.js'

const LOGIN = '/api/v1/auth_session/login'
const EMAIL_MISSING = { error: 'email missing' }
const TOO_LARGE = { error: 'Payload too large' }
const UNSUPPORTED = { error: 'Unsupported media type' }
const BOB_FORM = `email=${encodeURIComponent(BOB.email)}&password=${encodeURIComponent(BOB.password)}`

for (const mode of SESSION_MODES) {
  describe(`bodies, sizes and content types (${mode})`, function () {
    let t: SecureTestApp
    // No login at setup: some tests assert that no session was created.
    const { raw } = useListeningSecureApp(mode, (app) => { t = app }, false)

    function post(type: string, body: string): Test {
      return t.http.post(LOGIN).set('Content-Type', type).send(body)
    }

    // Bytes exactly as given (supertest would serialise a Buffer sent as JSON).
    async function postBytes(type: string, body: Buffer, encoding = 'identity'): Promise<{ status: number, body: unknown }> {
      const head = `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Encoding: ${encoding}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`
      const res = await raw(Buffer.concat([Buffer.from(head), body]))
      return { status: res.status, body: JSON.parse(res.body) as unknown }
    }

    async function loginBody(): Promise<unknown> {
      const [bob] = await t.users.search({ email: BOB.email })
      return JSON.parse(JSON.stringify(bob)) as unknown
    }

    it('answers 400 email missing for a form body sent as text/plain, application/xml or without a type', async function () {
      await post('text/plain', BOB_FORM).expect(400, EMAIL_MISSING)
      await post('application/xml', BOB_FORM).expect(400, EMAIL_MISSING)
      const untyped = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Length: ${BOB_FORM.length}\r\nConnection: close\r\n\r\n${BOB_FORM}`)
      expect([untyped.status, JSON.parse(untyped.body)]).to.deep.equal([400, EMAIL_MISSING])
    })

    it('answers 415 Unsupported media type for JSON declared as UTF-16 or Latin-1', async function () {
      const json = JSON.stringify(BOB)
      expect(await postBytes('application/json; charset=utf-16', Buffer.from(json, 'utf16le'))).to.deep.equal({ status: 415, body: UNSUPPORTED })
      await post('application/json; charset=latin1', json).expect(415, UNSUPPORTED)
      await post('application/json; charset=utf-8', json).expect(200)
    })

    it('answers 400 email missing for a multipart/form-data login (multipart is not parsed)', async function () {
      const res = await t.http.post(LOGIN).field('email', BOB.email).field('password', BOB.password).expect(400, EMAIL_MISSING)
      expect(res.headers['set-cookie']).to.equal(undefined)
    })

    it('answers 413 for a gzip bomb (the limit counts inflated bytes) and 415 for an unknown encoding', async function () {
      const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20))
      expect(bomb.length).to.be.below(20_000)
      expect(await postBytes('application/json', bomb, 'gzip')).to.deep.equal({ status: 413, body: TOO_LARGE })
      expect(await postBytes('application/json', gzipSync(JSON.stringify(BOB)), 'gzip')).to.deep.equal({ status: 200, body: await loginBody() })
      expect(await postBytes('application/json', Buffer.from(JSON.stringify(BOB)), 'zstd')).to.deep.equal({ status: 415, body: UNSUPPORTED })
    })

    it('answers 413 for a 57 KB form body and a 1.1 MB JSON body', async function () {
      await post('application/x-www-form-urlencoded', `${BOB_FORM}&pad=${'a'.repeat(57 * 1024)}`).expect(413, TOO_LARGE)
      await post('application/json', JSON.stringify({ ...BOB, pad: 'a'.repeat(1100 * 1024) })).expect(413, TOO_LARGE)
    })

    it('answers 413 for a 17 KB body on the login route', async function () {
      await post('application/x-www-form-urlencoded', `${BOB_FORM}&pad=${'a'.repeat(17 * 1024)}`).expect(413, TOO_LARGE)
    })

    it('answers 400 for JSON sent as a form and 413 over 16 KiB whatever the declared type', async function () {
      await post('application/x-www-form-urlencoded', JSON.stringify(BOB)).expect(400, EMAIL_MISSING)
      const padded = JSON.stringify({ ...BOB, pad: 'a'.repeat(17 * 1024) })
      await post('application/x-www-form-urlencoded', padded).expect(413, TOO_LARGE)
      await post('application/json', padded).expect(413, TOO_LARGE)
    })
  })
}
