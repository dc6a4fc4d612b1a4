// UserSession and its table (0x02 task 10): ids stored as SHA-256 hex, the public JSON without
// the hash, and the purge of expired rows at the edges of SESSION_DURATION.
import { expect } from 'chai'
import Database from 'better-sqlite3'
import { openDatabase } from '../../../models/db.js'
import { PasswordHasher } from '../../../models/password.js'
import { UserRepository, type User } from '../../../models/user.js'
import { UserSessionRepository, hashSessionId } from '../../../models/user_session.js'
import { FakeClock } from '../../support/fake_clock.js'
import { tempDatabase, type TempDatabase } from '../../support/temp_database.js'

const SESSION_ID = '6b800468-8143-45e3-ad6a-9aceebdc8ad9'

describe('UserSession', function () {
  let database: TempDatabase
  let clock: FakeClock
  let sessions: UserSessionRepository
  let bob: User

  beforeEach(async function () {
    database = tempDatabase()
    clock = new FakeClock()
    sessions = new UserSessionRepository(database.db, clock)
    bob = await new UserRepository(database.db, clock, new PasswordHasher(4)).create({ email: 'bob@hbtn.io', password: 'pwd' })
  })

  afterEach(function () {
    database.remove()
  })

  it('hashes a session id to its SHA-256 hex digest', function () {
    expect(hashSessionId('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('renders {id, user_id, created_at, updated_at} as JSON, without the hash', async function () {
    const session = await sessions.create(bob.id, SESSION_ID)
    expect(JSON.parse(JSON.stringify(session))).to.deep.equal({
      id: session?.id, user_id: bob.id, created_at: '2026-01-01T00:00:00', updated_at: '2026-01-01T00:00:00',
    })
  })

  it('finds and removes a session by its raw id', async function () {
    const session = await sessions.create(bob.id, SESSION_ID)
    expect((await sessions.findBySessionId(SESSION_ID))?.id).to.equal(session?.id)
    expect(await sessions.findBySessionId(hashSessionId(SESSION_ID))).to.equal(null)
    expect(await sessions.removeBySessionId(SESSION_ID)).to.equal(true)
    expect(await sessions.removeBySessionId(SESSION_ID)).to.equal(false)
  })

  it('purges nothing when sessions never expire (duration <= 0)', async function () {
    await sessions.create(bob.id, SESSION_ID)
    clock.advance(10 * 365 * 24 * 3600)
    expect(await sessions.purgeExpired(clock.now(), 0)).to.equal(0)
    expect(await sessions.purgeExpired(clock.now(), -5)).to.equal(0)
    expect(await sessions.count()).to.equal(1)
  })

  it('purges rows older than the duration, keeps the one exactly at the boundary', async function () {
    await sessions.create(bob.id, SESSION_ID)
    clock.advance(30)
    await sessions.create(bob.id, '7c900579-9254-46f4-be7b-0bdfceecd9e0')
    expect(await sessions.purgeExpired(clock.now(), 30)).to.equal(0)
    clock.advance(0.001)
    expect(await sessions.purgeExpired(clock.now(), 30)).to.equal(1)
    expect(await sessions.count()).to.equal(1)
  })

  it('purges rows created in the future, and no past row under the largest duration', async function () {
    await sessions.create(bob.id, SESSION_ID)
    clock.advance(-60)
    await sessions.create(bob.id, '7c900579-9254-46f4-be7b-0bdfceecd9e0')
    expect(await sessions.purgeExpired(clock.now(), Number.MAX_SAFE_INTEGER)).to.equal(1)
    expect((await sessions.all()).map((session) => session.createdAt.toISOString())).to.deep.equal(['2025-12-31T23:59:00.000Z'])
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
