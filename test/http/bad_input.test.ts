// Bad request bodies (docs/api.md, Departures): each gets a clear JSON 4xx, and the users table
// is exactly what it was before.
import { expect } from 'chai'
import { gzipSync } from 'node:zlib'
import type { Test } from 'supertest'
import { BOB, BOB_BASIC, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { usersTable } from '../support/expected.js'
import { expectJsonError } from '../support/requests.js'

const USERS = '/api/v1/users'
const LOGIN = '/api/v1/auth_session/login'

describe('bad request bodies', function () {
  let test: TestApp
  let bobId: string
  useAppWithBob({ AUTH_TYPE: 'basic_auth' }, (app, user) => {
    test = app
    bobId = user.id
  }, { ...BOB, firstName: 'Bob' })

  /** Sends the request and checks its status and whole body, and that no stored user changed. */
  async function expectRefused(request: Test, status: number, error: string): Promise<void> {
    const before = usersTable(test)
    await expectJsonError(request, status, error)
    expect(usersTable(test)).to.deep.equal(before)
  }

  const postUsers = (): Test => test.http.post(USERS).set('Authorization', BOB_BASIC)
  const putBob = (): Test => test.http.put(`${USERS}/${bobId}`).set('Authorization', BOB_BASIC)

  describe('malformed, non-object and empty JSON', function () {
    const bodies: Array<[string, string]> = [
      ['malformed JSON', '{"email": "new@hbtn.io", "password": '],
      ['JSON with a trailing comma', '{"email": "new@hbtn.io", "password": "x",}'],
      ['a JSON array', '["new@hbtn.io", "x"]'],
      ['a JSON string', '"new@hbtn.io"'],
      ['a JSON number', '42'],
      ['JSON null', 'null'],
      ['an empty JSON body', ''],
    ]
    for (const [label, body] of bodies) {
      it(`answers 400 {"error": "Wrong format"} to POST /users with ${label}`, async function () {
        await expectRefused(postUsers().type('json').send(body), 400, 'Wrong format')
      })
      it(`answers 400 {"error": "Wrong format"} to PUT /users/:id with ${label}`, async function () {
        await expectRefused(putBob().type('json').send(body), 400, 'Wrong format')
      })
    }

    it('answers 400 {"error": "Wrong format"} to POST /users with a form body', async function () {
      await expectRefused(postUsers().type('form').send({ email: 'new@hbtn.io', password: 'x' }), 400, 'Wrong format')
    })

    it('answers 400 {"error": "Wrong format"} to a login with malformed JSON', async function () {
      await expectRefused(test.http.post(LOGIN).type('json').send('{"email": '), 400, 'Wrong format')
    })

    for (const body of ['[]', '["bob@hbtn.io", "x"]', '""', '0', 'null']) {
      it(`answers 400 {"error": "Wrong format"} to a login whose JSON body is ${body}`, async function () {
        await expectRefused(test.http.post(LOGIN).type('json').send(body), 400, 'Wrong format')
      })
    }

    it('answers 400 {"error": "email missing"} to a login with an empty JSON body, as to an empty form', async function () {
      await expectRefused(test.http.post(LOGIN).type('json').send(''), 400, 'email missing')
      await expectRefused(test.http.post(LOGIN).type('form').send(''), 400, 'email missing')
    })
  })

  describe('oversized bodies', function () {
    const big = 'x'.repeat(17 * 1024)
    it('answers 413 {"error": "Payload too large"} to POST /users with a 17 KB JSON body', async function () {
      await expectRefused(postUsers().send({ email: 'new@hbtn.io', password: 'x', first_name: big }), 413, 'Payload too large')
    })
    it('answers 413 {"error": "Payload too large"} to PUT /users/:id with a 17 KB JSON body', async function () {
      await expectRefused(putBob().send({ first_name: big }), 413, 'Payload too large')
    })
    it('answers 413 {"error": "Payload too large"} to a login with a 17 KB form body', async function () {
      await expectRefused(test.http.post(LOGIN).type('form').send({ email: BOB.email, password: big }), 413, 'Payload too large')
    })
    it('answers 413 {"error": "Payload too large"} to a login with a 17 KB JSON body', async function () {
      await expectRefused(test.http.post(LOGIN).send({ email: BOB.email, password: big }), 413, 'Payload too large')
    })
  })

  describe('unreadable bodies', function () {
    it('answers 413 {"error": "Payload too large"} to a small gzip body that inflates past the limit', async function () {
      const bomb = gzipSync(`{"email":"new@hbtn.io","password":"x","first_name":"${' '.repeat(1024 * 1024)}"}`)
      expect(bomb.length).to.be.lessThan(16 * 1024)
      // write(), not send(): superagent would serialise a Buffer given to send() as JSON.
      const request = postUsers().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip')
      request.write(bomb)
      await expectRefused(request, 413, 'Payload too large')
    })
    it('reads a gzip JSON body within the limit: 201 (so the 413 above is about size)', async function () {
      const request = postUsers().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip')
      request.write(gzipSync('{"email":"gzip@hbtn.io","password":"x"}'))
      await request.expect(201)
    })
    it('answers 415 {"error": "Unsupported media type"} to an unknown Content-Encoding', async function () {
      await expectRefused(postUsers().type('json').set('Content-Encoding', 'x-unknown').send('{"email":"n@hbtn.io","password":"x"}'), 415, 'Unsupported media type')
    })
  })

  describe('non-string fields', function () {
    const cases: Array<[string, object, string]> = [
      ['a number email', { email: 42, password: 'x' }, "Can't create User: email must be a non-empty string"],
      ['an array email', { email: ['new@hbtn.io'], password: 'x' }, "Can't create User: email must be a non-empty string"],
      ['an object email', { email: { $ne: null }, password: 'x' }, "Can't create User: email must be a non-empty string"],
      ['a false email', { email: false, password: 'x' }, "Can't create User: email must be a non-empty string"],
      ['a boolean password', { email: 'new@hbtn.io', password: true }, "Can't create User: password must be a non-empty string"],
      ['an array password', { email: 'new@hbtn.io', password: ['x'] }, "Can't create User: password must be a non-empty string"],
      ['a number first_name', { email: 'new@hbtn.io', password: 'x', first_name: 1 }, "Can't create User: first_name must be a string"],
      ['an object last_name', { email: 'new@hbtn.io', password: 'x', last_name: {} }, "Can't create User: last_name must be a string"],
    ]
    for (const [label, body, error] of cases) {
      it(`answers 400 {"error": "${error}"} to POST /users with ${label}`, async function () {
        await expectRefused(postUsers().send(body), 400, error)
      })
    }

    const logins: Array<[string, object, string]> = [
      ['a number email', { email: 42, password: 'x' }, 'email missing'],
      ['an array email', { email: [BOB.email], password: BOB.password }, 'email missing'],
      ['an object password', { email: BOB.email, password: { $gt: '' } }, 'password missing'],
      ['a null password', { email: BOB.email, password: null }, 'password missing'],
    ]
    for (const [label, body, error] of logins) {
      it(`answers 400 {"error": "${error}"} to a JSON login with ${label}: not a string counts as missing`, async function () {
        await expectRefused(test.http.post(LOGIN).send(body), 400, error)
      })
    }

    it('answers 400 {"error": "email missing"} to a form login with email[]=x', async function () {
      await expectRefused(test.http.post(LOGIN).type('form').send(`email[]=${BOB.email}&password=${BOB.password}`), 400, 'email missing')
    })

    it('answers 400 {"error": "email missing"} to a form login with email=a&email=b', async function () {
      await expectRefused(test.http.post(LOGIN).type('form').send(`email=${BOB.email}&email=${BOB.email}&password=x`), 400, 'email missing')
    })

    it('answers 400 {"error": "password missing"} to a form login with password[a]=x', async function () {
      await expectRefused(test.http.post(LOGIN).type('form').send(`email=${BOB.email}&password[a]=x`), 400, 'password missing')
    })

    it('answers 400 {"error": "email missing"} to a login whose email is only whitespace', async function () {
      await expectRefused(test.http.post(LOGIN).type('form').send({ email: '   ', password: 'x' }), 400, 'email missing')
    })

    it('uses a whitespace password as sent: 401 {"error": "wrong password"}', async function () {
      await expectRefused(test.http.post(LOGIN).type('form').send({ email: BOB.email, password: '   ' }), 401, 'wrong password')
    })
  })
})
