// 0x01 task 6, "Basic auth": AUTH_TYPE=basic_auth selects BasicAuth, a subclass of Auth; until a
// user is found the hook answers 401 without a header and 403 with one.
import { expect } from 'chai'
import { Auth } from '../../api/v1/auth/auth.js'
import { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import { createAuth } from '../../api/v1/auth/factory.js'
import { buildApp, type TestApp } from '../support/app.js'
import { itAnswersStatus401And403 } from '../support/hook_answers.js'

describe('0x01 task 6: BasicAuth selected by AUTH_TYPE=basic_auth', function () {
  let test: TestApp
  before(function () { test = buildApp({ AUTH_TYPE: 'basic_auth' }) })
  after(function () { test.close() })

  it('creates a BasicAuth, which is an Auth, for AUTH_TYPE=basic_auth', function () {
    const auth = createAuth(test.config.authType, { sessionName: test.config.sessionName }, { users: test.users })
    expect(test.config.authType).to.equal('basic_auth')
    expect(auth).to.be.instanceOf(BasicAuth)
    expect(auth).to.be.instanceOf(Auth)
  })

  itAnswersStatus401And403(() => test)
})
