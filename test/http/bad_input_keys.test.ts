// Unknown, __proto__ and constructor keys in bodies: ignored, only the
// known fields are read, and no prototype is polluted.
import { expect } from 'chai'
import bcrypt from 'bcryptjs'
import { BOB, BOB_BASIC, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { UUID4, publicUser, usersTable } from '../support/expected.js'

const USERS = '/api/v1/users'
const LOGIN = '/api/v1/auth_session/login'

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).to.equal(undefined)
  expect(Object.prototype).not.to.have.property('polluted')
  expect(({} as Record<string, unknown>).email).to.equal(undefined)
}

describe('unknown and dangerous keys in bodies', function () {
  let test: TestApp
  let bobId: string
  useAppWithBob({ AUTH_TYPE: 'basic_auth' }, (app, user) => {
    test = app
    bobId = user.id
  }, { ...BOB, firstName: 'Bob' })

  it('ignores unknown fields at POST /users: 201 with a fresh id, and the password is stored as bcrypt', async function () {
    const res = await test.http.post(USERS).set('Authorization', BOB_BASIC).send({
      email: 'new@hbtn.io', password: 'pwd', id: 'chosen-id', created_at: '2000-01-01T00:00:00', _password: 'plain', is_admin: true,
    }).expect(201)
    expect(res.body.id).to.match(UUID4)
    expect(res.body).to.deep.equal(publicUser({ id: res.body.id, email: 'new@hbtn.io' }))
    const hash = test.database.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(res.body.id) as string
    expect(await bcrypt.compare('pwd', hash)).to.equal(true)
  })

  it('drops __proto__ and constructor keys at POST /users: 201 with only the known fields, no pollution', async function () {
    const raw = '{"email":"proto@hbtn.io","password":"pwd","__proto__":{"polluted":"yes","first_name":"Evil"},' +
      '"constructor":{"prototype":{"polluted":"yes"}}}'
    const res = await test.http.post(USERS).set('Authorization', BOB_BASIC).type('json').send(raw).expect(201)
    expect(res.body).to.deep.equal(publicUser({ id: res.body.id, email: 'proto@hbtn.io' }))
    expectNoPollution()
  })

  it('never reads a field from __proto__: {"__proto__": {"email": ...}} at POST /users is 400 {"error": "email missing"}', async function () {
    const before = usersTable(test)
    const raw = '{"__proto__":{"email":"hidden@hbtn.io","password":"pwd"}}'
    await test.http.post(USERS).set('Authorization', BOB_BASIC).type('json').send(raw).expect(400, { error: 'email missing' })
    expect(usersTable(test)).to.deep.equal(before)
    expectNoPollution()
  })

  it('ignores __proto__, constructor and unknown keys at PUT /users/:id: 200, only last_name changes', async function () {
    const raw = '{"last_name":"Dylan","__proto__":{"first_name":"Evil","polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"email":"x@y.z"}'
    await test.http.put(`${USERS}/${bobId}`).set('Authorization', BOB_BASIC).type('json').send(raw)
      .expect(200, publicUser({ id: bobId, email: BOB.email, first_name: 'Bob', last_name: 'Dylan' }))
    expectNoPollution()
  })

  it('never reads credentials from __proto__ in a JSON login: 400 {"error": "email missing"}', async function () {
    const raw = `{"__proto__":{"email":"${BOB.email}","password":"${BOB.password}"}}`
    await test.http.post(LOGIN).type('json').send(raw).expect(400, { error: 'email missing' })
    expectNoPollution()
  })

  it('never reads credentials from __proto__ or constructor keys in a form login: 400 {"error": "email missing"}', async function () {
    const form = `__proto__[email]=${BOB.email}&__proto__[password]=x&constructor[prototype][polluted]=yes&password=x`
    await test.http.post(LOGIN).type('form').send(form).expect(400, { error: 'email missing' })
    expectNoPollution()
  })

  it('ignores unknown form fields at login: 400 {"error": "sessions are not enabled"} in basic_auth for right credentials', async function () {
    await test.http.post(LOGIN).type('form').send({ ...BOB, remember: 'yes', role: 'admin' })
      .expect(400, { error: 'sessions are not enabled' })
  })
})
