// A secureApp holding Bob behind a real listening server, with the header line that authenticates
// Bob in its mode, for security tests sent as raw bytes so that no client normalises them.
import { expect } from 'chai'
import { BOB, BOB_BASIC } from './app.js'
import type { SecureTestApp } from './invariants.js'
import { listen, rawRequest, type LiveServer, type RawResponse } from './live_server.js'
import { SESSION_MODES } from './modes.js'
import { useSecureApp } from './secure_app_hooks.js'

const C = '_my_session_id'
const UNAUTHORIZED = { error: 'Unauthorized' }

export interface RawExchanges {
  /** Writes these exact bytes to the server (then ends the socket if asked) and reads its answer. */
  raw(text: string | Buffer, endAfterWrite?: boolean): Promise<RawResponse>
  /** Sends `method path HTTP/1.1` with one extra header line (or none) and Connection: close. */
  send(method: string, path: string, header?: string | null): Promise<RawResponse>
  /** Asserts the status, and the whole JSON body unless `body` is null. */
  expectAnswer(method: string, path: string, header: string | null, status: number, body: object | null): Promise<void>
  /** 401 without credentials and, with Bob's, the given status and body (null: Bob's JSON). */
  expectGuarded(path: string, withCredentials: [number, object | null]): Promise<void>
}

/**
 * Mocha hooks in the calling describe (once for its tests): `use` receives the app and Bob's
 * credential header line (null in `auth`, where nothing authenticates, and without `logIn`, which
 * leaves the session store empty); the server closes first.
 */
export function useListeningSecureApp(mode: string, use: (t: SecureTestApp, credential: string | null) => void, logIn = true): RawExchanges {
  let server: LiveServer | undefined
  let credential: string | null = null
  // Registered before useSecureApp's hooks, so it runs first.
  after(async function () { await server?.close() })
  useSecureApp({ AUTH_TYPE: mode }, 'all', async (t) => {
    server = await listen(t.app)
    if (logIn) credential = await credentialLine(t, mode)
    use(t, credential)
  })
  function raw(text: string | Buffer, endAfterWrite = false): Promise<RawResponse> {
    return rawRequest(server?.port ?? 0, text, endAfterWrite)
  }
  function send(method: string, path: string, header: string | null = null): Promise<RawResponse> {
    const extra = header === null ? '' : `${header}\r\n`
    return raw(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`)
  }
  async function expectAnswer(method: string, path: string, header: string | null, status: number, body: object | null): Promise<void> {
    const res = await send(method, path, header)
    expect(res.status, `${method} ${path}`).to.equal(status)
    if (body !== null) expect(JSON.parse(res.body), `${method} ${path}`).to.deep.equal(body)
  }
  async function expectGuarded(path: string, withCredentials: [number, object | null]): Promise<void> {
    await expectAnswer('GET', path, null, 401, UNAUTHORIZED)
    if (credential === null) return
    await expectAnswer('GET', path, credential, ...withCredentials)
    if (withCredentials[1] === null) expect(JSON.parse((await send('GET', path, credential)).body).email).to.equal(BOB.email)
  }
  return { raw, send, expectAnswer, expectGuarded }
}

async function credentialLine(t: SecureTestApp, mode: string): Promise<string | null> {
  if (mode === 'basic_auth') return `Authorization: ${BOB_BASIC}`
  return SESSION_MODES.includes(mode) ? `Cookie: ${C}=${await t.login(BOB.email, BOB.password)}` : null
}
