// Property-based fuzzing. Random methods, paths, headers, cookies and bodies are
// sent as raw bytes to a real server in every mode; after each request the universal invariants
// must hold, and nothing but Bob's own credentials may authenticate as Bob.
// CI runs a fixed seed and few runs; a larger run: `FUZZ_RUNS=5000 FUZZ_SEED=7 npm run fuzz`.
import { expect } from 'chai'
import fc from 'fast-check'
import { EXCLUDED_PATHS } from '../../api/v1/app.js'
import { Auth } from '../../api/v1/auth/auth.js'
import { BOB, BOB_BASIC } from '../support/app.js'
import { checkExchange, secureApp, type SecureTestApp } from '../support/invariants.js'
import { listen, rawRequest, type LiveServer } from '../support/live_server.js'
import { ALL_MODES, SESSION_MODES } from '../support/modes.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 40)
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
const C = '_my_session_id'
// Stands for the valid session id of the run; replaced when the request is sent.
const VALID = '{{session}}'
// Any code point, not only printable ASCII (fast-check's default for strings).
function text(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: 'binary', maxLength })
}
const gate = new Auth({ sessionName: C })

const segment = fc.oneof(
  fc.constantFrom('api', 'v1', 'users', 'me', 'status', 'stats', 'auth_session', 'login', 'logout', 'forbidden', '..', '.', '', '%2e%2e', '%2f', 'ME'),
  text(12),
)
const path = fc.oneof(
  fc.constantFrom('/api/v1/users/me', '/api/v1/users', '/api/v1/status', '/api/v1/stats', '/api/v1/auth_session/login', '/api/v1/auth_session/logout', '/api/v1/users/me/'),
  fc.array(segment, { maxLength: 6 }).map((parts) => `/api/v1/${parts.join('/')}`),
  fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
).chain((base) => fc.option(fc.string({ maxLength: 20 }), { nil: undefined }).map((query) => (query === undefined ? base : `${base}?${query}`)))
const credentialsText = fc.oneof(fc.constant(`${BOB.email}:${BOB.password}`), fc.string(), fc.tuple(fc.emailAddress(), fc.string()).map(([email, pw]) => `${email}:${pw}`))
const authorization = fc.oneof(
  fc.constant(BOB_BASIC),
  credentialsText.map((text) => `Basic ${Buffer.from(text).toString('base64')}`),
  text(40).map((value) => `Basic ${value}`),
  text(40),
)
const cookieValue = fc.oneof(fc.constant(VALID), fc.uuid(), text(40))
const cookie = fc.oneof(
  cookieValue.map((value) => `${C}=${value}`),
  fc.array(cookieValue, { minLength: 2, maxLength: 3 }).map((values) => values.map((value) => `${C}=${value}`).join('; ')),
  text(60),
)
const body = fc.oneof(
  fc.constant(''),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.record({ email: fc.oneof(fc.constant(BOB.email), fc.string()), password: fc.oneof(fc.constant(BOB.password), fc.string()) }).map((fields) => JSON.stringify(fields)),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })).map((fields) => new URLSearchParams(fields).toString()),
  text(200),
)
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND'),
  path,
  authorization: fc.option(fc.array(authorization, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  cookie: fc.option(fc.array(cookie, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  origin: fc.option(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'), { nil: undefined }),
  fetchSite: fc.option(fc.constantFrom('cross-site', 'same-origin', 'same-site', 'none'), { nil: undefined }),
  contentType: fc.option(fc.oneof(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data', 'application/json; charset=utf-16'), fc.string({ maxLength: 30 })), { nil: undefined }),
  body,
})
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never

// Header values keep to visible ASCII and obs-text (0x80-0xFF, sent as Latin-1 bytes), and the
// request target to visible ASCII, so nothing can end the line or the head early.
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e\x80-\xff]/g, '')
}

function pathSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]/gu, (char) => [...Buffer.from(char)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''))
}

function serialise(input: FuzzRequest, session: string): Buffer {
  const payload = Buffer.from(input.body)
  const lines = [`${input.method} ${pathSafe(input.path)} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close']
  for (const value of input.authorization ?? []) lines.push(`Authorization: ${headerSafe(value)}`)
  for (const value of input.cookie ?? []) lines.push(`Cookie: ${headerSafe(value.replaceAll(VALID, session))}`)
  if (input.origin !== undefined) lines.push(`Origin: ${input.origin}`)
  if (input.fetchSite !== undefined) lines.push(`Sec-Fetch-Site: ${input.fetchSite}`)
  if (input.contentType !== undefined) lines.push(`Content-Type: ${headerSafe(input.contentType)}`)
  lines.push(`Content-Length: ${payload.length}`)
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload])
}

for (const mode of ALL_MODES) {
  describe(`fuzz: random requests keep every invariant (AUTH_TYPE=${mode ?? 'unset'})`, function () {
    let t: SecureTestApp
    let server: LiveServer

    before(async function () {
      t = secureApp({ AUTH_TYPE: mode })
      await t.createUser(BOB)
      server = await listen(t.app)
    })

    after(async function () {
      await server.close()
      t.close()
    })

    it(`answers ${RUNS} random requests (seed ${SEED}) without a 5xx, a leak or an authentication by anything but Bob's credentials`, async function () {
      this.timeout(0)
      await fc.assert(fc.asyncProperty(request, async (input) => {
        const session = SESSION_MODES.includes(mode ?? '') ? await t.login(BOB.email, BOB.password) : crypto.randomUUID()
        const seen = t.exchanges.length
        const res = await rawRequest(server.port, serialise(input, session))
        expect(res.status, 'no 5xx, even from Node').to.be.within(100, 499)
        for (const exchange of t.exchanges.slice(seen)) {
          checkExchange(exchange, C)
          const carriesBob = exchange.cookie.includes(session) || exchange.authorization === BOB_BASIC
          const open = mode === undefined || !gate.requireAuth(exchange.path, EXCLUDED_PATHS) || exchange.method === 'OPTIONS'
          if (!open && exchange.status < 300) expect(carriesBob, `${exchange.method} ${exchange.path} authenticated without Bob's credentials`).to.equal(true)
          if (mode === 'auth' && !open) expect(exchange.status).to.be.oneOf([400, 401, 403, 431])
        }
      }), { numRuns: RUNS, seed: SEED })
      await t.checkInvariants()
    })
  })
}
