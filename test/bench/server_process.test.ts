// The bench's server launcher: a real server process on a loopback port, and "not available in
// this build" only when the server itself refuses the AUTH_TYPE at start.
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, TSX_LOADER } from '../../bench/server_process.js'

const SERVER = fileURLToPath(new URL('../../api/v1/server.ts', import.meta.url))

describe('bench startServer', () => {
  let dir: string

  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-bench-test-')) })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function start(env: Record<string, string>, prefix: string[] = []) {
    const base = { API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: join(dir, 'db.sqlite3'), NODE_ENV: 'test', BCRYPT_ROUNDS: '4' }
    return startServer(['--import', TSX_LOADER, SERVER], { ...base, ...env }, dir, prefix)
  }

  it('returns the loopback URL of a server that answers, and stops it', async () => {
    const server = await start({ AUTH_TYPE: 'session_auth' })
    if ('unavailable' in server) return expect.fail(server.unavailable)
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${server.url}/api/v1/status`)
    expect(response.status).to.equal(200)
    expect(await response.json()).to.deep.equal({ status: 'OK' })
    await server.stop()
    let refused = false
    await fetch(`${server.url}/api/v1/status`).catch(() => { refused = true })
    expect(refused).to.equal(true)
  })

  it('starts the server behind a command prefix that execs node, and counts its log bytes after it listens', async () => {
    const server = await start({ AUTH_TYPE: 'session_auth' }, ['env']) // like taskset -c N: execs, same pid
    if ('unavailable' in server) return expect.fail(server.unavailable)
    try {
      expect(server.stdoutBytes()).to.equal(0)
      await fetch(`${server.url}/api/v1/status`)
      // The log reaches stdout in batches (at the latest every 100 ms): wait for it, up to 2 s.
      for (let waited = 0; server.stdoutBytes() <= 50 && waited < 2000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(server.stdoutBytes()).to.be.greaterThan(50)
    } finally {
      await server.stop()
    }
  })

  it('reports a mode unavailable, with the server\'s message, when the server refuses its AUTH_TYPE', async () => {
    const server = await start({ AUTH_TYPE: 'no_such_auth' })
    expect(Object.keys(server)).to.deep.equal(['unavailable'])
    // The list of valid values grows with the modes; the message's frame does not.
    expect((server as { unavailable: string }).unavailable).to.match(/^AUTH_TYPE must be one of auth, basic_auth, session_auth.*; got "no_such_auth"$/)
  })

  it('throws, rather than reporting a mode unavailable, when the server fails at start for another reason', async () => {
    let caught: unknown = null
    await start({ API_PORT: 'not-a-port' }).catch((error: unknown) => { caught = error })
    expect(caught).to.be.instanceOf(Error)
    expect((caught as Error).message).to.include('API_PORT must be an integer')
  })
})
