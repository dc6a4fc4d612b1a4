// A tiny client for tests against a real listening server: login, /users/me and logout with the
// session cookie, answering status and parsed body; call() for any request; token login and refresh.
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
export interface Reply {
  readonly status: number
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown
  readonly headers: Headers
}

export interface CallOptions {
  readonly cookie?: string
  readonly json?: unknown
  readonly form?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

/** Sends one request to `baseUrl + path` and reads the whole reply. */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.cookie !== undefined) headers.cookie = options.cookie
  let body: string | undefined
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  }
  const response = await fetch(baseUrl + path, { method, headers, body })
  const text = await response.text()
  let parsed: unknown = text
  try { parsed = JSON.parse(text) } catch { /* not JSON: keep the text */ }
  return { status: response.status, body: parsed, headers: response.headers }
}

/** The `name=value` cookie a reply sets for `name`, ready to send back, or null. */
export function cookieFrom(reply: Reply, name = '_my_session_id'): string | null {
  for (const header of reply.headers.getSetCookie()) {
    const match = new RegExp(`^${name}=([^;]+)`).exec(header)
    if (match !== null) return `${name}=${match[1]}`
  }
  return null
}

export interface TokenPair {
  readonly access: string
  readonly refresh: string
}

/** Logs in on POST /api/v1/auth_jwt/login (form) and returns the body's two tokens; throws on failure. */
export async function tokenLogin(server: Target, credentials: { email: string, password: string }): Promise<TokenPair> {
  return tokensOf(await call(server.url, 'POST', '/api/v1/auth_jwt/login', { form: credentials }))
}

/** Trades a refresh token on POST /api/v1/auth_jwt/refresh (JSON body) for the new pair; throws unless 200. */
export async function tokenRefresh(server: Target, refreshToken: string): Promise<TokenPair> {
  return tokensOf(await call(server.url, 'POST', '/api/v1/auth_jwt/refresh', { json: { refresh_token: refreshToken } }))
}

function tokensOf(reply: Reply): TokenPair {
  const body = reply.body as { access_token?: unknown, refresh_token?: unknown }
  if (reply.status !== 200 || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    throw new Error(`no tokens: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return { access: body.access_token, refresh: body.refresh_token }
}
