// What a check can do: send requests as the user of the run (credentials of its mode), log in,
// create throwaway users that the run deletes afterwards, wait, and restart the server.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { CREDENTIAL_BY_MODE, type Mode } from './check.js'
import { cookieValue } from './cookies.js'
import { CheckFailure, ensure, expectResponse, type Expected } from './expect.js'
import type { HttpClient, HttpRequest, HttpResponse } from './http_client.js'
import { LOGIN, TOKEN_LOGIN, userJson } from './spec.js'

/** A request of a check; `as: 'user'` adds the credentials of the --email user for the mode. */
export interface Exchange extends HttpRequest {
  readonly as?: 'user'
}

export interface NewUserFields {
  readonly password: string
  readonly first_name?: string
  readonly last_name?: string
}

export interface CheckOptions {
  readonly authType: Mode
  readonly email: string
  readonly password: string
  readonly sessionName: string
  /** The server's SESSION_DURATION in seconds; 0 when sessions do not expire. */
  readonly sessionDuration: number
  /** Restarts the server and resolves once it was told to; null when the run cannot restart it. */
  readonly restart: (() => Promise<void>) | null
}

export interface RunServices {
  readonly http: HttpClient
  /** Ids of users the checks created and have not deleted yet. */
  readonly createdUserIds: Set<string>
  /** Prints a line that is not a verdict (a wait, a restart). */
  readonly note: (line: string) => void
}

const RESTART_TIMEOUT_MS = 30_000

/** A fresh context per check: the user's session is logged in at most once per check. */
export class CheckContext {
  private userHeadersOnce: Promise<Record<string, string>> | null = null

  constructor(readonly options: CheckOptions, private readonly services: RunServices) {}

  get mode(): Mode {
    return this.options.authType
  }

  /** Sends the request, with the user's credentials when `as: 'user'`. */
  async send(request: Exchange): Promise<HttpResponse> {
    const credentials = request.as === 'user' ? await this.userHeaders() : {}
    return this.services.http.send({ ...request, headers: { ...credentials, ...request.headers } })
  }

  /** Sends the request and fails the check unless the answer is the expected one. */
  async expect(request: Exchange, expected: Expected): Promise<HttpResponse> {
    return expectResponse(await this.send(request), expected)
  }

  /** The headers that authenticate the --email user in this mode (a login in session modes). */
  userHeaders(): Promise<Record<string, string>> {
    this.userHeadersOnce ??= this.credentialsFor(this.options.email, this.options.password)
    return this.userHeadersOnce
  }

  private async credentialsFor(email: string, password: string): Promise<Record<string, string>> {
    const kind = CREDENTIAL_BY_MODE[this.mode]
    if (kind === null) throw new CheckFailure(`no credentials can authenticate in AUTH_TYPE=${this.mode}`)
    if (kind === 'open') return {}
    if (kind === 'basic') return basicHeader(email, password)
    if (kind === 'bearer') return bearer((await this.tokenLogin(email, password)).accessToken)
    return this.cookie((await this.login(email, password)).sessionId)
  }

  /** Logs in through the token login; fails the check unless it answers 200 with both tokens. */
  async tokenLogin(email = this.options.email, password = this.options.password): Promise<TokenPair> {
    const response = await this.send({ method: 'POST', path: TOKEN_LOGIN, form: { email, password } })
    const { access_token: accessToken, refresh_token: refreshToken } = (response.json ?? {}) as Record<string, unknown>
    ensure(response.status === 200 && typeof accessToken === 'string' && typeof refreshToken === 'string', response.status === 429
      ? `cannot log in as ${email}: the server's login rate limit refused it (429)`
      : `cannot log in as ${email}: expected 200 with an access_token and a refresh_token (does the user exist?)`, response)
    return { accessToken, refreshToken, response }
  }

  /** Logs in through the form; fails the check unless it answers 200 with a session cookie. */
  async login(email = this.options.email, password = this.options.password): Promise<{ sessionId: string, response: HttpResponse }> {
    const response = await this.send({ method: 'POST', path: LOGIN, form: { email, password } })
    const sessionId = cookieValue(response.setCookies, this.options.sessionName)
    ensure(response.status === 200 && sessionId !== null, response.status === 429
      ? `cannot log in as ${email}: the server's login rate limit refused it (429)`
      : `cannot log in as ${email}: expected 200 with a ${this.options.sessionName} cookie (does the user exist? is --session-name right?)`, response)
    return { sessionId, response }
  }

  /** The header that sends a session id under the run's cookie name. */
  cookie(sessionId: string, name = this.options.sessionName): Record<string, string> {
    return { Cookie: `${name}=${sessionId}` }
  }

  /** Creates a throwaway user through POST /api/v1/users as the user; the run deletes it at the end. */
  async createUser(fields: NewUserFields): Promise<{ id: string, email: string, json: unknown }> {
    const email = throwawayEmail()
    const expected = { status: 201, body: userJson(email, fields.first_name ?? null, fields.last_name ?? null) }
    const response = await this.expect({ method: 'POST', path: '/api/v1/users', as: 'user', json: { email, ...fields } }, expected)
    const id = String((response.json as { id: string }).id)
    this.services.createdUserIds.add(id)
    return { id, email, json: response.json }
  }

  /** Deletes a user as the user of the run, expecting 200 {}. */
  async deleteUser(id: string): Promise<void> {
    await this.expect({ method: 'DELETE', path: `/api/v1/users/${id}`, as: 'user' }, { status: 200, body: {} })
    this.services.createdUserIds.delete(id)
  }

  /** Waits, saying why: the only checks that sleep are the expiry ones, for as long as needed. */
  async wait(seconds: number, why: string): Promise<void> {
    this.services.note(`waiting ${seconds} s ${why}`)
    await sleep(seconds * 1000)
  }

  /** Restarts the server, then waits (bounded) until GET /api/v1/status answers 200 again. */
  async restartServer(): Promise<void> {
    ensure(this.options.restart !== null, 'this check needs a way to restart the server (--restart-cmd)')
    this.services.note('restarting the server')
    await this.options.restart()
    const deadline = Date.now() + RESTART_TIMEOUT_MS
    for (;;) {
      const status = await this.services.http.send({ method: 'GET', path: '/api/v1/status' }).then((r) => r.status, () => null)
      if (status === 200) return
      if (Date.now() > deadline) throw new CheckFailure(`the server did not answer GET /api/v1/status with 200 within ${RESTART_TIMEOUT_MS / 1000} s of the restart`)
      await sleep(200)
    }
  }
}

/** The tokens of a token login or refresh, and the answer that carried them. */
export interface TokenPair {
  readonly accessToken: string
  readonly refreshToken: string
  readonly response: HttpResponse
}

/** The Authorization header of an RFC 6750 Bearer token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` }
}

/** The Authorization header of RFC 7617 Basic credentials. */
export function basicHeader(email: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}` }
}

/** An email no real user has (example.com is reserved, RFC 2606). */
export function throwawayEmail(): string {
  return `checker-${randomUUID().slice(0, 8)}@example.com`
}
