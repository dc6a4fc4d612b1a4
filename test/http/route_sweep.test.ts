// Every protected route, in every mode with an auth object, answers 401 without credentials and
// 403 with garbage ones; path tricks around the excluded paths never reach a protected view.
import { expect } from 'chai'
import { cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'

type Method = 'get' | 'post' | 'put' | 'delete' | 'head'

const PROTECTED: Array<[Method, string]> = [
  ['get', '/api/v1/stats'], ['get', '/api/v1/users'], ['post', '/api/v1/users'], ['get', '/api/v1/users/me'],
  ['get', '/api/v1/users/x'], ['put', '/api/v1/users/x'], ['delete', '/api/v1/users/x'],
  ['delete', '/api/v1/auth_session/logout'], ['head', '/api/v1/users/me'],
]

// Each looks like, or sits next to, an excluded path; none may be let through without credentials.
const TRICKS = [
  '/api/v1/status/../users/me', '/api/v1/auth_session/login/../../users/me', '/api/v1/status/%2e%2e/users/me',
  '/api/v1/status%2f..%2fusers%2fme', '//api/v1/users/me', '/api//v1/users/me', '/api/v1/users//me',
  '/API/V1/USERS/ME', '/api/v1/auth_session/loginX', '/api/v1/auth_session/login/extra', '/api/v1/users/me%00',
  '/api/v1/users/me;jsessionid=x', '/api/v1/statistics', '/api/v1/status/extra',
]

const GARBAGE: Array<[string, string]> = [['Authorization', 'Basic Z2FyYmFnZTpnYXJiYWdl'], ['Cookie', cookie('_my_session_id', 'garbage')]]

for (const authType of ['auth', 'basic_auth', 'session_auth']) {
  describe(`route sweep with AUTH_TYPE=${authType}`, function () {
    let test: TestApp
    useAppWithBob({ AUTH_TYPE: authType }, (app) => { test = app })

    it('answers 401 {"error": "Unauthorized"} on every protected route without credentials (HEAD without a body)', async function () {
      for (const [method, path] of PROTECTED) {
        const res = await test.http[method](path)
        expect(res.status, `${method} ${path}`).to.equal(401)
        if (method !== 'head') expect(res.body, `${method} ${path}`).to.deep.equal({ error: 'Unauthorized' })
      }
    })

    it('answers 403 {"error": "Forbidden"} on every protected route with a garbage header or cookie', async function () {
      for (const [method, path] of PROTECTED) {
        for (const [name, value] of GARBAGE) {
          const res = await test.http[method](path).set(name, value)
          expect(res.status, `${method} ${path} ${name}`).to.equal(403)
          if (method !== 'head') expect(res.body, `${method} ${path} ${name}`).to.deep.equal({ error: 'Forbidden' })
        }
      }
    })

    it('answers 401 {"error": "Unauthorized"} to path tricks around the excluded paths', async function () {
      for (const path of TRICKS) {
        const res = await test.http.get(path)
        expect(res.status, path).to.equal(401)
        expect(res.body, path).to.deep.equal({ error: 'Unauthorized' })
      }
    })

    it('answers HEAD /api/v1/status with 200 and no body without credentials (excluded)', async function () {
      const res = await test.http.head('/api/v1/status').expect(200)
      expect(res.text).to.equal(undefined)
    })
  })
}
