// BasicAuth through the real app: a remembered header never outlives its user, its email or its
// password, and only a successful bcrypt verification is ever remembered.
import { expect } from 'chai'
import { BOB, BOB_BASIC, buildApp, type TestApp } from '../../support/app.js'
import type { User } from '../../../models/user.js'

const FORBIDDEN = { error: 'Forbidden' }

function basic(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`
}

describe('BasicAuth credential cache (AUTH_TYPE=basic_auth)', () => {
  let t: TestApp
  let bob: User

  beforeEach(async () => {
    t = buildApp({ AUTH_TYPE: 'basic_auth' })
    bob = await t.createUser(BOB)
  })
  afterEach(() => t.close())

  async function me(authorization: string) {
    return t.http.get('/api/v1/users/me').set('Authorization', authorization)
  }

  async function changePassword(password: string): Promise<void> {
    const user = (await t.users.get(bob.id)) ?? expect.fail('bob is gone')
    user.passwordHash = await t.users.passwords.hash(password)
    await t.users.save(user)
  }

  it('answers 200 with the same user JSON for a repeated header', async () => {
    const first = await me(BOB_BASIC)
    const second = await me(BOB_BASIC)
    expect(first.status).to.equal(200)
    expect(second.status).to.equal(200)
    expect(second.body).to.deep.equal(first.body)
    expect(second.body).to.deep.include({ id: bob.id, email: BOB.email })
  })

  it('answers 403 {"error": "Forbidden"} for a remembered header once its user is deleted through the API', async () => {
    expect((await me(BOB_BASIC)).status).to.equal(200)
    const deleted = await t.http.delete(`/api/v1/users/${bob.id}`).set('Authorization', BOB_BASIC)
    expect(deleted.status).to.equal(200)
    expect(deleted.body).to.deep.equal({})
    const res = await me(BOB_BASIC)
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal(FORBIDDEN)
  })

  it('answers 403 {"error": "Forbidden"} for a remembered header once its user is deleted by another writer of the database', async () => {
    expect((await me(BOB_BASIC)).status).to.equal(200)
    expect(await t.users.remove(bob.id)).to.equal(true)
    const res = await me(BOB_BASIC)
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal(FORBIDDEN)
  })

  it('answers 403 for a remembered header once the password changed, and 200 for the new password', async () => {
    expect((await me(BOB_BASIC)).status).to.equal(200)
    await changePassword('n3w pass')
    const old = await me(BOB_BASIC)
    expect(old.status).to.equal(403)
    expect(old.body).to.deep.equal(FORBIDDEN)
    const fresh = await me(basic(BOB.email, 'n3w pass'))
    expect(fresh.status).to.equal(200)
    expect(fresh.body).to.deep.include({ id: bob.id, email: BOB.email })
  })

  it('answers 403 for a remembered header once the user\'s email changed', async () => {
    expect((await me(BOB_BASIC)).status).to.equal(200)
    const user = (await t.users.get(bob.id)) ?? expect.fail('bob is gone')
    user.email = 'robert@hbtn.io'
    await t.users.save(user)
    const res = await me(BOB_BASIC)
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal(FORBIDDEN)
  })

  it('answers 403 {"error": "Forbidden"} for a wrong password while the right one is remembered', async () => {
    expect((await me(BOB_BASIC)).status).to.equal(200)
    const res = await me(basic(BOB.email, 'H0lbertonSchool98?'))
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal(FORBIDDEN)
  })

  it('answers 403 for a header every time its password is wrong, and 200 once that password becomes the right one', async () => {
    const header = basic(BOB.email, 'later pass')
    for (let i = 0; i < 2; i += 1) {
      const res = await me(header)
      expect(res.status).to.equal(403)
      expect(res.body).to.deep.equal(FORBIDDEN)
    }
    await changePassword('later pass')
    const res = await me(header)
    expect(res.status).to.equal(200)
    expect(res.body).to.deep.include({ id: bob.id, email: BOB.email })
  })

  it('answers 200 again after a password changed back, by verifying the header anew', async () => {
    expect((await me(BOB_BASIC)).status).to.equal(200)
    await changePassword('n3w pass')
    expect((await me(BOB_BASIC)).status).to.equal(403)
    await changePassword(BOB.password)
    const res = await me(BOB_BASIC)
    expect(res.status).to.equal(200)
    expect(res.body).to.deep.include({ id: bob.id, email: BOB.email })
  })
})
