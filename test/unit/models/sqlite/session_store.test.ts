// What the SQLite session store adds to the contract (test/contracts/): only hashes in the table,
// the foreign key, rows from the future purged, and SQLite's errors typed for the HTTP layer.
import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { openDatabase } from '../../../../models/sqlite/db.js'
import { SqliteSessionStore } from '../../../../models/sqlite/session_store.js'
import { SqliteUserStore } from '../../../../models/sqlite/user_store.js'
import { StoreUnavailableError } from '../../../../models/store_errors.js'
import { User } from '../../../../models/user.js'
import { hashSessionId } from '../../../../models/user_session.js'
import { tempDatabase, type TempDatabase } from '../../../support/temp_database.js'

const SESSION_ID = '6b800468-8143-45e3-ad6a-9aceebdc8ad9'
const T0 = Date.parse('2026-01-01T00:00:00Z')

describe('SqliteSessionStore', function () {
  let database: TempDatabase
  let store: SqliteSessionStore

  beforeEach(async function () {
    database = tempDatabase()
    await new SqliteUserStore(database.db).save(new User({ id: 'bob', email: 'bob@hbtn.io' }, new Date(T0)))
    store = new SqliteSessionStore(database.db)
  })
  afterEach(function () { database.remove() })

  it('keeps only sha256(session id) in user_sessions, and finds nothing by the hash itself', async function () {
    await store.create(SESSION_ID, { userId: 'bob', createdAt: T0 })
    const rows = database.db.prepare('SELECT user_id, session_hash FROM user_sessions').all()
    expect(rows).to.deep.equal([{ user_id: 'bob', session_hash: hashSessionId(SESSION_ID) }])
    expect(JSON.stringify(database.db.prepare('SELECT * FROM user_sessions').all())).not.to.include(SESSION_ID)
    expect(await store.get(hashSessionId(SESSION_ID))).to.equal(null)
  })

  it('refuses a session of a user that does not exist (false, nothing stored)', async function () {
    expect(await store.create(SESSION_ID, { userId: 'ghost', createdAt: T0 })).to.equal(false)
    expect(await store.count()).to.equal(0)
  })

  it('deletes a user\'s sessions with the user, even one it has just read', async function () {
    await store.create(SESSION_ID, { userId: 'bob', createdAt: T0 })
    expect((await store.get(SESSION_ID))?.userId).to.equal('bob')
    await new SqliteUserStore(database.db).remove('bob')
    expect(await store.get(SESSION_ID)).to.equal(null)
  })

  it('sees a session deleted by another process at the next read', async function () {
    await store.create(SESSION_ID, { userId: 'bob', createdAt: T0 })
    expect((await store.get(SESSION_ID))?.userId).to.equal('bob')
    const script = 'const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("DELETE FROM user_sessions"); db.close()'
    execFileSync(process.execPath, ['-e', script, database.path])
    expect(await store.get(SESSION_ID)).to.equal(null)
  })

  it('purges rows created after `now` (a clock set back) with the expired ones', async function () {
    await store.create(SESSION_ID, { userId: 'bob', createdAt: T0 + 60_000 })
    expect(await store.deleteExpired(T0 - 1_000_000, T0)).to.equal(1)
  })

  it('throws StoreUnavailableError while another connection holds the write lock', async function () {
    const other = openDatabase(database.path, { busyTimeoutMs: 0 })
    const locked = openDatabase(database.path, { busyTimeoutMs: 0 })
    try {
      other.exec('BEGIN IMMEDIATE')
      const blocked = new SqliteSessionStore(locked)
      let caught: unknown = null
      await blocked.create(SESSION_ID, { userId: 'bob', createdAt: T0 }).catch((error: unknown) => { caught = error })
      expect(caught).to.be.instanceOf(StoreUnavailableError)
    } finally {
      other.exec('ROLLBACK')
      other.close()
      locked.close()
    }
  })
})
