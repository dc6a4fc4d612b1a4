// The cache of verified access tokens: a hit only before exp (with the leeway), and bounded.
import { expect } from 'chai'
import { VerifiedTokens } from '../../../api/v1/auth/verified_tokens.js'

describe('VerifiedTokens', function () {
  it('answers the claims of a token until its exp, as jose counts it (exp > now - leeway), then forgets it', function () {
    const cache = new VerifiedTokens<{ exp: number }>()
    cache.set('a.b.c', { exp: 100 })
    expect(cache.get('a.b.c', 99, 0)).to.deep.equal({ exp: 100 })
    expect(cache.get('a.b.c', 129, 30)).to.deep.equal({ exp: 100 })
    expect(cache.get('a.b.c', 130, 30)).to.equal(undefined)
    expect(cache.get('a.b.c', 99, 0)).to.equal(undefined)
  })

  it('answers nothing for a token that differs by one byte', function () {
    const cache = new VerifiedTokens<{ exp: number }>()
    cache.set('a.b.c', { exp: 100 })
    expect(cache.get('a.b.d', 1, 0)).to.equal(undefined)
  })

  it('holds at most its capacity, dropping the oldest entry first', function () {
    const cache = new VerifiedTokens<{ exp: number }>(2)
    cache.set('one', { exp: 100 })
    cache.set('two', { exp: 100 })
    cache.set('three', { exp: 100 })
    expect([cache.get('one', 1, 0), cache.get('two', 1, 0), cache.get('three', 1, 0)]).to.deep.equal([undefined, { exp: 100 }, { exp: 100 }])
  })
})
