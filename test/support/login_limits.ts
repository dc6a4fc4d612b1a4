// What both login rate limit test files share: the limits they start from, the refusal, one attempt.
import type { TestApp } from './app.js'

const LOGIN = '/api/v1/auth_session/login'

/** session_auth with 3 attempts per email in a 900 s window and no limit per address. */
export const LIMITS = { AUTH_TYPE: 'session_auth', LOGIN_MAX_ATTEMPTS_PER_EMAIL: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '0', LOGIN_WINDOW_SECONDS: '900' }

/** The body of a 429 answer. */
export const TOO_MANY = { error: 'Too many requests' }

/** One form login attempt on POST /auth_session/login. */
export function login(http: TestApp['http'], email: string, password: string): ReturnType<TestApp['http']['post']> {
  return http.post(LOGIN).type('form').send({ email, password })
}
