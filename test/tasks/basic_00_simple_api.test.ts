// 0x01 task 0, "Simple-basic-API": status, stats and the users CRUD with no AUTH_TYPE (every
// route open), against a temporary SQLite database.
import { expect } from 'chai'
import { buildApp, type TestApp } from '../support/app.js'
import { T0, UUID4, publicUser, userCount } from '../support/expected.js'

describe('0x01 task 0: simple API without AUTH_TYPE', function () {
  let test: TestApp
  before(function () { test = buildApp({ AUTH_TYPE: undefined }) })
  after(function () { test.close() })

  it('answers 200 {"status": "OK"} on GET /api/v1/status', async function () {
    await test.http.get('/api/v1/status').expect(200, { status: 'OK' }).expect('Content-Type', /^application\/json/)
  })

  it('answers 200 {"users": 0} on GET /api/v1/stats with an empty database', async function () {
    await test.http.get('/api/v1/stats').expect(200, { users: 0 })
  })

  it('answers 200 [] on GET /api/v1/users with no user', async function () {
    await test.http.get('/api/v1/users').expect(200, [])
  })

  it('creates a user on POST /api/v1/users: 201 and its public JSON, stored with a uuid4 id', async function () {
    const res = await test.http.post('/api/v1/users')
      .send({ email: 'bob@hbtn.io', password: 'H0lbertonSchool98!', first_name: 'Bob', last_name: 'Dylan' }).expect(201)
    expect(res.body.id).to.match(UUID4)
    expect(res.body).to.deep.equal(publicUser({ id: res.body.id, email: 'bob@hbtn.io', first_name: 'Bob', last_name: 'Dylan' }))
    expect(userCount(test)).to.equal(1)
  })

  it('counts the stored users on GET /api/v1/stats: 200 {"users": 1}', async function () {
    await test.http.get('/api/v1/stats').expect(200, { users: 1 })
  })

  it('lists every user on GET /api/v1/users and shows one on GET /api/v1/users/:id', async function () {
    const [bob] = await test.users.search({ email: 'bob@hbtn.io' })
    const expected = publicUser({ id: bob!.id, email: 'bob@hbtn.io', first_name: 'Bob', last_name: 'Dylan' })
    await test.http.get('/api/v1/users').expect(200, [expected])
    await test.http.get(`/api/v1/users/${bob!.id}`).expect(200, expected)
  })

  it('answers 404 {"error": "Not found"} on GET /api/v1/users/:id for an unknown id', async function () {
    await test.http.get('/api/v1/users/a7a7a7a7-0000-4000-8000-000000000000').expect(404, { error: 'Not found' })
  })

  it('answers 404 {"error": "Not found"} on GET /api/v1/users/me, as there is no current user without auth', async function () {
    await test.http.get('/api/v1/users/me').expect(404, { error: 'Not found' })
  })

  it('updates first_name and last_name on PUT /api/v1/users/:id: 200 and the user with a new updated_at', async function () {
    const [bob] = await test.users.search({ email: 'bob@hbtn.io' })
    test.clock.advance(60)
    await test.http.put(`/api/v1/users/${bob!.id}`).send({ first_name: 'Robert', last_name: 'Zimmerman' })
      .expect(200, publicUser({
        id: bob!.id, email: 'bob@hbtn.io', first_name: 'Robert', last_name: 'Zimmerman', created_at: T0, updated_at: '2026-01-01T00:01:00',
      }))
    expect((await test.users.get(bob!.id))?.firstName).to.equal('Robert')
  })

  it('answers 404 {"error": "Not found"} on PUT /api/v1/users/:id for an unknown id', async function () {
    await test.http.put('/api/v1/users/unknown').send({ first_name: 'X' }).expect(404, { error: 'Not found' })
  })

  it('deletes a user on DELETE /api/v1/users/:id: 200 {}, then 404 on GET and on a second DELETE', async function () {
    const [bob] = await test.users.search({ email: 'bob@hbtn.io' })
    await test.http.delete(`/api/v1/users/${bob!.id}`).expect(200, {})
    expect(userCount(test)).to.equal(0)
    await test.http.get(`/api/v1/users/${bob!.id}`).expect(404)
    await test.http.delete(`/api/v1/users/${bob!.id}`).expect(404, { error: 'Not found' })
  })

  it('answers 400 {"error": "Wrong format"} on POST /api/v1/users with a body that is not JSON', async function () {
    await test.http.post('/api/v1/users').type('text/plain').send('email=bob@hbtn.io').expect(400, { error: 'Wrong format' })
  })

  it('answers 400 {"error": "email missing"} then {"error": "password missing"} on POST /api/v1/users', async function () {
    await test.http.post('/api/v1/users').send({ password: 'pwd' }).expect(400, { error: 'email missing' })
    const emptyEmail = await test.http.post('/api/v1/users').send({ email: '', password: 'pwd' })
    expect(emptyEmail.body).to.deep.equal({ error: 'email missing' })
    await test.http.post('/api/v1/users').send({ email: 'bob@hbtn.io' }).expect(400, { error: 'password missing' })
    const emptyPassword = await test.http.post('/api/v1/users').send({ email: 'bob@hbtn.io', password: '' })
    expect(emptyPassword.body).to.deep.equal({ error: 'password missing' })
    expect(userCount(test)).to.equal(0)
  })

  it('answers 404 {"error": "Not found"} for an unknown route', async function () {
    await test.http.get('/api/v1/nope').expect(404, { error: 'Not found' })
  })
})
