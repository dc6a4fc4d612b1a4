// Importing the exercise's .db_User.json / .db_UserSession.json: what is kept, what is hashed,
// and malformed or conflicting files refused with "<file>: <problem>" and nothing imported.
import { expect } from 'chai'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ExerciseFileError } from '../../../models/exercise_files.js'
import { importExercise } from '../../../models/sqlite/exercise_import.js'
import { PasswordHasher } from '../../../models/password.js'
import { UserRepository } from '../../../models/user.js'
import { hashSessionId } from '../../../models/user_session.js'
import { FakeClock } from '../../support/fake_clock.js'
import { SqliteUserStore } from '../../../models/sqlite/user_store.js'
import { tempDatabase, type TempDatabase } from '../../support/temp_database.js'

const FIXTURE_DIR = 'test/fixtures/exercise'
const FIXTURE_USERS = JSON.parse(readFileSync(join(FIXTURE_DIR, '.db_User.json'), 'utf8')) as Record<string, Record<string, unknown>>
const FIXTURE_SESSIONS = JSON.parse(readFileSync(join(FIXTURE_DIR, '.db_UserSession.json'), 'utf8')) as Record<string, Record<string, unknown>>
const BOB_ID = '2b5d5fb1-1a2a-4c8e-9e5e-5c3f2d7d7b10'
const SESSION_ID = 'e2a0f1c3-5b7d-4f9e-8a2c-4d6e8f0a2b54'

