// A corrupt or unreadable database at start (docs/security.md): the real server exits non-zero,
// names the file, and leaves its bytes exactly as they were; it never starts empty over it.
import { expect } from 'chai'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../models/sqlite/db.js'
import { runServerToExit, spawnServer } from '../support/server_process.js'

const PAGE = 4096

/** A real database holding enough users to span many pages, closed. */
function populatedDatabase(path: string): void {
  const db = openDatabase(path)
  const insert = db.prepare("INSERT INTO users VALUES (?, ?, 'hash', NULL, NULL, '2026-01-01T00:00:00', '2026-01-01T00:00:00')")
  db.transaction(() => { for (let i = 0; i < 2000; i += 1) insert.run(`id-${i}`, `user${i}@hbtn.io`) })()
  db.close()
}

describe('a corrupt or unreadable database at start', function () {
  let dir: string
  let path: string
  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-corrupt-'))
    path = join(dir, 'users.sqlite3')
  })
  afterEach(function () { rmSync(dir, { recursive: true, force: true }) })

  async function expectRefusedUntouched(): Promise<void> {
    const before = readFileSync(path)
    const exit = await runServerToExit({ AUTH_TYPE: 'session_auth', DB_PATH: path })
    expect(exit.code).to.equal(1)
    expect(exit.output).to.include(`cannot open database ${path}:`)
    expect(exit.output).not.to.include('listening')
    expect(readFileSync(path).equals(before)).to.equal(true)
  }

  it('exits 1 naming a file of garbage, and leaves its bytes unchanged', async function () {
    writeFileSync(path, 'this is not a database\n'.repeat(500))
    await expectRefusedUntouched()
  })

  it('exits 1 naming a real database cut to half its size, and leaves it unchanged', async function () {
    populatedDatabase(path)
    truncateSync(path, Math.floor(statSync(path).size / 2))
    await expectRefusedUntouched()
  })

  it('exits 1 naming a real database with one damaged page, and leaves it unchanged', async function () {
    populatedDatabase(path)
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(PAGE, 0x41), 0, PAGE, PAGE * 20)
    closeSync(fd)
    await expectRefusedUntouched()
  })

  it('exits 1 naming the path when DB_PATH is a directory', async function () {
    const exit = await runServerToExit({ AUTH_TYPE: 'session_auth', DB_PATH: dir })
    expect(exit.code).to.equal(1)
    expect(exit.output).to.include(`cannot open database ${dir}:`)
    expect(statSync(dir).isDirectory()).to.equal(true)
  })

  it('starts on a missing file, creating an empty database there', async function () {
    const server = await spawnServer({ AUTH_TYPE: 'session_auth', DB_PATH: path })
    try {
      const response = await fetch(`${server.url}/api/v1/status`)
      expect(await response.json()).to.deep.equal({ status: 'OK' })
      expect(existsSync(path)).to.equal(true)
    } finally {
      expect(await server.stop()).to.equal(0)
    }
  })
})
