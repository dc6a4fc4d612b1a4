// The UserStore contract: the same cases for every backend (SQLite, PostgreSQL).
import { expect } from 'chai'
import { StoreConflictError } from '../../models/store_errors.js'
import { User } from '../../models/user.js'
import type { UserStore } from '../../models/user_store.js'
import { USER_BACKENDS } from './backends.js'

const T0 = new Date('2026-01-01T00:00:00Z')

function user(email: string, seconds = 0, fields: { firstName?: string } = {}): User {
  const at = new Date(T0.getTime() + seconds * 1000)
  return new User({ email, passwordHash: '$2b$04$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234', ...fields }, at)
}

for (const backend of USER_BACKENDS) {
  describe(`UserStore contract (${backend.name})`, function () {
    let store: UserStore
    let close: () => void | Promise<void>

    beforeEach(async function () {
      ({ store, close } = await backend.open())
    })
    afterEach(async function () { await close() })

    it('gives back every field of a saved user by id and by exact email, null when absent', async function () {
      const bob = user('bob@hbtn.io', 0, { firstName: 'Bob' })
      await store.save(bob)
      expect(await store.get(bob.id)).to.deep.equal(bob)
      expect(await store.findByEmail('bob@hbtn.io')).to.deep.equal(bob)
      expect(await store.findByEmail('BOB@hbtn.io')).to.equal(null)
      expect(await store.get('nobody')).to.equal(null)
    })

    it('lists and counts users, oldest first', async function () {
      const [second, first] = [user('b@hbtn.io', 5), user('a@hbtn.io', 1)]
      await store.save(second)
      await store.save(first)
      expect((await store.all()).map((u) => u.email)).to.deep.equal(['a@hbtn.io', 'b@hbtn.io'])
      expect(await store.count()).to.equal(2)
    })

    it('updates a user saved again, keeping its id', async function () {
      const bob = user('bob@hbtn.io')
      await store.save(bob)
      bob.lastName = 'Dylan'
      await store.save(bob)
      expect((await store.get(bob.id))?.lastName).to.equal('Dylan')
      expect(await store.count()).to.equal(1)
    })

    it('throws StoreConflictError when another user has the email', async function () {
      await store.save(user('bob@hbtn.io'))
      let caught: unknown = null
      await store.save(user('bob@hbtn.io')).catch((error: unknown) => { caught = error })
      expect(caught).to.be.instanceOf(StoreConflictError)
      expect(await store.count()).to.equal(1)
    })

    it('searches by exact attribute values ({} finds all), and refuses an unknown attribute', async function () {
      const bob = user('bob@hbtn.io', 0, { firstName: 'Bob' })
      await store.save(bob)
      await store.save(user('alice@hbtn.io', 1))
      expect((await store.search({ first_name: 'Bob' })).map((u) => u.id)).to.deep.equal([bob.id])
      expect((await store.search({ first_name: null })).map((u) => u.email)).to.deep.equal(['alice@hbtn.io'])
      expect(await store.search({})).to.have.length(2)
      let caught: unknown = null
      await store.search({ 'email = email OR 1': 'x' }).catch((error: unknown) => { caught = error })
      expect(caught).to.be.instanceOf(RangeError)
    })

    it('removes a user: true the first time, false after', async function () {
      const bob = user('bob@hbtn.io')
      await store.save(bob)
      expect(await store.remove(bob.id)).to.equal(true)
      expect(await store.remove(bob.id)).to.equal(false)
      expect(await store.get(bob.id)).to.equal(null)
    })
  })
}
