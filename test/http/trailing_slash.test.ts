// Trailing-slash tolerance (docs/api.md: "/x and /x/ are the same route"), for every route, with
// credentials and without.
import { expect } from 'chai'
import { BOB, BOB_BASIC, cookie, sessionIdFrom, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { publicUser, userCount } from '../support/expected.js'

describe('every route answers with a trailing slash', function () {
  describe('with AUTH_TYPE=basic_auth', function () {
    let test: TestApp
    let bobId: string
    useAppWithBob({ AUTH_TYPE: 'basic_auth' }, (app, user) => {
      test = app
      bobId = user.id
    })

    const open: Array<[string, number, unknown]> = [
      ['/api/v1/status/', 200, { status: 'OK' }],
      ['/api/v1/unauthorized/', 401, { error: 'Unauthorized' }],
      ['/api/v1/forbidden/', 403, { error: 'Forbidden' }],
    ]
    for (const [path, status, body] of open) {
      it(`answers ${status} ${JSON.stringify(body)} on GET ${path} without credentials`, async function () {
        await test.http.get(path).expect(status, body)
      })
    }

    it('answers 401 on GET /api/v1/stats/ without credentials and 200 {"users": 1} with them', async function () {
      await test.http.get('/api/v1/stats/').expect(401)
      await test.http.get('/api/v1/stats/').set('Authorization', BOB_BASIC).expect(200, { users: 1 })
    })

    it('answers 200 with the list on GET /api/v1/users/ and the user on GET /api/v1/users/:id/ and /users/me/', async function () {
      const bob = publicUser({ id: bobId, email: BOB.email })
      await test.http.get('/api/v1/users/').set('Authorization', BOB_BASIC).expect(200, [bob])
      for (const path of [`/api/v1/users/${bobId}/`, '/api/v1/users/me/']) {
        await test.http.get(path).set('Authorization', BOB_BASIC).expect(200, bob)
      }
    })

    it('creates on POST /api/v1/users/, updates on PUT /api/v1/users/:id/ and deletes on DELETE /api/v1/users/:id/', async function () {
      const created = await test.http.post('/api/v1/users/').set('Authorization', BOB_BASIC).send({ email: 'alice@hbtn.io', password: 'pwd' })
        .expect(201)
      expect(created.body).to.deep.equal(publicUser({ id: created.body.id, email: 'alice@hbtn.io' }))
      await test.http.put(`/api/v1/users/${created.body.id}/`).set('Authorization', BOB_BASIC).send({ last_name: 'Liddell' })
        .expect(200, publicUser({ id: created.body.id, email: 'alice@hbtn.io', last_name: 'Liddell' }))
      await test.http.delete(`/api/v1/users/${created.body.id}/`).set('Authorization', BOB_BASIC).expect(200, {})
      expect(userCount(test)).to.equal(1)
    })

    it('does not treat a doubled slash as the same route: 404 {"error": "Not found"} on GET /api/v1/status//', async function () {
      await test.http.get('/api/v1/status//').set('Authorization', BOB_BASIC).expect(404, { error: 'Not found' })
    })
  })

  describe('with AUTH_TYPE=session_auth', function () {
    let test: TestApp
    useAppWithBob({ AUTH_TYPE: 'session_auth' }, (app) => { test = app })

    it('logs in on POST /api/v1/auth_session/login/ and out on DELETE /api/v1/auth_session/logout/', async function () {
      const login = await test.http.post('/api/v1/auth_session/login/').type('form').send(BOB).expect(200)
      const sessionId = sessionIdFrom(login.headers['set-cookie'], '_my_session_id') ?? ''
      await test.http.delete('/api/v1/auth_session/logout/').set('Cookie', cookie('_my_session_id', sessionId)).expect(200, {})
    })

    it('answers 401 on DELETE /api/v1/auth_session/logout/ without a cookie (the logout route is not excluded)', async function () {
      await test.http.delete('/api/v1/auth_session/logout/').expect(401, { error: 'Unauthorized' })
    })
  })
})
