// Requests that several test files send alike, returned unsent: a test chains supertest's
// .expect(status, body) on them, or awaits them for the response.
import type { Test } from 'supertest'
import { cookie, type TestApp } from './app.js'

/** GET /api/v1/users/me with `sessionId` in the app's session cookie, through `http` (the app's own unless given). */
export function meWithSession(test: Pick<TestApp, 'http' | 'config'>, sessionId: string, http: TestApp['http'] = test.http): Test {
  return http.get('/api/v1/users/me').set('Cookie', cookie(test.config.sessionName, sessionId))
}

/** `request` expecting a JSON error: this status, the body exactly {"error": error}, as application/json; charset=utf-8. */
export function expectJsonError(request: Test, status: number, error: string): Test {
  return request.expect(status, { error }).expect('Content-Type', 'application/json; charset=utf-8')
}
