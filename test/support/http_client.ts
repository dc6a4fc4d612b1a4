// A tiny client for tests against a real listening server: login, /users/me and logout with the
// session cookie, answering status and parsed body.
import { sessionIdFrom } from './app.js'

export interface Target {
  readonly url: string
}

export interface Answer {
  readonly status: number
  readonly body: unknown
}

const SESSION_NAME = '_my_session_id'

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as unknown }
}

/** Logs in with form fields and returns the session id from Set-Cookie; throws on failure. */
export async function login(server: Target, credentials: { email: string, password: string }): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth_session/login`, { method: 'POST', body: new URLSearchParams(credentials) })
  const sessionId = sessionIdFrom(response.headers.getSetCookie(), SESSION_NAME)
  if (response.status !== 200 || sessionId === null) throw new Error(`login failed: ${response.status} ${await response.text()}`)
  return sessionId
}

/** GET /api/v1/users/me with the session cookie. */
export async function me(server: Target, sessionId: string): Promise<Answer> {
  return answer(await fetch(`${server.url}/api/v1/users/me`, { headers: { Cookie: `${SESSION_NAME}=${sessionId}` } }))
}

/** DELETE /api/v1/auth_session/logout with the session cookie. */
export async function logout(server: Target, sessionId: string): Promise<Answer> {
  return answer(await fetch(`${server.url}/api/v1/auth_session/logout`, { method: 'DELETE', headers: { Cookie: `${SESSION_NAME}=${sessionId}` } }))
}
