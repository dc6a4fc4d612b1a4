// 0x01 task 12, "Basic - Allow password with ":"": credentials are split at the FIRST ":", so
// bob100@hbtn.io / H0lberton:School:98! authenticates.
import { expect } from 'chai'
import { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import type { User } from '../../models/user.js'
import { buildApp, type TestApp } from '../support/app.js'
import { BOB100, basic } from '../support/credentials.js'
import { publicUser } from '../support/expected.js'

const BOB100_BASIC = 'Basic Ym9iMTAwQGhidG4uaW86SDBsYmVydG9uOlNjaG9vbDo5OCE='

describe('0x01 task 12: passwords containing ":"', function () {
  let test: TestApp
  let bob100: User
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'basic_auth' })
    bob100 = await test.createUser(BOB100)
  })
  after(function () { test.close() })

  it('splits "bob100@hbtn.io:H0lberton:School:98!" into the email and "H0lberton:School:98!"', function () {
    const auth = new BasicAuth({ sessionName: '_my_session_id' }, test.users)
    expect(auth.extractUserCredentials('bob100@hbtn.io:H0lberton:School:98!')).to.deep.equal({
      email: 'bob100@hbtn.io', password: 'H0lberton:School:98!',
    })
  })

  it('answers 200 and the list of users on GET /api/v1/users with Basic base64(bob100@hbtn.io:H0lberton:School:98!)', async function () {
    expect(basic(BOB100.email, BOB100.password)).to.equal(BOB100_BASIC)
    await test.http.get('/api/v1/users').set('Authorization', BOB100_BASIC)
      .expect(200, [publicUser({ id: bob100.id, email: BOB100.email })])
  })

  it('answers 200 and bob100 on GET /api/v1/users/me with that header', async function () {
    await test.http.get('/api/v1/users/me').set('Authorization', BOB100_BASIC)
      .expect(200, publicUser({ id: bob100.id, email: BOB100.email }))
  })

  it('answers 403 {"error": "Forbidden"} when only the part before the second ":" is sent as password', async function () {
    await test.http.get('/api/v1/users').set('Authorization', basic(BOB100.email, 'H0lberton')).expect(403, { error: 'Forbidden' })
  })
})
