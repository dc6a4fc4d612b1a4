// What the Basic header tests check: GET /api/v1/users/me with one Authorization header answers
// 403 Forbidden, or the given user.
import { expect } from 'chai'
import type { SecureTestApp } from './invariants.js'

const ME = '/api/v1/users/me'
const FORBIDDEN = { error: 'Forbidden' }

/** `Basic base64(credentials)` for any text or raw bytes, malformed ones included. */
export function basicHeader(credentials: string | Buffer): string {
  return `Basic ${Buffer.from(credentials).toString('base64')}`
}

export interface MeByAuthorization {
  /** Asserts 403 {"error": "Forbidden"} for this Authorization value. */
  expectForbidden(authorization: string): Promise<void>
  /** Asserts 200 and the user with this email for this Authorization value. */
  expectUser(authorization: string, email: string): Promise<void>
}

/** The two expectations, against the app `app()` returns when they run. */
export function meByAuthorization(app: () => SecureTestApp): MeByAuthorization {
  return {
    async expectForbidden(authorization) {
      const res = await app().http.get(ME).set('Authorization', authorization)
      expect(res.status, authorization.slice(0, 60)).to.equal(403)
      expect(res.body).to.deep.equal(FORBIDDEN)
    },
    async expectUser(authorization, email) {
      const res = await app().http.get(ME).set('Authorization', authorization).expect(200)
      expect(res.body.email).to.equal(email)
    },
  }
}
