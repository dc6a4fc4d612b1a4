// 0x01 task 10, "Basic - User object": BasicAuth.userObjectFromCredentials answers the user with
// this email and password, or null (not strings, no such user, wrong password).
import { expect } from 'chai'
import type { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import type { User } from '../../models/user.js'
import { BOB, type TestApp } from '../support/app.js'
import { useBasicAuth } from '../support/app_hooks.js'

describe('0x01 task 10: BasicAuth.userObjectFromCredentials', function () {
  let test: TestApp
  let auth: BasicAuth
  let bob: User
  useBasicAuth(async (app, basicAuth) => {
    test = app
    auth = basicAuth
    bob = await test.createUser({ ...BOB, firstName: 'Bob', lastName: 'Dylan' })
  })

  const nulls: Array<[string, unknown, unknown]> = [
    ['null arguments', null, null],
    ['numbers', 89, 98],
    ['an unknown email', 'email@notfound.com', 'pwd'],
    ['a wrong password', BOB.email, 'fakepwd'],
    ['the email in another case', BOB.email.toUpperCase(), BOB.password],
  ]
  for (const [label, email, password] of nulls) {
    it(`answers null for ${label}`, async function () {
      expect(await auth.userObjectFromCredentials(email, password)).to.equal(null)
    })
  }

  it('answers the user for its email and password; its display name is "Bob Dylan"', async function () {
    const user = await auth.userObjectFromCredentials(BOB.email, BOB.password)
    expect(user?.id).to.equal(bob.id)
    expect(user?.displayName()).to.equal('Bob Dylan')
  })
})
