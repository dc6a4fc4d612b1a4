// What the token-mode tests share: the environment of a jwt_auth app, a login through the API,
// and tokens built by hand (HMAC over header and payload) to forge what a client could send.
import { createHash, createHmac, hkdfSync } from 'node:crypto'
import { TEST_JWT_SECRET, type TestApp } from './app.js'

export const JWT_SECRET = TEST_JWT_SECRET
export const OTHER_SECRET = 'another-secret-also-32-bytes-ok!'
export const JWT_ENV = { AUTH_TYPE: 'jwt_auth', JWT_SECRET } as const

export const JWT_LOGIN = '/api/v1/auth_jwt/login'
export const JWT_REFRESH = '/api/v1/auth_jwt/refresh'
export const JWT_LOGOUT = '/api/v1/auth_jwt/logout'
export const ME = '/api/v1/users/me'

export interface Tokens {
  readonly access: string
  readonly refresh: string
}

/** Logs in through POST /auth_jwt/login (form) and returns the two tokens of its body. */
export async function tokenLogin(test: TestApp, email: string, password: string): Promise<Tokens> {
  const res = await test.http.post(JWT_LOGIN).type('form').send({ email, password })
  if (res.status !== 200) throw new Error(`token login failed: ${res.status} ${res.text}`)
  return { access: res.body.access_token as string, refresh: res.body.refresh_token as string }
}

/** The key the docs say a purpose's tokens are signed with: HKDF-SHA256(secret, salt '', info label, 32). */
export function derivedKey(secret: string, purpose: 'access' | 'refresh'): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `koa-session-auth ${purpose}`, 32))
}

/** The kid the docs say names a key: the first 16 hex digits of its SHA-256. */
export function kidOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}

export function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url')
}

/** A compact JWS of these JSON values (or raw segment text), HMAC-SHA-`bits` with `key`. */
export function forge(header: unknown, payload: unknown, key: Buffer, bits: 256 | 384 | 512 = 256): string {
  const input = `${segment(header)}.${segment(payload)}`
  return `${input}.${createHmac(`sha${bits}`, key).update(input).digest('base64url')}`
}

function segment(value: unknown): string {
  return typeof value === 'string' ? value : b64url(JSON.stringify(value))
}

/** The decoded JSON header and payload of a compact token. */
export function decode(token: string): { header: Record<string, unknown>, payload: Record<string, unknown> } {
  const [header = '', payload = ''] = token.split('.')
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')), payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) }
}
