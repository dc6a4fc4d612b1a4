// The fields a new user arrives with, unchecked (POST /users, the user:create CLI), and why they
// may not make a user: the reason becomes "Can't create User: <reason>".
import { MAX_PASSWORD_BYTES, passwordTooLong } from './password.js'

/** The fields a new user is made of, as they arrive (unchecked). */
export interface NewUser {
  readonly email: unknown
  readonly password: unknown
  readonly firstName?: unknown
  readonly lastName?: unknown
}

/** Thrown when a user cannot be created; the message is the reason a client may read. */
export class UserCreationError extends Error {
  readonly code = 'ERR_USER_CREATION'
  override name = 'UserCreationError'
}

// RFC 5321 §4.5.3.1.3 caps a path at 254 octets; control characters would forge log lines.
const MAX_EMAIL_BYTES = 254
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/** True for a value a nullable string field may take: a string, null or absent. */
export function isOptionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string'
}

/**
 * True for a name a user may have: a string, null or absent, without U+0000, which PostgreSQL
 * text cannot hold (refused on every backend, so they all answer alike).
 */
export function isStorableName(value: unknown): value is string | null | undefined {
  return isOptionalString(value) && !(typeof value === 'string' && value.includes('\u0000'))
}

/** Why these fields cannot make a user, or null when they can. */
export function creationProblem(fields: NewUser): string | null {
  const { email, password } = fields
  if (typeof email !== 'string' || email === '') return 'email must be a non-empty string'
  if (typeof password !== 'string' || password === '') return 'password must be a non-empty string'
  if (!isOptionalString(fields.firstName)) return 'first_name must be a string'
  if (!isOptionalString(fields.lastName)) return 'last_name must be a string'
  if (!isStorableName(fields.firstName) || !isStorableName(fields.lastName)) return 'invalid name'
  if (Buffer.byteLength(email, 'utf8') > MAX_EMAIL_BYTES || CONTROL_CHARACTER.test(email)) return 'invalid email'
  if (passwordTooLong(password)) return `password longer than ${MAX_PASSWORD_BYTES} bytes`
  return null
}