describe('importExercise', function () {
  let database: TempDatabase
  let dir: string
  const clock = new FakeClock()

  function count(table: string): number {
    return database.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number
  }

  /** Writes the given file contents (objects are JSON-encoded) into the temp dir. */
  function write(files: Record<string, unknown>): void {
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content))
    }
  }

  function refusal(from: string = dir): string {
    try {
      importExercise(from, database.db, clock)
    } catch (error) {
      if (error instanceof ExerciseFileError) return error.message
      throw error
    }
    throw new Error('the import was not refused')
  }

  beforeEach(function () {
    database = tempDatabase()
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-import-'))
  })

  afterEach(function () {
    database.remove()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps every user\'s id, email, names and timestamps, and their SHA-256 hash until a login', async function () {
    expect(importExercise(FIXTURE_DIR, database.db, clock)).to.deep.equal({ users: 3, sessions: 3, skippedSessions: 1 })
    const users = new UserRepository(new SqliteUserStore(database.db), clock, new PasswordHasher(4))
    const imported = (await users.all()).map((user) => ({ ...user.toJSON(), _password: user.passwordHash }))
    const expected = Object.values(FIXTURE_USERS).map(({ id, email, first_name, last_name, created_at, updated_at, _password }) =>
      ({ id, email, first_name, last_name, created_at, updated_at, _password }))
    expect(imported).to.deep.equal(expected)
  })

  it('stores each imported session under sha256(session_id) with its creation time, never the raw id', function () {
    importExercise(FIXTURE_DIR, database.db, clock)
    const rows = database.db.prepare('SELECT id, user_id, session_hash, created_at FROM user_sessions ORDER BY created_at').all()
    const known = Object.values(FIXTURE_SESSIONS).filter((session) => session.user_id !== '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f40')
    expect(rows).to.deep.equal(known.map((session) => ({
      id: session.id, user_id: session.user_id, session_hash: hashSessionId(String(session.session_id)),
      created_at: `${String(session.created_at)}.000Z`,
    })))
    const files = readdirSync(dirname(database.path)).map((file) => readFileSync(join(dirname(database.path), file)))
    expect(files.some((bytes) => bytes.includes(SESSION_ID))).to.equal(false)
  })

  it('imports users alone when there is no .db_UserSession.json', function () {
    write({ '.db_User.json': FIXTURE_USERS })
    expect(importExercise(dir, database.db, clock)).to.deep.equal({ users: 3, sessions: 0, skippedSessions: 0 })
  })

  const bob = FIXTURE_USERS[BOB_ID] ?? {}
  const userFile = (fields: Record<string, unknown>) => ({ [BOB_ID]: { ...bob, ...fields } })
  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['a missing .db_User.json', {}, '.db_User.json: file not found'],
    ['a file that is not JSON', { '.db_User.json': '{"a": ' }, '.db_User.json: not valid JSON'],
    ['a JSON array', { '.db_User.json': [bob] }, '.db_User.json: expected a JSON object mapping each id to its object'],
    ['an entry that is not an object', { '.db_User.json': { x: 'bob' } }, '.db_User.json: entry "x" is not an object'],
    ['an id that differs from its key', { '.db_User.json': { other: bob } }, '.db_User.json: entry "other" has an id that differs from its key'],
    ['an id with a control character', { '.db_User.json': { 'a\nb': { ...bob, id: 'a\nb' } } }, '.db_User.json: entry "a\\nb" has an empty id or one with control characters'],
    ['a missing email', { '.db_User.json': userFile({ email: null }) }, `.db_User.json: entry "${BOB_ID}": email must be a non-empty string`],
    ['a password that is not SHA-256 hex', { '.db_User.json': userFile({ _password: 'toto1234' }) }, `.db_User.json: entry "${BOB_ID}": _password must be a SHA-256 hex digest or null`],
    ['a first_name that is a number', { '.db_User.json': userFile({ first_name: 42 }) }, `.db_User.json: entry "${BOB_ID}": first_name must be a string or null`],
    ['a timestamp in another format', { '.db_User.json': userFile({ created_at: '25/09/2017' }) }, `.db_User.json: entry "${BOB_ID}": created_at must be a timestamp like 2017-09-25T01:55:17`],
    ['an impossible date', { '.db_User.json': userFile({ updated_at: '2017-02-30T00:00:00' }) }, `.db_User.json: entry "${BOB_ID}": updated_at must be a timestamp like 2017-09-25T01:55:17`],
    ['a duplicate email', { '.db_User.json': { ...FIXTURE_USERS, u2: { ...bob, id: 'u2' } } }, '.db_User.json: entry "u2": email bob@hbtn.io is also the email of entry'],
    ['a session id that is not a uuid4', { '.db_User.json': FIXTURE_USERS, '.db_UserSession.json': { s: { id: 's', user_id: BOB_ID, session_id: 'abc' } } }, '.db_UserSession.json: entry "s": session_id must be a lowercase uuid4'],
    ['a session without user_id', { '.db_User.json': FIXTURE_USERS, '.db_UserSession.json': { s: { id: 's', session_id: SESSION_ID } } }, '.db_UserSession.json: entry "s": user_id must be a non-empty string'],
    ['a session id used twice', {
      '.db_User.json': FIXTURE_USERS,
      '.db_UserSession.json': { s: { id: 's', user_id: BOB_ID, session_id: SESSION_ID }, t: { id: 't', user_id: BOB_ID, session_id: SESSION_ID } },
    }, '.db_UserSession.json: entry "t": session_id is also the session_id of entry "s"'],
  ]
  for (const [what, files, message] of refusals) {
    const shown = message.split(': ').slice(1).join(': ').replace(BOB_ID, '<id>')
    it(`refuses ${what} with "<file>: ${shown}" and imports nothing`, function () {
      write(files)
      const refused = refusal()
      expect(refused.startsWith(`${join(dir, message.split(':')[0] ?? '')}: `)).to.equal(true)
      expect(refused).to.include(message.slice(message.indexOf(':')))
      expect([count('users'), count('user_sessions')]).to.deep.equal([0, 0])
    })
  }

  it('rolls back the users already written when a later one conflicts with the database', async function () {
    await new UserRepository(new SqliteUserStore(database.db), clock, new PasswordHasher(4)).create({ email: 'bobsession@hbtn.io', password: 'x' })
    expect(refusal(FIXTURE_DIR)).to.equal(`${join(FIXTURE_DIR, '.db_User.json')}: entry "c8a2e6d4-7f1b-4e3a-b5c9-0d2f4a6b8e32": email bobsession@hbtn.io is already in the database`)
    expect([count('users'), count('user_sessions')]).to.deep.equal([1, 0])
  })

  it('refuses a second import of the same files and leaves the first one intact', function () {
    importExercise(FIXTURE_DIR, database.db, clock)
    expect(refusal(FIXTURE_DIR)).to.equal(`${join(FIXTURE_DIR, '.db_User.json')}: entry "${BOB_ID}": a user with this id is already in the database`)
    expect([count('users'), count('user_sessions')]).to.deep.equal([3, 3])
  })
})
