// The processes the suite starts see the test's variables alone: a .env file (the checkout's, after
// `cp .env.example .env`, or one in their working directory) and the variables exported in the shell
// that runs `npm test` change nothing in them.
import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnServer, type ServerProcess } from '../support/server_process.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const STARTED = /listening on http:\/\/127\.0\.0\.1:\d+ \(AUTH_TYPE=([^,)]+), DB_PATH=([^)]+)\)/
// What `cp .env.example .env` would bring in, and what a developer may have exported.
const DEVELOPER_ENV = { AUTH_TYPE: 'session_auth', DB_PATH: 'developer.sqlite3' }

describe('the environment of a process started by a test', function () {
  this.timeout(30_000)
  let dir: string

  beforeEach(function () { dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-env-')) })
  afterEach(function () { rmSync(dir, { recursive: true, force: true }) })

  // The AUTH_TYPE and DB_PATH the server announced, once it stopped with exit code 0.
  async function startedWith(server: ServerProcess): Promise<{ authType?: string, dbPath?: string, code: number | null }> {
    const [, authType, dbPath] = STARTED.exec(server.output()) ?? []
    return { authType, dbPath, code: await server.stop() }
  }

  it('does not read a .env file in its working directory', async function () {
    writeFileSync(join(dir, '.env'), Object.entries(DEVELOPER_ENV).map(([name, value]) => `${name}=${value}\n`).join(''))
    const server = await spawnServer({ DB_PATH: join(dir, 'test.sqlite3') }, { cwd: dir })
    expect(await startedWith(server)).to.deep.equal({ authType: 'unset: no auth', dbPath: join(dir, 'test.sqlite3'), code: 0 })
  })

  it('does not inherit the variables exported in the shell that runs the tests', async function () {
    const saved = Object.keys(DEVELOPER_ENV).map((name) => [name, process.env[name]] as const)
    Object.assign(process.env, DEVELOPER_ENV)
    try {
      const server = await spawnServer({ DB_PATH: join(dir, 'test.sqlite3') })
      expect(await startedWith(server)).to.deep.equal({ authType: 'unset: no auth', dbPath: join(dir, 'test.sqlite3'), code: 0 })
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('reads a .env only where a test asks for it, and never the checkout\'s own', async function () {
    writeFileSync(join(dir, '.env'), 'AUTH_TYPE=basic_auth\n')
    const server = await spawnServer({ DB_PATH: join(dir, 'test.sqlite3') }, { cwd: dir, dotenv: true })
    expect(await startedWith(server)).to.deep.equal({ authType: 'basic_auth', dbPath: join(dir, 'test.sqlite3'), code: 0 })
    const refused = await spawnServer({}, { dotenv: true }).then(async (started) => { await started.kill(); return 'started' }, (error: Error) => error.message)
    expect(refused).to.equal(`dotenv: ${ROOT} is in the checkout, whose .env is the developer's`)
  })
})
