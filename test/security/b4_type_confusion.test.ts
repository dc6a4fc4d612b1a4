// Type confusion, injection and prototype pollution in the login and user bodies, in every
// session mode. `__proto__` keys are dropped (co-body onProtoPoisoning 'remove'), so the request
// is answered as without them.
import { expect } from 'chai'
import type { Test } from 'supertest'
import { BOB } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { SESSION_MODES } from '../support/modes.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const C = '_my_session_id'
const EMAIL_MISSING = { error: 'email missing' }

function expectNoPollution(): void {
  expect((Object.prototype as Record<string, unknown>).isAdmin).to.equal(undefined)
  expect(({} as Record<string, unknown>).isAdmin).to.equal(undefined)
}

for (const mode of SESSION_MODES) {
  describe(`type confusion and pollution (${mode})`, function () {
    let t: SecureTestApp

    // Registered before useSecureApp's hooks: runs before the invariants.
    afterEach(function () { expectNoPollution() })

    useSecureApp({ AUTH_TYPE: mode }, 'all', (app) => { t = app })

    function formLogin(body: string): Test {
      return t.http.post(LOGIN).type('form').send(body)
    }

    function jsonLogin(body: string): Test {
      return t.http.post(LOGIN).type('json').send(body)
    }

    it('answers 400 email missing for a repeated email field, logging in as neither', async function () {
      await formLogin(`email=a%40x.io&email=${encodeURIComponent(BOB.email)}&password=x`).expect(400, EMAIL_MISSING)
    })

    it('answers 400 email missing for bracket and dot keys (email[]=, email[$ne]=, email.toString=)', async function () {
      for (const body of ['email[]=a%40x.io&password=x', 'email[$ne]=x&password=x', 'email.toString=1&password=x']) {
        const res = await formLogin(body)
        expect([res.status, res.body], body).to.deep.equal([400, EMAIL_MISSING])
      }
    })

    it('answers 400 for JSON fields that are not strings, before any password comparison', async function () {
      const cases: Array<[string, object]> = [
        [`{"email":["${BOB.email}"],"password":"${BOB.password}"}`, EMAIL_MISSING],
        ['{"email":{"$gt":""},"password":"x"}', EMAIL_MISSING],
        ['{"email":123,"password":"x"}', EMAIL_MISSING],
        ['{"email":null,"password":"x"}', EMAIL_MISSING],
        [`{"email":"${BOB.email}","password":true}`, { error: 'password missing' }],
        [`{"email":"${BOB.email}","password":["${BOB.password}"]}`, { error: 'password missing' }],
      ]
      for (const [body, error] of cases) {
        const res = await jsonLogin(body)
        expect([res.status, res.body], body).to.deep.equal([400, error])
      }
    })

    it('answers 400 Wrong format for a top-level JSON array, string, null or number', async function () {
      for (const body of ['[]', '"str"', 'null', '42']) {
        const res = await jsonLogin(body)
        expect([res.status, res.body], body).to.deep.equal([400, { error: 'Wrong format' }])
      }
    })

    it('drops a __proto__ key: the login succeeds as without it, with no pollution and no isAdmin', async function () {
      const res = await jsonLogin(`{"__proto__":{"isAdmin":true},"email":"${BOB.email}","password":"${BOB.password}"}`).expect(200)
      expect(res.body).to.have.all.keys('id', 'email', 'first_name', 'last_name', 'created_at', 'updated_at')
    })

    it('drops a __proto__ key written with \\u005f escapes the same way', async function () {
      const res = await jsonLogin(`{"\\u005f\\u005fproto\\u005f\\u005f":{"isAdmin":true},"email":"${BOB.email}","password":"${BOB.password}"}`)
        .expect(200)
      expect(res.body).not.to.have.property('isAdmin')
    })

    it('ignores constructor.prototype: the outcome follows the credentials, with no pollution', async function () {
      const ok = await jsonLogin(`{"constructor":{"prototype":{"isAdmin":true}},"email":"${BOB.email}","password":"${BOB.password}"}`).expect(200)
      expect(ok.body).not.to.have.property('isAdmin')
      await jsonLogin(`{"constructor":{"prototype":{"isAdmin":true}},"email":"${BOB.email}","password":"nope"}`)
        .expect(401, { error: 'wrong password' })
    })

    it('answers a form with __proto__[...] and constructor[prototype][...] keys as without them', async function () {
      const credentials = `email=${encodeURIComponent(BOB.email)}&password=${encodeURIComponent(BOB.password)}`
      const res = await formLogin(`__proto__[isAdmin]=1&constructor[prototype][isAdmin]=1&${credentials}`).expect(200)
      expect(res.body).to.have.all.keys('id', 'email', 'first_name', 'last_name', 'created_at', 'updated_at')
    })

    it('answers 400 email missing for the qs DoS shape a[__proto__]=b&a[__proto__]&a[length]=100000000', async function () {
      await formLogin('a[__proto__]=b&a[__proto__]&a[length]=100000000').expect(400, EMAIL_MISSING)
    })

    it('answers 400 for deep form keys and JSON nesting within the limit, 413 beyond it', async function () {
      await formLogin(`a${'[b]'.repeat(1000)}=1&password=x`).expect(400, EMAIL_MISSING)
      await jsonLogin(`${'['.repeat(8000)}${']'.repeat(8000)}`).expect(400, { error: 'Wrong format' })
      await jsonLogin(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).expect(413, { error: 'Payload too large' })
    })

    it('PUT /users/:id changes only first_name and last_name, whatever else the body says', async function () {
      const session = await t.login(BOB.email, BOB.password)
      const me = await t.http.get('/api/v1/users/me').set('Cookie', `${C}=${session}`)
      const res = await t.http.put(`/api/v1/users/${me.body.id}`).set('Cookie', `${C}=${session}`).send({
        email: 'evil@x.io', _password: 'x', password: 'hijacked', id: 'other', is_admin: true,
        created_at: '2000-01-01T00:00:00', first_name: 'Bob',
      }).expect(200)
      expect(res.body).to.deep.equal({ ...me.body, first_name: 'Bob', updated_at: res.body.updated_at })
      expect((await t.users.get(me.body.id))?.email).to.equal(BOB.email)
      expect(await t.login(BOB.email, BOB.password)).to.be.a('string')
    })

    it('on POST /users creates the user from the known fields only, with no pollution', async function () {
      const session = await t.login(BOB.email, BOB.password)
      const res = await t.http.post('/api/v1/users').set('Cookie', `${C}=${session}`).type('json')
        .send('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"email":"new@hbtn.io","password":"new-password","is_admin":true}')
        .expect(201)
      expect(res.body).to.have.all.keys('id', 'email', 'first_name', 'last_name', 'created_at', 'updated_at')
      expect(res.body.email).to.equal('new@hbtn.io')
    })
  })
}
