// The AttemptStore contract (the login rate limit's counters): the same cases for every backend.
import { expect } from 'chai'
import type { AttemptStore } from '../../models/attempt_store.js'
import { ATTEMPT_BACKENDS } from './backends.js'

const WINDOW_MS = 60_000
const T0 = Date.parse('2026-01-01T00:00:00Z')
const BOB = { key: 'email:bob', max: 2 }
const HOME = { key: 'ip:10.0.0.1', max: 3 }

for (const backend of ATTEMPT_BACKENDS) {
  describe(`AttemptStore contract (${backend.name})`, function () {
    let store: AttemptStore
    let close: () => void | Promise<void>

    beforeEach(async function () {
      ({ store, close } = await backend.open())
    })
    afterEach(async function () { await close() })

    it('admits up to max attempts of a key in the window, then refuses with the seconds until room', async function () {
      expect((await store.admit([BOB], T0, WINDOW_MS)).admitted).to.equal(true)
      expect((await store.admit([BOB], T0 + 10_000, WINDOW_MS)).admitted).to.equal(true)
      expect(await store.admit([BOB], T0 + 20_000, WINDOW_MS)).to.deep.equal({ admitted: false, retryAfterSeconds: 40 })
      expect((await store.admit([BOB], T0 + WINDOW_MS + 1, WINDOW_MS)).admitted).to.equal(true)
    })

    it('counts nothing for any key when one of them is full', async function () {
      await store.admit([BOB, HOME], T0, WINDOW_MS)
      await store.admit([BOB, HOME], T0, WINDOW_MS)
      expect((await store.admit([BOB, HOME], T0, WINDOW_MS)).admitted).to.equal(false)
      expect((await store.admit([HOME], T0, WINDOW_MS)).admitted).to.equal(true)
      expect((await store.admit([HOME], T0, WINDOW_MS)).admitted).to.equal(false)
    })

    it('takes a forgiven attempt back, so the key has room again', async function () {
      const first = await store.admit([BOB], T0, WINDOW_MS)
      await store.admit([BOB], T0, WINDOW_MS)
      if (!first.admitted) expect.fail('the first attempt was refused')
      await store.forgive(first.ticket)
      expect((await store.admit([BOB], T0, WINDOW_MS)).admitted).to.equal(true)
      expect((await store.admit([BOB], T0, WINDOW_MS)).admitted).to.equal(false)
    })

    it('never limits a key whose max is 0, and gives it no ticket', async function () {
      for (let i = 0; i < 50; i += 1) {
        expect(await store.admit([{ key: 'ip:free', max: 0 }], T0, WINDOW_MS)).to.deep.equal({ admitted: true, ticket: [] })
      }
    })

    it('admits exactly max of many attempts started at once', async function () {
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.admit([BOB], T0, WINDOW_MS)))
      expect(outcomes.filter((outcome) => outcome.admitted)).to.have.length(2)
    })
  })
}
