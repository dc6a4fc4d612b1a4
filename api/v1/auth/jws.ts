// Compact JWS verification, HS256 only, for every token the token modes read: a strict shape
// check before any cryptography, then jose with the algorithm pinned and the key chosen by kid.
import { compactVerify, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions, type ProtectedHeaderParameters } from 'jose'
import type { KeyObject } from 'node:crypto'
import type { KeyRing } from './jwt_keys.js'

/** Longest token read at all; longer ones are refused unread. */
export const MAX_TOKEN_LENGTH = 4096

/** The only algorithm accepted, whatever a token's header says (never `none`). */
export const ALGORITHMS: readonly string[] = Object.freeze(['HS256'])

// Three non-empty base64url segments: no padding, whitespace or other characters.
const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
// The header members this server writes or reads; key material (jwk, jku, x5u...) is refused.
const HEADER_MEMBERS: ReadonlySet<string> = new Set(['alg', 'typ', 'kid'])

/**
 * True for a token in the strict compact form this server issues: at most MAX_TOKEN_LENGTH
 * characters, three canonical base64url segments, and a header that is a JSON object of alg, typ
 * and kid only, each named once (RFC 7515 §4: duplicate names are refused).
 */
export function isStrictCompactJws(token: string): boolean {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT.test(token)) return false
  const segments = token.split('.')
  if (!segments.every(isCanonicalBase64url)) return false
  return isStrictHeader(Buffer.from(segments[0] ?? '', 'base64url').toString('utf8'))
}

/** The verified payload bytes and header of an HS256 compact JWS signed by a key of the ring, or null. */
export async function verifyCompactHs256(token: string, ring: KeyRing): Promise<{ payload: Uint8Array, header: ProtectedHeaderParameters } | null> {
  if (!isStrictCompactJws(token)) return null
  try {
    const { payload, protectedHeader } = await compactVerify(token, keyGetter(ring), { algorithms: [...ALGORITHMS] })
    return { payload, header: protectedHeader }
  } catch (error) {
    return refusal(error)
  }
}

/** The claims of a JWT that passes the same checks plus jose's claim checks in `options`, or null. */
export async function verifyHs256Jwt(token: string, ring: KeyRing, options: Omit<JWTVerifyOptions, 'algorithms'>): Promise<JWTPayload | null> {
  if (!isStrictCompactJws(token)) return null
  try {
    return (await jwtVerify(token, keyGetter(ring), { ...options, algorithms: [...ALGORITHMS] })).payload
  } catch (error) {
    return refusal(error)
  }
}

// jose asks for the key with the header in hand: only a kid on the allow-list yields one.
function keyGetter(ring: KeyRing): (header: ProtectedHeaderParameters) => KeyObject {
  return (header) => ring.keyFor(header.kid) ?? fail(new errors.JWKSNoMatchingKey())
}

// Every jose error is a refused token (null); anything else is a bug and propagates.
function refusal(error: unknown): null {
  if (error instanceof errors.JOSEError) return null
  throw error
}

function fail(error: Error): never {
  throw error
}

// A segment whose bits after the last character are not zero decodes like another: refused.
function isCanonicalBase64url(segment: string): boolean {
  return Buffer.from(segment, 'base64url').toString('base64url') === segment
}

function isStrictHeader(text: string): boolean {
  // An escape could spell a member name twice in a way the count below does not see.
  if (text.includes('\\')) return false
  let header: unknown
  try {
    header = JSON.parse(text)
  } catch {
    return false
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return false
  const names = Object.keys(header)
  return names.every((name) => HEADER_MEMBERS.has(name) && text.split(`"${name}"`).length === 2)
}
