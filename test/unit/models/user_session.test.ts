// UserSession and its table (0x02 task 10): ids stored as SHA-256 hex, the public JSON without
// the hash, and the table added to an older database file. The store's cases: test/contracts/.
import { expect } from 'chai'
import Database from 'better-sqlite3'
import { openDatabase } from '../../../models/sqlite/db.js'
import { UserSession, hashSessionId } from '../../../models/user_session.js'
import { FakeClock } from '../../support/fake_clock.js'
import { tempDatabase, type TempDatabase } from '../../support/temp_database.js'

describe('UserSession', function () {
  let database: TempDatabase

  beforeEach(function () {
    database = tempDatabase()
  })

  afterEach(function () {
    database.remove()
  })

  it('hashes a session id to its SHA-256 hex digest', function () {
    expect(hashSessionId('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('renders {id, user_id, created_at, updated_at} as JSON, without the hash', function () {
    const session = new UserSession({ userId: 'u1', sessionHash: hashSessionId('abc') }, new FakeClock().now())
    expect(JSON.parse(JSON.stringify(session))).to.deep.equal({
      id: session.id, user_id: 'u1', created_at: '2026-01-01T00:00:00', updated_at: '2026-01-01T00:00:00',
    })
  })

  it('is added to a database file of schema version 1 when it is opened, its users kept', function () {
    const path = `${database.path}.v1`
    const v1 = new Database(path)
    v1.exec(`CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT, first_name TEXT,
      last_name TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
      INSERT INTO users VALUES ('u1', 'bob@hbtn.io', NULL, NULL, NULL, '2017-09-25T01:55:17.000Z', '2017-09-25T01:55:17.000Z');
      PRAGMA user_version = 1`)
    v1.close()
    const upgraded = openDatabase(path)
    try {
      expect(upgraded.pragma('user_version', { simple: true })).to.be.at.least(2)
      expect(upgraded.prepare('SELECT id FROM users').pluck().all()).to.deep.equal(['u1'])
      expect(upgraded.prepare('SELECT COUNT(*) FROM user_sessions').pluck().get()).to.equal(0)
    } finally {
      upgraded.close()
    }
  })
})
