// What `npm run bench` measures, started as the bench starts it: each server logs in where it
// must, answers the bench user's JSON (with the four headers and a log line where the real server
// has them), and a server that answers anything else is refused before it is measured.
import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBackingServices, type BackingServices } from '../../bench/backing_services.js'
import { createThroughServer } from '../../bench/bench_user.js'
import { EXPRESS_SESSION, FAIR_CEILING, KOA_SESSION, KOA_SESSION_REDIS, MODES } from '../../bench/modes.js'
import { copyUserToPostgres } from '../../bench/postgres_seed.js'
import { TSX_LOADER } from '../../bench/server_process.js'
import { startTarget, TARGETS, type BenchEnv, type Prepared, type Target } from '../../bench/targets.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function target(name: string): Target {
  const found = TARGETS.find((t) => t.name === name)
  if (found === undefined) throw new Error(`no bench target ${name}`)
  return found
}

describe('bench targets', function () {
  this.timeout(60_000)
  let dir: string
  let env: BenchEnv
  let services: BackingServices | null = null
  const running: Prepared[] = []

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-bench-targets-'))
    const seedPath = join(dir, 'seed.sqlite3')
    const serverArgs = ['--import', TSX_LOADER, join(ROOT, 'api/v1/server.ts')]
    env = { user: await createThroughServer(serverArgs, seedPath, dir, 10), seedPath, workDir: dir, serverArgs, prefix: [], bcryptRounds: 10, services: null }
  })
  afterEach(async function () {
    for (const p of running.splice(0)) await p.server.stop()
  })
  after(async function () {
    await services?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  // The run's Redis and PostgreSQL, as the bench starts them (unpinned here), on first use.
  async function withServices(): Promise<void> {
    if (env.services !== null) return
    services = await startBackingServices({ prefix: [], seed: (url) => copyUserToPostgres(env.seedPath, env.user.id, url) })
    env = { ...env, services }
  }

  async function start(name: string): Promise<Prepared> {
    const started = await startTarget(env, target(name))
    if (!('server' in started)) return expect.fail(started.unavailable)
    running.push(started)
    return started
  }

  it('logs in to koa-session and express-session and reads the user with their cookies', async function () {
    const koa = await start(KOA_SESSION)
    expect(koa.request.headers.cookie).to.match(/^koa\.sess=[^;]+; koa\.sess\.sig=/)
    const express = await start(EXPRESS_SESSION)
    expect(express.request.headers.cookie).to.match(/^connect\.sid=s%3A/)
    const response = await fetch(express.request.url)
    expect(response.status).to.equal(403)
  })

  it('reads the bare ceiling without credentials, and the real server with a Basic header or a login cookie', async function () {
    expect((await start('Koa + router, bare')).request.headers).to.deep.equal({})
    expect((await start('basic_auth')).request.headers.authorization).to.equal(env.user.basicHeader)
    expect((await start('session_db_auth')).request.headers.cookie).to.match(/^_my_session_id=/)
  })

  it('lists every mode with its credentials and the services it needs, and koa-session with a Redis store among the peers', function () {
    expect(MODES.map((m) => [m.name, m.credentials, (m.services ?? []).join()])).to.deep.equal([
      ['unset (no auth)', 'none', ''], ['auth', 'basic', ''], ['basic_auth', 'basic', ''],
      ['session_auth', 'session', ''], ['session_exp_auth', 'session', ''], ['session_db_auth', 'session', ''],
      ['session_redis_auth', 'session', 'redis'], ['session_db_auth (PostgreSQL)', 'session', 'postgres'],
      ['jwt_auth', 'bearer', ''], ['jwt_redis_auth', 'bearer', 'redis'],
    ])
    expect(TARGETS.filter((t) => t.role === 'peer').map((t) => t.name)).to.deep.equal([KOA_SESSION, EXPRESS_SESSION, KOA_SESSION_REDIS])
  })

  it('refuses a mode that needs Redis when the bench started none', async function () {
    let caught: unknown = null
    await startTarget({ ...env, services: null }, target('session_redis_auth')).catch((error: unknown) => { caught = error })
    expect(String(caught)).to.include('needs redis, and the bench started none')
  })

  it('reads the Redis and PostgreSQL modes with a login cookie, the token modes with a Bearer access token, and the Redis peer with its cookies', async function () {
    this.timeout(120_000)
    await withServices()
    expect((await start('session_redis_auth')).request.headers.cookie).to.match(/^_my_session_id=/)
    expect((await start('session_db_auth (PostgreSQL)')).request.headers.cookie).to.match(/^_my_session_id=/)
    expect((await start('jwt_auth')).request.headers).to.have.all.keys('authorization')
    expect((await start('jwt_redis_auth')).request.headers.authorization).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    expect((await start(KOA_SESSION_REDIS)).request.headers.cookie).to.match(/^koa\.sess=[^;]+; koa\.sess\.sig=/)
  })

  it('checks the fair ceiling for the four headers and a log line (building dist/ first if needed)', async function () {
    // The ceiling logs through the compiled Logger, as in `npm run bench` (which builds first).
    if (!existsSync(join(ROOT, 'dist/api/v1/log.js'))) {
      this.timeout(120_000)
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT })
    }
    const fair = await start(FAIR_CEILING)
    const response = await fetch(fair.request.url)
    expect(response.headers.get('vary')).to.equal('Origin')
    expect(await response.json()).to.deep.equal(JSON.parse(env.user.json))
  })

  it('creates the user through the server: its JSON is what GET /api/v1/users/<id> answers', function () {
    const user: unknown = JSON.parse(env.user.json)
    expect(user).to.include({ id: env.user.id, email: 'bob@hbtn.io', first_name: 'Bob', last_name: 'Dylan' })
  })

  it('refuses a server whose answer is not the bench user\'s JSON, and stops it', async function () {
    const other = { ...env, user: { ...env.user, json: JSON.stringify({ id: env.user.id, email: 'someone@else' }) } }
    let caught: unknown = null
    await startTarget(other, target('session_auth')).catch((error: unknown) => { caught = error })
    expect(String(caught)).to.include('session_auth: answered another JSON')
  })
})
