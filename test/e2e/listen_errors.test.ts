// The real server process when it cannot listen: one line on stderr naming the variable to change
// (API_PORT, API_HOST), nothing on stdout, no stack trace, and exit code 1.
import { expect } from 'chai'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runServerToExit } from '../support/server_process.js'

describe('the server process when it cannot listen', function () {
  this.timeout(30_000)
  let dir: string
  let dbPath: string
  let occupier: Server | undefined

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-listen-'))
    dbPath = join(dir, 'listen.sqlite3')
  })
  afterEach(async function () {
    if (occupier !== undefined) {
      occupier.close()
      await once(occupier, 'close')
      occupier = undefined
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('says that API_PORT is already in use on API_HOST and exits 1', async function () {
    occupier = createServer().listen(0, '127.0.0.1')
    await once(occupier, 'listening')
    const { port } = occupier.address() as AddressInfo
    const exit = await runServerToExit({ DB_PATH: dbPath, AUTH_TYPE: 'session_auth' }, { port })
    expect(exit).to.deep.equal({
      code: 1,
      output: exit.stderr,
      stderr: `koa-session-auth: port ${port} on 127.0.0.1 is already in use (API_PORT): stop the other server or choose another port\n`,
    })
  })

  it('says that API_HOST does not resolve and exits 1', async function () {
    const exit = await runServerToExit({ DB_PATH: dbPath }, { host: 'no-such-host.invalid' })
    // Without a reachable name server the lookup fails as "try again" rather than "no such name".
    expect(exit.code).to.equal(1)
    expect(exit.output).to.equal(exit.stderr)
    expect(exit.stderr).to.be.oneOf([
      'koa-session-auth: no-such-host.invalid does not resolve to an address (API_HOST)\n',
      'koa-session-auth: no-such-host.invalid could not be resolved now, the name server did not answer (API_HOST)\n',
    ])
  })

  it('says that API_HOST is not an address of this machine and exits 1', async function () {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a host.
    const exit = await runServerToExit({ DB_PATH: dbPath }, { host: '192.0.2.1' })
    expect(exit).to.deep.equal({ code: 1, output: exit.stderr, stderr: 'koa-session-auth: 192.0.2.1 is not an address of this machine (API_HOST)\n' })
  })
})
