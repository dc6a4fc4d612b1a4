// The invariants of docs/security.md, checked over every request a test makes: an observer
// middleware records each exchange, a sink captures the logs, checkInvariants asserts them all.
import { expect } from 'chai'
import type { Context, Next } from 'koa'
import { isSessionId } from '../../api/v1/auth/session_auth.js'
import { buildApp, type TestApp } from './app.js'

/** Every error message the API may answer; anything else would be an echo or a leak. */
export const KNOWN_ERRORS: readonly string[] = [
  'Unauthorized', 'Forbidden', 'Not found', 'Method not allowed', 'Payload too large', 'Wrong format',
  'Unsupported media type', 'email missing', 'password missing', 'no user found for this email',
  'wrong password', 'sessions are not enabled', 'Duplicate Authorization header', 'Too many header fields',
  'Too many requests',
  ...['email already exists', 'invalid email', 'password longer than 72 bytes', 'email must be a non-empty string',
    'password must be a non-empty string', 'first_name must be a string', 'last_name must be a string', 'invalid name']
    .map((reason) => `Can't create User: ${reason}`),
]

export interface Exchange {
  readonly method: string
  readonly path: string
  readonly authorization: string
  readonly cookie: string
  readonly status: number
  readonly contentType: string
  readonly setCookie: readonly string[]
  readonly body: unknown
}

export interface SecureTestApp extends TestApp {
  readonly exchanges: Exchange[]
  readonly logs: string[]
  /** Values that must never appear in a log line (passwords, session ids, credentials). */
  readonly secrets: Set<string>
  /** Asserts the universal invariants over what was recorded since the last call, then a status probe. */
  checkInvariants(): Promise<void>
}

/** buildApp with recording and log capture (LOG_LEVEL debug unless `env` says otherwise). */
export function secureApp(env: Record<string, string | undefined> = {}): SecureTestApp {
  const exchanges: Exchange[] = []
  const logs: string[] = []
  const secrets = new Set<string>()
  const checked = { exchanges: 0 }
  const base = buildApp(env, { logSink: (line) => logs.push(line), observe: record(exchanges, secrets) })
  return {
    ...base, exchanges, logs, secrets,
    async createUser(fields) {
      secrets.add(fields.password)
      return base.createUser(fields)
    },
    async checkInvariants() {
      for (const exchange of exchanges.slice(checked.exchanges)) checkExchange(exchange, base.config.sessionName)
      // Every line against every secret known now: a secret learnt later may be in an earlier line.
      checkLogs(logs, secrets)
      checked.exchanges = exchanges.length
      const probe = await base.http.get('/api/v1/status')
      expect(probe.status, 'the process still answers /status').to.equal(200)
    },
  }
}

function record(exchanges: Exchange[], secrets: Set<string>) {
  return async function observe(ctx: Context, next: Next): Promise<void> {
    try {
      await next()
    } finally {
      const authorization = ctx.get('Authorization')
      const cookie = ctx.get('Cookie')
      const setCookie = ctx.response.headers['set-cookie']
      const body: unknown = ctx.request.body
      const password = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).password : undefined
      if (typeof password === 'string') secrets.add(password)
      if (authorization.length >= 16) secrets.add(authorization)
      for (const value of cookie.split(/[;=]/)) if (isSessionId(value.trim())) secrets.add(value.trim())
      const setCookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [String(setCookie)]
      for (const header of setCookies) secrets.add(/^[^=]*=([^;]*)/.exec(header)?.[1] ?? '')
      exchanges.push({
        method: ctx.method, path: ctx.path, authorization, cookie, status: ctx.status,
        contentType: ctx.response.get('Content-Type'), setCookie: setCookies, body: ctx.body,
      })
    }
  }
}

/** The universal invariants for one recorded exchange. */
export function checkExchange(exchange: Exchange, sessionName: string): void {
  const where = `${exchange.method} ${exchange.path} → ${exchange.status}`
  expect(exchange.status, `${where}: no 5xx for client input`).to.be.below(500)
  const issuesSession = exchange.setCookie.some((header) => header.startsWith(`${sessionName}=`) && !header.startsWith(`${sessionName}=;`))
  if (issuesSession) {
    const isLogin = /^\/api\/v1\/auth_session\/login\/?$/.test(exchange.path) && exchange.method === 'POST'
    expect(isLogin && exchange.status === 200, `${where}: a session cookie only after a successful login`).to.equal(true)
  }
  if (exchange.status < 400) return
  expect(exchange.contentType, `${where}: JSON error`).to.equal('application/json; charset=utf-8')
  expect(exchange.body, `${where}: {"error": message}`).to.be.an('object').with.all.keys('error')
  expect(KNOWN_ERRORS, `${where}: a known message, no echo, no stack`).to.include((exchange.body as { error: unknown }).error)
}

/** Every log line is one JSON object and contains none of the secrets. */
export function checkLogs(logs: readonly string[], secrets: ReadonlySet<string>): void {
  const usable = [...secrets].filter((secret) => secret.length >= 6)
  for (const line of logs) {
    expect(line, 'one line per entry').not.to.match(/[\r\n]/)
    expect(() => JSON.parse(line) as unknown, 'a JSON log line').not.to.throw()
    for (const secret of usable) expect(line.includes(secret), `log line leaks a secret: ${line}`).to.equal(false)
  }
}
