// SIGTERM under load: the real server (sessions in the database) answers every
// request already sent on an open connection, closes the database cleanly and exits 0.
import { expect } from 'chai'
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, cookieFrom } from '../support/http_client.js'
import { seedUser } from '../support/seed_user.js'
import { spawnServer } from '../support/server_process.js'

const ADMIN = { email: 'admin@hbtn.io', password: 'admin pwd' }
const EACH = 10

interface Sent {
  /** Resolves once the whole request has been handed to the operating system. */
  readonly flushed: Promise<void>
  /** The response's status, or the socket error's code. */
  readonly reply: Promise<number | string>
}

/** Sends one request through `agent`. */
function send(agent: Agent, url: string, method: string, headers: Record<string, string> = {}, body = ''): Sent {
  let flushed: () => void = () => {}
  const sent = new Promise<void>((resolve) => { flushed = resolve })
  const reply = new Promise<number | string>((resolve) => {
    const req = request(url, { method, agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('finish', flushed)
    req.on('error', (error: NodeJS.ErrnoException) => { flushed(); resolve(error.code ?? 'error') })
    req.end(body)
  })
  return { flushed: sent, reply }
}

describe('SIGTERM under load', function () {
  let dir: string
  beforeEach(function () { dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-sigterm-')) })
  afterEach(function () { rmSync(dir, { recursive: true, force: true }) })

  it('answers every request sent before it, closes the database cleanly and exits 0', async function () {
    this.timeout(60_000)
    const dbPath = join(dir, 'db.sqlite3')
    await seedUser(dbPath, ADMIN.email, ADMIN.password, 10)
    // Cost 10: each request holds the server for a real bcrypt, so requests are still in flight.
    const server = await spawnServer({ AUTH_TYPE: 'session_db_auth', DB_PATH: dbPath, BCRYPT_ROUNDS: '10', LOGIN_MAX_ATTEMPTS_PER_IP: '0' })
    const admin = cookieFrom(await call(server.url, 'POST', '/api/v1/auth_session/login', { form: ADMIN })) ?? ''
    // Open connections first (the server has accepted each), then send the slow requests on them.
    const agent = new Agent({ keepAlive: true, maxSockets: 2 * EACH })
    await Promise.all(Array.from({ length: 2 * EACH }, () => send(agent, `${server.url}/api/v1/status`, 'GET').reply))
    let answered = 0
    const counted = ({ flushed, reply }: Sent): Sent => ({ flushed, reply: reply.finally(() => { answered += 1 }) })
    const json = { 'content-type': 'application/json', cookie: admin }
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const creations = Array.from({ length: EACH }, (_, i) =>
      counted(send(agent, `${server.url}/api/v1/users`, 'POST', json, JSON.stringify({ email: `late${i}@hbtn.io`, password: 'pwd' }))))
    const logins = Array.from({ length: EACH }, () =>
      counted(send(agent, `${server.url}/api/v1/auth_session/login`, 'POST', form, new URLSearchParams(ADMIN).toString())))
    // The signal follows the last byte at once: some requests are sent but not read by the server yet.
    await Promise.all([...creations, ...logins].map((sent) => sent.flushed))
    const exitCode = server.stop('SIGTERM')
    const unansweredAtSignal = 2 * EACH - answered

    expect(await Promise.all(creations.map((sent) => sent.reply))).to.deep.equal(Array<number>(EACH).fill(201))
    expect(await Promise.all(logins.map((sent) => sent.reply))).to.deep.equal(Array<number>(EACH).fill(200))
    expect(unansweredAtSignal, 'requests still in flight at SIGTERM').to.be.greaterThan(EACH)
    expect(await exitCode).to.equal(0)
    agent.destroy()
    expect(server.output()).to.include('SIGTERM received')
    expect(existsSync(`${dbPath}-wal`), 'WAL left behind').to.equal(false)
    const db = new Database(dbPath, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).to.equal('ok')
      expect(db.prepare("SELECT COUNT(*) FROM users WHERE email LIKE 'late%'").pluck().get()).to.equal(EACH)
      expect(db.prepare('SELECT COUNT(*) FROM user_sessions').pluck().get(), 'admin + the late logins').to.equal(EACH + 1)
    } finally {
      db.close()
    }
  })
})
