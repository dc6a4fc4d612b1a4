// The SessionStore contract: the same cases for every backend (memory, SQLite, PostgreSQL, Redis).
// A backend that expires sessions itself (Redis TTL, see openExpiring) runs the expiry cases by
// waiting for its TTL instead of calling deleteExpired, which it answers with 0.
import { expect } from 'chai'
import type { SessionStore } from '../../models/session_store.js'
import { SESSION_BACKENDS } from './backends.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const BOB = 'bob-id'
const ALICE = 'alice-id'
const ONE = '6b800468-8143-45e3-ad6a-9aceebdc8ad9'
const TWO = '7c900579-9254-46f4-be7b-0bdfceecd9e0'
const THREE = '8da0168a-a365-47a5-8f8a-1cefdfd0eaf1'
const T0 = Date.parse('2026-01-01T00:00:00Z')

for (const backend of SESSION_BACKENDS) {
  describe(`SessionStore contract (${backend.name})`, function () {
    let store: SessionStore
    let close: () => void | Promise<void>

    beforeEach(async function () {
      ({ store, close } = await backend.open([BOB, ALICE]))
    })
    afterEach(async function () { await close() })

    it('gives back the owner and creation instant of a stored session, and null for an unknown id', async function () {
      expect(await store.create(ONE, { userId: BOB, createdAt: T0 + 1234 })).to.equal(true)
      expect(await store.get(ONE)).to.deep.equal({ userId: BOB, createdAt: T0 + 1234 })
      expect(await store.get(TWO)).to.equal(null)
    })

    it('keeps many sessions of one user apart, and counts them all', async function () {
      await store.create(ONE, { userId: BOB, createdAt: T0 })
      await store.create(TWO, { userId: BOB, createdAt: T0 })
      await store.create(THREE, { userId: ALICE, createdAt: T0 })
      expect(await store.count()).to.equal(3)
      expect((await store.get(TWO))?.userId).to.equal(BOB)
      expect((await store.get(THREE))?.userId).to.equal(ALICE)
    })

    it('deletes one session: true the first time, false after, the others kept', async function () {
      await store.create(ONE, { userId: BOB, createdAt: T0 })
      await store.create(TWO, { userId: BOB, createdAt: T0 })
      expect(await store.delete(ONE)).to.equal(true)
      expect(await store.delete(ONE)).to.equal(false)
      expect(await store.get(ONE)).to.equal(null)
      expect(await store.get(TWO)).to.deep.equal({ userId: BOB, createdAt: T0 })
    })

    it('deletes every session of one user and no other, and answers how many', async function () {
      await store.create(ONE, { userId: BOB, createdAt: T0 })
      await store.create(TWO, { userId: BOB, createdAt: T0 + 1 })
      await store.create(THREE, { userId: ALICE, createdAt: T0 })
      expect(await store.deleteByUser(BOB)).to.equal(2)
      expect(await store.get(ONE)).to.equal(null)
      expect(await store.get(TWO)).to.equal(null)
      expect(await store.get(THREE)).to.deep.equal({ userId: ALICE, createdAt: T0 })
      expect(await store.count()).to.equal(1)
      expect(await store.deleteByUser(BOB)).to.equal(0)
    })

    if (backend.openExpiring === undefined) {
      it('forgets a deleted or expired session when ending its user\'s sessions', async function () {
        await store.create(ONE, { userId: BOB, createdAt: T0 })
        await store.create(TWO, { userId: BOB, createdAt: T0 + 5000 })
        await store.delete(TWO)
        expect(await store.deleteExpired(T0 + 1, T0 + 9000)).to.equal(1)
        await store.create(THREE, { userId: BOB, createdAt: T0 + 6000 })
        expect(await store.deleteByUser(BOB)).to.equal(1)
        expect(await store.count()).to.equal(0)
      })

      it('deletes the sessions created before the cutoff, keeps the one exactly at it, and answers how many', async function () {
        await store.create(ONE, { userId: BOB, createdAt: T0 })
        await store.create(TWO, { userId: BOB, createdAt: T0 + 1000 })
        await store.create(THREE, { userId: BOB, createdAt: T0 + 2000 })
        expect(await store.deleteExpired(T0 + 1000, T0 + 5000)).to.equal(1)
        expect(await store.get(ONE)).to.equal(null)
        expect(await store.get(TWO)).to.deep.equal({ userId: BOB, createdAt: T0 + 1000 })
        expect(await store.count()).to.equal(2)
        expect(await store.deleteExpired(T0 + 2001, T0 + 5000)).to.equal(2)
        expect(await store.count()).to.equal(0)
      })
    } else {
      const openExpiring = backend.openExpiring.bind(backend)

      it('forgets a deleted or expired (TTL) session when ending its user\'s sessions', async function () {
        const expiring = await openExpiring(300)
        try {
          await expiring.store.create(ONE, { userId: BOB, createdAt: T0 })
          await expiring.store.create(TWO, { userId: BOB, createdAt: T0 })
          await expiring.store.delete(TWO)
          await sleep(400)
          expect(await expiring.store.get(ONE)).to.equal(null)
          await expiring.store.create(THREE, { userId: BOB, createdAt: T0 })
          expect(await expiring.store.deleteByUser(BOB)).to.equal(1)
          expect(await expiring.store.count()).to.equal(0)
        } finally { expiring.close() }
      })

      it('forgets each session once its TTL has passed, keeps the younger one, and deleteExpired deletes nothing', async function () {
        const expiring = await openExpiring(400)
        try {
          await expiring.store.create(ONE, { userId: BOB, createdAt: T0 })
          await sleep(250)
          await expiring.store.create(TWO, { userId: BOB, createdAt: T0 + 250 })
          await sleep(250)
          expect(await expiring.store.get(ONE)).to.equal(null)
          expect(await expiring.store.get(TWO)).to.deep.equal({ userId: BOB, createdAt: T0 + 250 })
          expect(await expiring.store.count()).to.equal(1)
          expect(await expiring.store.deleteExpired(T0 + 5000, T0 + 5000)).to.equal(0)
          expect(await expiring.store.get(TWO)).to.deep.equal({ userId: BOB, createdAt: T0 + 250 })
        } finally { expiring.close() }
      })
    }

    it('deletes nothing when every session is younger than the cutoff', async function () {
      await store.create(ONE, { userId: BOB, createdAt: T0 })
      expect(await store.deleteExpired(T0 - 1, T0)).to.equal(0)
      expect(await store.count()).to.equal(1)
    })
  })
}
