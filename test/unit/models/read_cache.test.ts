// The users read cache: a user read by id is served from memory only while the database is
// unchanged; any write, by this connection or by another process's, is seen by the next turn.
import { expect } from 'chai'
import Database from 'better-sqlite3'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { UserRepository, type User } from '../../../models/user.js'
import { PasswordHasher } from '../../../models/password.js'
import { BOB, buildApp, cookie, type TestApp } from '../../support/app.js'
import { FakeClock } from '../../support/fake_clock.js'
import { tempDatabase, type TempDatabase } from '../../support/temp_database.js'

describe('UserRepository.get read cache', () => {
  let database: TempDatabase
  let users: UserRepository
  let bob: User

  beforeEach(async () => {
    database = tempDatabase()
    users = new UserRepository(database.db, new FakeClock(), new PasswordHasher(4))
    bob = await users.create({ ...BOB, firstName: 'Bob' })
    await users.get(bob.id)
  })
  afterEach(() => database.remove())

  it('returns null once another connection (another process) deleted the user', async () => {
    const other = new Database(database.path)
    other.prepare('DELETE FROM users WHERE id = ?').run(bob.id)
    other.close()
    await nextTurn()
    expect(await users.get(bob.id)).to.equal(null)
  })

  it('returns the new names once another connection updated them', async () => {
    const other = new Database(database.path)
    other.prepare('UPDATE users SET first_name = ? WHERE id = ?').run('Robert', bob.id)
    other.close()
    await nextTurn()
    expect((await users.get(bob.id))?.firstName).to.equal('Robert')
  })

  it('returns the new password hash once SQL on the same connection changed it', async () => {
    database.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run('0'.repeat(64), bob.id)
    await nextTurn()
    expect((await users.get(bob.id))?.passwordHash).to.equal('0'.repeat(64))
  })

  it('returns the saved user at once, in the same turn, after a save through the repository', async () => {
    const user = (await users.get(bob.id)) ?? expect.fail('bob is missing')
    user.lastName = 'Dylan'
    await users.save(user)
    expect((await users.get(bob.id))?.lastName).to.equal('Dylan')
  })

  it('returns null at once, in the same turn, after a remove through the repository', async () => {
    expect(await users.remove(bob.id)).to.equal(true)
    expect(await users.get(bob.id)).to.equal(null)
  })

  it('peeks at nothing before a read, then at the user read, frozen and unchanged by changes to a copy from get()', async () => {
    const fresh = new UserRepository(database.db, new FakeClock(), new PasswordHasher(4))
    expect(fresh.peek(bob.id)).to.equal(undefined)
    const copy = (await fresh.get(bob.id)) ?? expect.fail('bob is missing')
    copy.firstName = 'Changed'
    const peeked = fresh.peek(bob.id) ?? expect.fail('bob is not cached')
    expect(Object.isFrozen(peeked)).to.equal(true)
    expect(peeked.toJSON()).to.deep.equal(bob.toJSON())
  })

  it('peeks at nothing once another connection changed the database, then at what the next read found', async () => {
    const other = new Database(database.path)
    other.prepare('UPDATE users SET first_name = ? WHERE id = ?').run('Robert', bob.id)
    other.close()
    await nextTurn()
    expect(users.peek(bob.id)).to.equal(undefined)
    await users.get(bob.id)
    expect(users.peek(bob.id)?.firstName).to.equal('Robert')
  })

  it('hands out a fresh object each time: changing one unsaved does not change the next', async () => {
    const first = (await users.get(bob.id)) ?? expect.fail('bob is missing')
    first.firstName = 'Changed'
    first.createdAt.setUTCFullYear(1999)
    const second = (await users.get(bob.id)) ?? expect.fail('bob is missing')
    expect(second.toJSON()).to.deep.equal(bob.toJSON())
  })
})

describe('session_auth with the users read cache', () => {
  let t: TestApp

  beforeEach(() => { t = buildApp({ AUTH_TYPE: 'session_auth' }) })
  afterEach(() => t.close())

  it('answers 403 {"error": "Forbidden"} for a valid session once another process deleted its user', async () => {
    const bob = await t.createUser(BOB)
    const sessionId = await t.login(BOB.email, BOB.password)
    const me = () => t.http.get('/api/v1/users/me').set('Cookie', cookie(t.config.sessionName, sessionId))
    expect((await me()).status).to.equal(200)
    const other = new Database(t.database.path)
    other.prepare('DELETE FROM users WHERE id = ?').run(bob.id)
    other.close()
    const res = await me()
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal({ error: 'Forbidden' })
  })
})

describe('session_db_auth with the sessions read cache', () => {
  let t: TestApp
  let sessionId: string
  const meWith = (id: string) => t.http.get('/api/v1/users/me').set('Cookie', cookie(t.config.sessionName, id))
  const me = () => meWith(sessionId)

  beforeEach(async () => {
    t = buildApp({ AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' })
    await t.createUser(BOB)
    sessionId = await t.login(BOB.email, BOB.password)
    expect((await me()).status).to.equal(200)
  })
  afterEach(() => t.close())

  it('answers 403 {"error": "Forbidden"} on the next request once another process deleted the session (a logout there)', async () => {
    const other = new Database(t.database.path)
    other.prepare('DELETE FROM user_sessions').run()
    other.close()
    const res = await me()
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal({ error: 'Forbidden' })
  })

  it('answers 403 {"error": "Forbidden"} on the next request once another process made the session older than SESSION_DURATION', async () => {
    const other = new Database(t.database.path)
    other.prepare('UPDATE user_sessions SET created_at = ?').run(new Date(t.clock.now().getTime() - 3601_000).toISOString())
    other.close()
    const res = await me()
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal({ error: 'Forbidden' })
  })

  it('answers 403 {"error": "Forbidden"} once the cached session outlived SESSION_DURATION on the clock', async () => {
    t.clock.advance(3601)
    const res = await me()
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal({ error: 'Forbidden' })
  })

  it('answers 403 {"error": "Forbidden"} for a session logged out in this process, 200 for the user\'s other session', async () => {
    const otherSession = await t.login(BOB.email, BOB.password)
    expect((await meWith(otherSession)).status).to.equal(200)
    const logout = await t.http.delete('/api/v1/auth_session/logout').set('Cookie', cookie(t.config.sessionName, sessionId))
    expect(logout.status).to.equal(200)
    const res = await me()
    expect(res.status).to.equal(403)
    expect(res.body).to.deep.equal({ error: 'Forbidden' })
    expect((await meWith(otherSession)).status).to.equal(200)
  })
})
