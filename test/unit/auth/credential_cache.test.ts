// CredentialCache: what a verified Basic header proved, for a short time, within a bound.
import { expect } from 'chai'
import { CredentialCache } from '../../../api/v1/auth/credential_cache.js'
import { FakeClock } from '../../support/fake_clock.js'

const BOB = { userId: 'u-bob', email: 'bob@hbtn.io', passwordHash: '$2b$04$bob' } as const
const ANN = { userId: 'u-ann', email: 'ann@hbtn.io', passwordHash: '$2b$04$ann' } as const
const EVE = { userId: 'u-eve', email: 'eve@hbtn.io', passwordHash: '$2b$04$eve' } as const

describe('CredentialCache', () => {
  it('returns what a header proved for that exact header, and null for any other header', () => {
    const cache = new CredentialCache({ clock: new FakeClock() })
    cache.remember('Basic Ym9i', BOB)
    expect(cache.get('Basic Ym9i')).to.deep.include(BOB)
    expect(cache.get('Basic Ym9i ')).to.equal(null)
    expect(cache.get('basic Ym9i')).to.equal(null)
  })

  it('returns the entry until ttlSeconds have passed since it was remembered, then null', () => {
    const clock = new FakeClock()
    const cache = new CredentialCache({ clock, ttlSeconds: 60 })
    cache.remember('Basic Ym9i', BOB)
    clock.advance(59)
    expect(cache.get('Basic Ym9i')).to.deep.include(BOB)
    clock.advance(1)
    expect(cache.get('Basic Ym9i')).to.equal(null)
    expect(cache.size).to.equal(0)
  })

  it('keeps at most maxEntries, dropping the least recently used first', () => {
    const cache = new CredentialCache({ clock: new FakeClock(), maxEntries: 2 })
    cache.remember('Basic Ym9i', BOB)
    cache.remember('Basic YW5u', ANN)
    expect(cache.get('Basic Ym9i')).to.deep.include(BOB)
    cache.remember('Basic ZXZl', EVE)
    expect(cache.size).to.equal(2)
    expect(cache.get('Basic YW5u')).to.equal(null)
    expect(cache.get('Basic Ym9i')).to.deep.include(BOB)
    expect(cache.get('Basic ZXZl')).to.deep.include(EVE)
  })

  it('returns null for a header once it is forgotten', () => {
    const cache = new CredentialCache({ clock: new FakeClock() })
    cache.remember('Basic Ym9i', BOB)
    cache.forget('Basic Ym9i')
    expect(cache.get('Basic Ym9i')).to.equal(null)
  })

  it('starts a renewed ttl when a header is remembered again', () => {
    const clock = new FakeClock()
    const cache = new CredentialCache({ clock, ttlSeconds: 60 })
    cache.remember('Basic Ym9i', BOB)
    clock.advance(50)
    cache.remember('Basic Ym9i', BOB)
    clock.advance(50)
    expect(cache.get('Basic Ym9i')).to.deep.include(BOB)
  })
})

describe('CredentialCache.verifyOnce', () => {
  it('runs one verification for concurrent calls with the same header and gives each its result', async () => {
    const cache = new CredentialCache({ clock: new FakeClock() })
    let runs = 0
    const verify = async () => { runs += 1; return BOB }
    const results = await Promise.all([cache.verifyOnce('Basic Ym9i', verify), cache.verifyOnce('Basic Ym9i', verify)])
    expect(runs).to.equal(1)
    expect(results).to.deep.equal([BOB, BOB])
    expect(cache.get('Basic Ym9i')).to.deep.include(BOB)
  })

  it('runs a verification per distinct header', async () => {
    const cache = new CredentialCache({ clock: new FakeClock() })
    let runs = 0
    await Promise.all(['Basic Ym9i', 'Basic YW5u'].map((h) => cache.verifyOnce(h, async () => { runs += 1; return BOB })))
    expect(runs).to.equal(2)
  })

  it('never remembers a failed verification, and verifies the header again next time', async () => {
    const cache = new CredentialCache({ clock: new FakeClock() })
    let runs = 0
    const fail = async () => { runs += 1; return null }
    expect(await cache.verifyOnce('Basic Ym9i', fail)).to.equal(null)
    expect(cache.get('Basic Ym9i')).to.equal(null)
    expect(await cache.verifyOnce('Basic Ym9i', fail)).to.equal(null)
    expect(runs).to.equal(2)
  })
})
