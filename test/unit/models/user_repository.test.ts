// Unit tests of the users table: bcrypt hashes, legacy SHA-256 hashes replaced
// at login, the 72-byte cap, unique emails, and get/search/count/remove/save on a real SQLite file.
import bcrypt from 'bcryptjs'
import { expect } from 'chai'
import { createHash } from 'node:crypto'
import type { User } from '../../../models/user.js'
import { UserCreationError } from '../../../models/user_fields.js'
import { BOB, type TestApp } from '../../support/app.js'
import { useAppWithBob } from '../../support/app_hooks.js'

function storedHash(test: TestApp, id: string): string {
  return test.database.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string
}

async function creationError(test: TestApp, fields: Parameters<TestApp['createUser']>[0]): Promise<string> {
  try {
    await test.users.create(fields)
  } catch (error) {
    if (error instanceof UserCreationError) return error.message
    throw error
  }
  throw new Error('the user was created')
}

describe('UserRepository', function () {
  let test: TestApp
  let bob: User
  useAppWithBob({}, (app, user) => {
    test = app
    bob = user
  }, { ...BOB, firstName: 'Bob' })

  it('stores a bcrypt hash at the configured cost, never the password itself', function () {
    const hash = storedHash(test, bob.id)
    expect(hash).to.match(/^\$2[aby]\$04\$[./A-Za-z0-9]{53}$/)
    expect(hash).not.to.include(BOB.password)
  })

  it('authenticates the email and password, and names the failure otherwise', async function () {
    expect((await test.users.authenticate(BOB.email, BOB.password)).user?.id).to.equal(bob.id)
    expect(await test.users.authenticate(BOB.email, 'nope')).to.deep.equal({ user: null, failure: 'wrong password' })
    expect(await test.users.authenticate('nobody@hbtn.io', 'nope')).to.deep.equal({ user: null, failure: 'no user found' })
  })

  it('accepts a legacy SHA-256 hex hash once and replaces it by a bcrypt hash at that login', async function () {
    const legacy = await test.createUser({ email: 'legacy@hbtn.io', password: 'placeholder' })
    const sha256 = createHash('sha256').update('toto1234').digest('hex')
    test.database.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(sha256, legacy.id)
    expect((await test.users.authenticate('legacy@hbtn.io', 'wrong')).failure).to.equal('wrong password')
    expect(storedHash(test, legacy.id)).to.equal(sha256)
    expect((await test.users.authenticate('legacy@hbtn.io', 'toto1234')).user?.id).to.equal(legacy.id)
    const replaced = storedHash(test, legacy.id)
    expect(replaced).to.match(/^\$2[aby]\$04\$/)
    expect(await bcrypt.compare('toto1234', replaced)).to.equal(true)
    expect((await test.users.authenticate('legacy@hbtn.io', 'toto1234')).user?.id).to.equal(legacy.id)
  })

  it('accepts a password of exactly 72 UTF-8 bytes and refuses 73, multi-byte characters counted in bytes', async function () {
    expect((await test.users.create({ email: 'a72@hbtn.io', password: 'a'.repeat(72) })).email).to.equal('a72@hbtn.io')
    expect((await test.users.create({ email: 'j72@hbtn.io', password: '日'.repeat(24) })).email).to.equal('j72@hbtn.io')
    expect(await creationError(test, { email: 'a73@hbtn.io', password: 'a'.repeat(73) })).to.equal('password longer than 72 bytes')
    expect(await creationError(test, { email: 'j75@hbtn.io', password: '日'.repeat(25) })).to.equal('password longer than 72 bytes')
  })

  it('never matches a password over 72 bytes at login, even one whose first 72 bytes are right', async function () {
    const user = await test.createUser({ email: 'long@hbtn.io', password: 'a'.repeat(72) })
    expect((await test.users.authenticate('long@hbtn.io', 'a'.repeat(72))).user?.id).to.equal(user.id)
    expect((await test.users.authenticate('long@hbtn.io', `${'a'.repeat(72)}b`)).failure).to.equal('wrong password')
  })

  it('refuses a second user with the same email, and treats another case as another email', async function () {
    expect(await creationError(test, { email: BOB.email, password: 'other' })).to.equal('email already exists')
    expect((await test.users.create({ email: 'BOB@hbtn.io', password: 'other' })).email).to.equal('BOB@hbtn.io')
  })

  it('refuses invalid fields with a reason', async function () {
    expect(await creationError(test, { email: '', password: 'x' })).to.equal('email must be a non-empty string')
    expect(await creationError(test, { email: 'x@hbtn.io', password: '' })).to.equal('password must be a non-empty string')
    expect(await creationError(test, { email: 'x@hbtn.io', password: 'x', firstName: 1 as unknown as string })).to.equal('first_name must be a string')
    expect(await creationError(test, { email: `${'x'.repeat(250)}@h.io`, password: 'x' })).to.equal('invalid email')
    expect(await creationError(test, { email: 'x\n@hbtn.io', password: 'x' })).to.equal('invalid email')
  })

  it('gets a user by id, and null for an unknown id', async function () {
    expect((await test.users.get(bob.id))?.toJSON()).to.deep.equal(bob.toJSON())
    expect(await test.users.get('nope')).to.equal(null)
  })

  it('searches on exact attribute values, {} giving every user, and refuses an unknown attribute', async function () {
    expect((await test.users.search({ email: BOB.email })).map((u) => u.id)).to.deep.equal([bob.id])
    expect(await test.users.search({ email: 'bob@HBTN.io' })).to.deep.equal([])
    expect((await test.users.search({ first_name: 'Bob', email: BOB.email })).map((u) => u.id)).to.deep.equal([bob.id])
    expect((await test.users.search({})).length).to.equal(await test.users.count())
    const refused = await test.users.search({ 'email = email OR 1': 'x' }).then(() => null, (error: unknown) => error)
    expect(refused).to.be.instanceOf(RangeError)
  })

  it('saves changes with updated_at set to the clock\'s time', async function () {
    const user = (await test.users.get(bob.id))!
    test.clock.advance(3600)
    user.lastName = 'Dylan'
    await test.users.save(user)
    expect((await test.users.get(bob.id))?.toJSON()).to.include({ last_name: 'Dylan', created_at: '2026-01-01T00:00:00', updated_at: '2026-01-01T01:00:00' })
  })

  it('counts users, and removes one by id (false for an unknown id)', async function () {
    const before = await test.users.count()
    const user = await test.createUser({ email: 'gone@hbtn.io', password: 'x' })
    expect(await test.users.count()).to.equal(before + 1)
    expect(await test.users.remove(user.id)).to.equal(true)
    expect(await test.users.remove(user.id)).to.equal(false)
    expect(await test.users.get(user.id)).to.equal(null)
    expect(await test.users.count()).to.equal(before)
  })
})
