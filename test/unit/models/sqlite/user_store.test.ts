// What the SQLite user store adds to the contract (test/contracts/): users read by id are served
// from memory, yet a write committed by another process is seen by the very next read.
import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { SqliteUserStore } from '../../../../models/sqlite/user_store.js'
import { User } from '../../../../models/user.js'
import { tempDatabase, type TempDatabase } from '../../../support/temp_database.js'

// Another process writing to the same file, as a second server or `npm run user:create` would.
function inAnotherProcess(path: string, sql: string): void {
  const script = 'const Database = require("better-sqlite3"); const db = new Database(process.argv[1]); db.exec(process.argv[2]); db.close()'
  execFileSync(process.execPath, ['-e', script, path, sql], { cwd: process.cwd() })
}

describe('SqliteUserStore', function () {
  let database: TempDatabase
  let store: SqliteUserStore
  let bob: User

  beforeEach(async function () {
    database = tempDatabase()
    store = new SqliteUserStore(database.db)
    bob = new User({ email: 'bob@hbtn.io' }, new Date('2026-01-01T00:00:00Z'))
    await store.save(bob)
  })
  afterEach(function () { database.remove() })

  it('sees a change and a deletion committed by another process at the next read', async function () {
    expect((await store.get(bob.id))?.lastName).to.equal(null)
    inAnotherProcess(database.path, `UPDATE users SET last_name = 'Dylan' WHERE id = '${bob.id}'`)
    expect((await store.get(bob.id))?.lastName).to.equal('Dylan')
    inAnotherProcess(database.path, `DELETE FROM users WHERE id = '${bob.id}'`)
    expect(await store.get(bob.id)).to.equal(null)
  })

  it('hands out a copy: changing what get answered changes nothing stored or remembered', async function () {
    const first = (await store.get(bob.id)) ?? expect.fail('bob is missing')
    first.firstName = 'Robert'
    first.createdAt.setTime(0)
    const second = (await store.get(bob.id)) ?? expect.fail('bob is missing')
    expect(second.firstName).to.equal(null)
    expect(second.createdAt.toISOString()).to.equal('2026-01-01T00:00:00.000Z')
  })

  it('answers the saved user after its own save and null after its own remove', async function () {
    await store.get(bob.id)
    bob.firstName = 'Bob'
    await store.save(bob)
    expect((await store.get(bob.id))?.firstName).to.equal('Bob')
    await store.remove(bob.id)
    expect(await store.get(bob.id)).to.equal(null)
  })
})
