// The real server process (api/v1/server.ts): it logs its address and AUTH_TYPE, answers HTTP on
// 127.0.0.1 at a free port, stops with exit code 0 on SIGTERM and SIGINT, and refuses a bad AUTH_TYPE.
import { expect } from 'chai'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// tsx by URL, so the server can run with a working directory outside the repository.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+) \(AUTH_TYPE=([^,)]+)/
const STARTUP_LIMIT_MS = 15_000

interface Server {
  readonly child: ChildProcess
  readonly port: number
  readonly authType: string
  output(): string
}

interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

describe('the server process', function () {
  this.timeout(30_000)
  let dir: string
  const started: ChildProcess[] = []

  before(function () { dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-e2e-')) })
  after(function () {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  // cwd is a parameter so a test can run the server in a directory of its own (.env, default DB_PATH).
  function run(env: Record<string, string | undefined>, cwd = ROOT): ChildProcess {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'api/v1/server.ts')], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '', NODE_ENV: 'test', BCRYPT_ROUNDS: '4',
        API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: join(dir, 'server.sqlite3'), ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    started.push(child)
    closes.set(child, new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal }))))
    return child
  }

  // 'close' comes after the process exited AND its output streams ended, so no output is lost.
  const closes = new WeakMap<ChildProcess, Promise<Exit>>()
  function exited(child: ChildProcess): Promise<Exit> {
    return closes.get(child) ?? Promise.reject(new Error('not started by run()'))
  }

  function start(env: Record<string, string | undefined>, cwd = ROOT): Promise<Server> {
    const child = run(env, cwd)
    let output = ''
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line within ${STARTUP_LIMIT_MS} ms:\n${output}`)), STARTUP_LIMIT_MS)
      const collect = (chunk: Buffer): void => {
        output += chunk.toString('utf8')
        const match = LISTENING.exec(output)
        if (match === null) return
        clearTimeout(timer)
        resolve({ child, port: Number(match[1]), authType: match[2] ?? '', output: () => output })
      }
      child.stdout?.on('data', collect)
      child.stderr?.on('data', collect)
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code} before listening:\n${output}`)) })
    })
  }

  it('logs its address on 127.0.0.1 with the real port and the AUTH_TYPE in force, then answers GET /api/v1/status', async function () {
    const server = await start({ AUTH_TYPE: 'session_auth' })
    expect(server.port).to.be.greaterThan(0)
    expect(server.authType).to.equal('session_auth')
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/status`)
    expect(res.status).to.equal(200)
    expect(res.headers.get('access-control-allow-origin')).to.equal('*')
    expect(await res.json()).to.deep.equal({ status: 'OK' })
    const users = await fetch(`http://127.0.0.1:${server.port}/api/v1/users`)
    expect(users.status).to.equal(401)
    expect(await users.json()).to.deep.equal({ error: 'Unauthorized' })
    server.child.kill('SIGTERM')
    await exited(server.child)
  })

  it('says when no AUTH_TYPE is set', async function () {
    const server = await start({})
    expect(server.authType).to.equal('unset: no auth')
    server.child.kill('SIGTERM')
    await exited(server.child)
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops with exit code 0 on ${signal}, logging it, and then refuses connections`, async function () {
      const server = await start({ AUTH_TYPE: 'basic_auth' })
      expect(server.authType).to.equal('basic_auth')
      server.child.kill(signal)
      expect(await exited(server.child)).to.deep.equal({ code: 0, signal: null })
      expect(server.output()).to.include(`${signal} received`)
      const refused = await fetch(`http://127.0.0.1:${server.port}/api/v1/status`).then(() => false, () => true)
      expect(refused).to.equal(true)
    })
  }

  it('keeps users in DB_PATH across restarts, while session_auth sessions live in memory only', async function () {
    const env = { DB_PATH: join(dir, 'restart.sqlite3') }
    const open = await start(env)
    const created = await fetch(`http://127.0.0.1:${open.port}/api/v1/users`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bob@hbtn.io', password: 'H0lbertonSchool98!' }),
    })
    expect(created.status).to.equal(201)
    open.child.kill('SIGTERM')
    await exited(open.child)
    expect(existsSync(env.DB_PATH)).to.equal(true)

    const first = await start({ ...env, AUTH_TYPE: 'session_auth' })
    const login = await fetch(`http://127.0.0.1:${first.port}/api/v1/auth_session/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'email=bob%40hbtn.io&password=H0lbertonSchool98!',
    })
    expect(login.status).to.equal(200)
    const sessionCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const me = await fetch(`http://127.0.0.1:${first.port}/api/v1/users/me`, { headers: { Cookie: sessionCookie } })
    expect(me.status).to.equal(200)
    first.child.kill('SIGTERM')
    await exited(first.child)

    const second = await start({ ...env, AUTH_TYPE: 'session_auth' })
    const after = await fetch(`http://127.0.0.1:${second.port}/api/v1/users/me`, { headers: { Cookie: sessionCookie } })
    expect(after.status).to.equal(403)
    expect(await after.json()).to.deep.equal({ error: 'Forbidden' })
    second.child.kill('SIGTERM')
    await exited(second.child)
  })

  it('reads a .env file in its working directory, and defaults DB_PATH to .db.sqlite3 there', async function () {
    const home = mkdtempSync(join(dir, 'home-'))
    writeFileSync(join(home, '.env'), 'AUTH_TYPE=basic_auth\n')
    const server = await start({ DB_PATH: undefined }, home)
    expect(server.authType).to.equal('basic_auth')
    expect(server.output()).to.include('DB_PATH=.db.sqlite3')
    expect(existsSync(join(home, '.db.sqlite3'))).to.equal(true)
    server.child.kill('SIGTERM')
    expect(await exited(server.child)).to.deep.equal({ code: 0, signal: null })
  })

  it('exits with a non-zero code and a message listing the valid values for an unknown AUTH_TYPE', async function () {
    const child = run({ AUTH_TYPE: 'basic' })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8') })
    const exit = await exited(child)
    expect(exit.code).to.equal(1)
    expect(stderr).to.include('AUTH_TYPE must be one of auth, basic_auth, session_auth')
    expect(stderr).to.include('"basic"')
  })
})
