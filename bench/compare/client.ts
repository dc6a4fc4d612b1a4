// The client side of the compare scenario: how each flow logs in (or, in basic_auth, simply holds
// a Basic header), sends its credential, logs out and ends every session, over plain fetch. Every
// function answers the HTTP status it got, so the scenario records what the server did.
import type { Flow } from './modes.js'

const SESSION_NAME = '_my_session_id'
const API = '/api/v1'

/** One request header that proves who the client is, copied as an attacker would copy it. */
export interface Credential {
  readonly name: 'authorization' | 'cookie'
  readonly value: string
}

export interface Account {
  readonly email: string
  readonly password: string
}

/** Bytes of the header line the credential adds to every request (`name: value`, CRLF excluded). */
export function credentialBytes(credential: Credential): number {
  return Buffer.byteLength(`${credential.name}: ${credential.value}`)
}

export function headersOf(credential: Credential): Record<string, string> {
  return { [credential.name]: credential.value }
}

/** Logs in with the login route of the flow and returns the credential it set; throws on failure. */
export async function logIn(url: string, flow: Flow, account: Account): Promise<Credential> {
  if (flow === 'basic') return { name: 'authorization', value: `Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}` }
  const path = flow === 'session' ? '/auth_session/login' : '/auth_jwt/login'
  const response = await fetch(`${url}${API}${path}`, { method: 'POST', body: new URLSearchParams({ ...account }) })
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').find((pair) => pair.startsWith(`${SESSION_NAME}=`))
  await response.arrayBuffer()
  if (response.status !== 200 || cookie === undefined) throw new Error(`${path} answered ${response.status}${cookie === undefined ? ' without a cookie' : ''}`)
  return { name: 'cookie', value: cookie }
}

/** The status of GET /api/v1/users/me with the credential (200: logged in). */
export async function me(url: string, credential: Credential): Promise<number> {
  return send(url, 'GET', '/users/me', credential)
}

/** The status of the flow's logout, or null in a flow without one (basic_auth). */
export async function logOut(url: string, flow: Flow, credential: Credential): Promise<number | null> {
  if (flow === 'basic') return null
  return send(url, 'DELETE', flow === 'session' ? '/auth_session/logout' : '/auth_jwt/logout', credential)
}

/** The status of DELETE /api/v1/users/me/sessions (every session of the user ends). */
export async function endEverySession(url: string, credential: Credential): Promise<number> {
  return send(url, 'DELETE', '/users/me/sessions', credential)
}

/** The status of DELETE /api/v1/users/<id>. */
export async function deleteUser(url: string, credential: Credential, id: string): Promise<number> {
  return send(url, 'DELETE', `/users/${id}`, credential)
}

/** Seconds until the `exp` of the access token in the credential, or null when it holds none. */
export function secondsToExpiry(credential: Credential, nowMs = Date.now()): number | null {
  const payload = credential.value.split('=')[1]?.split('.')[1]
  if (credential.name !== 'cookie' || payload === undefined) return null
  const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  if (typeof claims !== 'object' || claims === null || !('exp' in claims) || typeof claims.exp !== 'number') return null
  return claims.exp - nowMs / 1000
}

async function send(url: string, method: string, path: string, credential: Credential): Promise<number> {
  const response = await fetch(`${url}${API}${path}`, { method, headers: headersOf(credential) })
  await response.arrayBuffer()
  return response.status
}
