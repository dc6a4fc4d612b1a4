// POST /api/v1/users and PUT /api/v1/users/:id rules (docs/api.md, Routes): the exact 400
// messages, and which fields a PUT changes.
import { expect } from 'chai'
import type { Test } from 'supertest'
import type { User } from '../../models/user.js'
import { BOB, BOB_BASIC, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { publicUser, userCount, usersTable } from '../support/expected.js'

describe('POST and PUT /api/v1/users rules', function () {
  let test: TestApp
  let bob: User
  useAppWithBob({ AUTH_TYPE: 'basic_auth' }, (app, user) => {
    test = app
    bob = user
  }, { ...BOB, firstName: 'Bob', lastName: 'Dylan' })

  describe('POST /api/v1/users', function () {
    const refused: Array<[string, unknown, string]> = [
      ['no email', { password: 'pwd' }, 'email missing'],
      ['a null email', { email: null, password: 'pwd' }, 'email missing'],
      ['an empty email', { email: '', password: 'pwd' }, 'email missing'],
      ['no password', { email: 'new@hbtn.io' }, 'password missing'],
      ['a null password', { email: 'new@hbtn.io', password: null }, 'password missing'],
      ['an empty password', { email: 'new@hbtn.io', password: '' }, 'password missing'],
      ['neither email nor password', {}, 'email missing'],
      ['an email already used', { email: BOB.email, password: 'pwd' }, "Can't create User: email already exists"],
      ['a password of 73 bytes', { email: 'new@hbtn.io', password: 'p'.repeat(73) }, "Can't create User: password longer than 72 bytes"],
      ['a password of 25 three-byte characters', { email: 'new@hbtn.io', password: '€'.repeat(25) }, "Can't create User: password longer than 72 bytes"],
      ['an email of 255 bytes', { email: `${'e'.repeat(247)}@hbtn.io`, password: 'pwd' }, "Can't create User: invalid email"],
      ['an email with a line feed', { email: 'new@hbtn.io\nX-Injected: 1', password: 'pwd' }, "Can't create User: invalid email"],
      ['an email with a NUL', { email: 'new\u0000@hbtn.io', password: 'pwd' }, "Can't create User: invalid email"],
      ['a first_name with a NUL (no backend could store it alike)', { email: 'new@hbtn.io', password: 'pwd', first_name: 'a\u0000b' }, "Can't create User: invalid name"],
      ['a last_name with a NUL', { email: 'new@hbtn.io', password: 'pwd', last_name: '\u0000' }, "Can't create User: invalid name"],
    ]
    for (const [label, body, error] of refused) {
      it(`answers 400 {"error": "${error}"} for ${label}, and stores nothing`, async function () {
        const before = usersTable(test)
        await test.http.post('/api/v1/users').set('Authorization', BOB_BASIC).send(body as object).expect(400, { error })
        expect(usersTable(test)).to.deep.equal(before)
      })
    }

    it('accepts a password of exactly 72 bytes and an email of exactly 254 bytes: 201', async function () {
      const email = `${'e'.repeat(246)}@hbtn.io`
      expect(Buffer.byteLength(email)).to.equal(254)
      const res = await test.http.post('/api/v1/users').set('Authorization', BOB_BASIC).send({ email, password: '€'.repeat(24) }).expect(201)
      expect(res.body).to.deep.equal(publicUser({ id: res.body.id, email }))
    })

    it('creates one user when five POSTs race with one email: one 201, four 400 "email already exists"', async function () {
      const responses = await Promise.all(Array.from({ length: 5 }, () =>
        test.http.post('/api/v1/users').set('Authorization', BOB_BASIC).send({ email: 'race@hbtn.io', password: 'pwd' })))
      expect(responses.map((res) => res.status).sort()).to.deep.equal([201, 400, 400, 400, 400])
      for (const res of responses.filter((r) => r.status === 400)) {
        expect(res.body).to.deep.equal({ error: "Can't create User: email already exists" })
      }
      expect(await test.users.search({ email: 'race@hbtn.io' })).to.have.length(1)
    })

    it('treats an email in another case as another email: 201', async function () {
      const res = await test.http.post('/api/v1/users').set('Authorization', BOB_BASIC).send({ email: 'BOB@hbtn.io', password: 'pwd' }).expect(201)
      expect(res.body).to.deep.equal(publicUser({ id: res.body.id, email: 'BOB@hbtn.io' }))
    })
  })

  describe('PUT /api/v1/users/:id', function () {
    function put(path: string, body: object): Test {
      return test.http.put(path).set('Authorization', BOB_BASIC).send(body)
    }

    it('answers 404 {"error": "Not found"} for /users/me: "me" is not special here', async function () {
      await put('/api/v1/users/me', { first_name: 'Me' }).expect(404, { error: 'Not found' })
    })

    it('answers 404 before reading the body: an unknown id with a malformed body is 404', async function () {
      await test.http.put('/api/v1/users/nope').set('Authorization', BOB_BASIC).type('json').send('{').expect(404, { error: 'Not found' })
    })

    it('leaves absent and null fields unchanged and ignores email, password, id and timestamps', async function () {
      const before = usersTable(test)
      await put(`/api/v1/users/${bob.id}`, {
        first_name: null, email: 'evil@hbtn.io', password: 'evil', id: 'evil', created_at: '2000-01-01T00:00:00', _password: 'evil',
      }).expect(200, publicUser({ id: bob.id, email: BOB.email, first_name: 'Bob', last_name: 'Dylan' }))
      const after = usersTable(test) as Array<Record<string, unknown>>
      const beforeRows = before as Array<Record<string, unknown>>
      expect(after.map(({ updated_at: _, ...row }) => row)).to.deep.equal(beforeRows.map(({ updated_at: _, ...row }) => row))
    })

    it('changes only last_name when only last_name is sent, and sets updated_at', async function () {
      test.clock.advance(90)
      await put(`/api/v1/users/${bob.id}`, { last_name: 'Zimmerman' }).expect(200, publicUser({
        id: bob.id, email: BOB.email, first_name: 'Bob', last_name: 'Zimmerman', updated_at: '2026-01-01T00:01:30',
      }))
    })

    it('accepts an empty string as a new first_name', async function () {
      const res = await put(`/api/v1/users/${bob.id}`, { first_name: '' }).expect(200)
      expect((res.body as Record<string, unknown>).first_name).to.equal('')
    })

    it('answers 400 {"error": "Wrong format"} for a first_name or last_name with a NUL, and changes nothing', async function () {
      const before = usersTable(test)
      await put(`/api/v1/users/${bob.id}`, { first_name: 'a\u0000b' }).expect(400, { error: 'Wrong format' })
      await put(`/api/v1/users/${bob.id}`, { last_name: '\u0000' }).expect(400, { error: 'Wrong format' })
      expect(usersTable(test)).to.deep.equal(before)
    })

    it('answers 400 {"error": "Wrong format"} for a non-string first_name or last_name, and changes nothing', async function () {
      for (const body of [{ first_name: 42 }, { last_name: ['x'] }, { first_name: 'Ok', last_name: { a: 1 } }]) {
        const before = usersTable(test)
        await put(`/api/v1/users/${bob.id}`, body).expect(400, { error: 'Wrong format' })
        expect(usersTable(test)).to.deep.equal(before)
      }
    })

    it('has stored exactly four users: bob and the three accepted by POST above', function () {
      expect(userCount(test)).to.equal(4)
    })
  })

  describe('DELETE /api/v1/users/:id', function () {
    it('answers 404 {"error": "Not found"} to DELETE /users/me and to odd ids, and deletes nobody', async function () {
      for (const id of ['me', "'%20OR%201=1", '%00', '%ZZ', bob.id.toUpperCase()]) {
        const before = usersTable(test)
        await test.http.delete(`/api/v1/users/${id}`).set('Authorization', BOB_BASIC).expect(404, { error: 'Not found' })
        expect(usersTable(test)).to.deep.equal(before)
      }
    })
  })
})
