// 0x02 task 4, "Session cookie": Auth.sessionCookie answers the raw value of the cookie named
// SESSION_NAME (spaces included), or null without a request or without that cookie.
import { expect } from 'chai'
import Koa from 'koa'
import request from 'supertest'
import { Auth } from '../../api/v1/auth/auth.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { authRequest } from '../support/credentials.js'

/** A Koa app that answers what sessionCookie reads from the real request. */
function echoSessionCookie(auth: Auth): ReturnType<typeof request> {
  const app = new Koa()
  app.use((ctx) => { ctx.body = { cookie: auth.sessionCookie(ctx) } })
  return request(app.callback())
}

describe('0x02 task 4: Auth.sessionCookie', function () {
  const auth = new Auth({ sessionName: '_my_session_id' })

  it('answers null without a request', function () {
    expect(auth.sessionCookie(null)).to.equal(null)
  })

  it('answers null when the request has no cookie of that name', function () {
    expect(auth.sessionCookie(authRequest({}, { other: 'x' }))).to.equal(null)
  })

  it('answers "Hello" for a request sent with Cookie: _my_session_id=Hello', async function () {
    const res = await echoSessionCookie(auth).get('/').set('Cookie', '_my_session_id=Hello')
    expect(res.body).to.deep.equal({ cookie: 'Hello' })
  })

  it('answers "C is fun" for a request sent with Cookie: _my_session_id=C is fun', async function () {
    const res = await echoSessionCookie(auth).get('/').set('Cookie', '_my_session_id=C is fun')
    expect(res.body).to.deep.equal({ cookie: 'C is fun' })
  })

  it('picks its cookie among others, and answers null for a request with only other cookies', async function () {
    const both = await echoSessionCookie(auth).get('/').set('Cookie', 'theme=dark; _my_session_id=abc; lang=fr')
    expect(both.body).to.deep.equal({ cookie: 'abc' })
    const none = await echoSessionCookie(auth).get('/').set('Cookie', 'theme=dark')
    expect(none.body).to.deep.equal({ cookie: null })
  })

  it('reads the cookie named by SESSION_NAME, not _my_session_id, when another name is configured', async function () {
    const renamed = new Auth({ sessionName: 'sid' })
    const res = await echoSessionCookie(renamed).get('/').set('Cookie', '_my_session_id=abc; sid=Hello')
    expect(res.body).to.deep.equal({ cookie: 'Hello' })
  })

  describe('through HTTP with AUTH_TYPE=session_auth and SESSION_NAME=sid', function () {
    let test: TestApp
    before(async function () {
      test = buildApp({ AUTH_TYPE: 'session_auth', SESSION_NAME: 'sid' })
      await test.createUser(BOB)
    })
    after(function () { test.close() })

    it('answers 403 {"error": "Forbidden"} for a cookie whose value has spaces (C is fun)', async function () {
      await test.http.get('/api/v1/users').set('Cookie', 'sid=C is fun').expect(403, { error: 'Forbidden' })
    })

    it('authenticates with the sid cookie and ignores a valid session id sent as _my_session_id', async function () {
      const sessionId = await test.login(BOB.email, BOB.password)
      await test.http.get('/api/v1/stats').set('Cookie', cookie('sid', sessionId)).expect(200, { users: 1 })
      await test.http.get('/api/v1/stats').set('Cookie', cookie('_my_session_id', sessionId)).expect(401, { error: 'Unauthorized' })
    })
  })
})
