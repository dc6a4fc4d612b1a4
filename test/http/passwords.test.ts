// Passwords through HTTP: bcrypt stored at POST /users, a legacy SHA-256 hash accepted at
// login and replaced by bcrypt, and no password over 72 bytes ever matching.
import bcrypt from 'bcryptjs'
import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { BOB, BOB_BASIC, buildApp, cookie, sessionIdFrom, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { basic } from '../support/credentials.js'
import { publicUser } from '../support/expected.js'

const LOGIN = '/api/v1/auth_session/login'

function storedHash(test: TestApp, id: string): string {
  return test.database.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string
}

describe('passwords through HTTP', function () {
  let test: TestApp
  useAppWithBob({ AUTH_TYPE: 'session_auth' }, (app) => { test = app })

  it('stores a bcrypt hash of the password sent to POST /users, never the password', async function () {
    const sessionId = await test.login(BOB.email, BOB.password)
    const res = await test.http.post('/api/v1/users').set('Cookie', cookie('_my_session_id', sessionId)).send({ email: 'new@hbtn.io', password: 'n3w pwd' })
      .expect(201)
    const hash = storedHash(test, res.body.id)
    expect(hash).to.match(/^\$2[aby]\$04\$/)
    expect(await bcrypt.compare('n3w pwd', hash)).to.equal(true)
  })

  it('logs in with a legacy SHA-256 hash: 200 and the user, and the stored hash becomes bcrypt', async function () {
    const legacy = await test.createUser({ email: 'legacy@hbtn.io', password: 'placeholder' })
    test.database.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
      .run(createHash('sha256').update('toto1234').digest('hex'), legacy.id)
    await test.http.post(LOGIN).type('form').send({ email: 'legacy@hbtn.io', password: 'toto' })
      .expect(401, { error: 'wrong password' })
    const res = await test.http.post(LOGIN).type('form').send({ email: 'legacy@hbtn.io', password: 'toto1234' })
      .expect(200, publicUser({ id: legacy.id, email: 'legacy@hbtn.io' }))
    expect(sessionIdFrom(res.headers['set-cookie'], '_my_session_id')).not.to.equal(null)
    expect(await bcrypt.compare('toto1234', storedHash(test, legacy.id))).to.equal(true)
    await test.http.post(LOGIN).type('form').send({ email: 'legacy@hbtn.io', password: 'toto1234' }).expect(200)
  })

  it('answers 401 {"error": "wrong password"} to a login with 73 bytes whose first 72 are the password', async function () {
    const long = await test.createUser({ email: 'long@hbtn.io', password: 'L'.repeat(72) })
    await test.http.post(LOGIN).type('form').send({ email: 'long@hbtn.io', password: `${'L'.repeat(72)}!` })
      .expect(401, { error: 'wrong password' })
    await test.http.post(LOGIN).type('form').send({ email: 'long@hbtn.io', password: 'L'.repeat(72) })
      .expect(200, publicUser({ id: long.id, email: 'long@hbtn.io' }))
  })

  it('answers 403 to a Basic header whose password is over 72 bytes, with AUTH_TYPE=basic_auth', async function () {
    const basicApp = buildApp({ AUTH_TYPE: 'basic_auth' })
    try {
      await basicApp.createUser({ email: 'long@hbtn.io', password: 'L'.repeat(72) })
      await basicApp.createUser(BOB)
      await basicApp.http.get('/api/v1/users/me').set('Authorization', basic('long@hbtn.io', `${'L'.repeat(72)}!`))
        .expect(403, { error: 'Forbidden' })
      await basicApp.http.get('/api/v1/users/me').set('Authorization', BOB_BASIC).expect(200)
    } finally {
      basicApp.close()
    }
  })
})
