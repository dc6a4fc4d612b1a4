// 0x01 task 11, "Basic - Overload current_user": BasicAuth.currentUser chains the four steps, so a
// valid Basic header opens every route, end to end through HTTP with AUTH_TYPE=basic_auth.
import { expect } from 'chai'
import { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import type { User } from '../../models/user.js'
import { BOB, BOB_BASIC, buildApp, type TestApp } from '../support/app.js'
import { authRequest, basic } from '../support/credentials.js'
import { publicUser, userCount } from '../support/expected.js'

describe('0x01 task 11: BasicAuth.currentUser', function () {
  let test: TestApp
  let bob: User
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'basic_auth' })
    bob = await test.createUser(BOB)
  })
  after(function () { test.close() })

  it('answers the user for a request with the Basic header of its credentials, null for none or a wrong one', async function () {
    const auth = new BasicAuth({ sessionName: '_my_session_id' }, test.users)
    expect((await auth.currentUser(authRequest({ Authorization: BOB_BASIC })))?.id).to.equal(bob.id)
    expect(await auth.currentUser(null)).to.equal(null)
    expect(await auth.currentUser(authRequest())).to.equal(null)
    expect(await auth.currentUser(authRequest({ Authorization: basic(BOB.email, 'wrong') }))).to.equal(null)
  })

  it('sends the exercise\'s header for bob@hbtn.io: Basic Ym9iQGhidG4uaW86SDBsYmVydG9uU2Nob29sOTgh', function () {
    expect(basic(BOB.email, BOB.password)).to.equal(BOB_BASIC)
  })

  it('answers 401 {"error": "Unauthorized"} on GET /api/v1/users without a header', async function () {
    await test.http.get('/api/v1/users').expect(401, { error: 'Unauthorized' })
  })

  it('answers 403 {"error": "Forbidden"} on GET /api/v1/users with a wrong password', async function () {
    await test.http.get('/api/v1/users').set('Authorization', basic(BOB.email, 'H0lbertonSchool98')).expect(403, { error: 'Forbidden' })
  })

  it('answers 200 and the list of users on GET /api/v1/users with bob\'s Basic header', async function () {
    await test.http.get('/api/v1/users').set('Authorization', BOB_BASIC).expect(200, [publicUser({ id: bob.id, email: BOB.email })])
  })

  it('answers 200 {"users": 1} on GET /api/v1/stats with bob\'s Basic header', async function () {
    await test.http.get('/api/v1/stats').set('Authorization', BOB_BASIC).expect(200, { users: 1 })
  })

  it('creates a user on POST /api/v1/users with bob\'s Basic header: 201 and its JSON', async function () {
    const res = await test.http.post('/api/v1/users').set('Authorization', BOB_BASIC).send({ email: 'alice@hbtn.io', password: 'pwd' }).expect(201)
    expect(res.body).to.deep.equal(publicUser({ id: res.body.id, email: 'alice@hbtn.io' }))
    expect(userCount(test)).to.equal(2)
  })
})
