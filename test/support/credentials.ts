// The exercise's reference users and the request pieces that carry their credentials.
import type { AuthRequest } from '../../api/v1/auth/auth.js'

export const BOB100 = { email: 'bob100@hbtn.io', password: 'H0lberton:School:98!' } as const
export const BOB_SESSION = { email: 'bobsession@hbtn.io', password: 'fake pwd' } as const

/** The `Authorization` value for these credentials: `Basic base64(email:password)`. */
export function basic(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`
}

/** A request as the auth classes read it, with these headers (any case) and cookies. */
export function authRequest(headers: Record<string, string> = {}, cookies: Record<string, string> = {}): AuthRequest {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  return {
    get: (field) => lower.get(field.toLowerCase()) ?? '',
    cookies: { get: (name) => (Object.hasOwn(cookies, name) ? cookies[name] : undefined) },
  }
}
