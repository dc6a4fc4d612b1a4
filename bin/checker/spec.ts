// The paths and JSON bodies the exercise fixes (docs/api.md), shared by the checks.
import { anyTimestamp, anyUuid, Matcher } from './expect.js'

export const ME = '/api/v1/users/me'
export const LOGIN = '/api/v1/auth_session/login'
export const LOGOUT = '/api/v1/auth_session/logout'
export const TOKEN_LOGIN = '/api/v1/auth_jwt/login'
export const TOKEN_REFRESH = '/api/v1/auth_jwt/refresh'
export const TOKEN_LOGOUT = '/api/v1/auth_jwt/logout'
export const END_ALL_SESSIONS = '/api/v1/users/me/sessions'

export const UNAUTHORIZED = { error: 'Unauthorized' } as const
export const FORBIDDEN = { error: 'Forbidden' } as const
export const NOT_FOUND = { error: 'Not found' } as const
export const WRONG_FORMAT = { error: 'Wrong format' } as const
export const EMAIL_MISSING = { error: 'email missing' } as const
export const PASSWORD_MISSING = { error: 'password missing' } as const

/** A first or last name the checker did not set: a string or null. */
export const anyName = new Matcher('<string or null>', (value) => value === null || typeof value === 'string')

/** A user id no server has handed out (a valid uuid4 shape, so only "unknown" can explain a 404). */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/** The public JSON of a user (docs/api.md, Conventions): exactly these six keys. */
export function userJson(email: string, firstName: unknown = null, lastName: unknown = null): Record<string, unknown> {
  return { id: anyUuid, email, first_name: firstName, last_name: lastName, created_at: anyTimestamp, updated_at: anyTimestamp }
}
