// The token keys: HKDF-SHA256 of the secret with one label per purpose, named by a kid that is a
// hash of the derived key; the ring signs with JWT_SECRET's key and verifies the old ones too.
import { expect } from 'chai'
import { createHash, createHmac, hkdfSync } from 'node:crypto'
import { deriveKey, jwtKeys, keyRing } from '../../../api/v1/auth/jwt_keys.js'
import { JWT_SECRET, OTHER_SECRET } from '../../support/jwt.js'

// RFC 5869 §2, by hand: extract with an empty salt (HashLen zeros), then one block of expand.
function hkdfByHand(secret: string, info: string): Buffer {
  const prk = createHmac('sha256', Buffer.alloc(32)).update(secret, 'utf8').digest()
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from(info), Buffer.from([1])])).digest()
}

describe('the token keys', function () {
  it('uses an HKDF that gives RFC 5869 test case 3 (SHA-256, empty salt and info)', function () {
    const okm = Buffer.from(hkdfSync('sha256', Buffer.alloc(22, 0x0b), Buffer.alloc(0), Buffer.alloc(0), 42)).toString('hex')
    expect(okm).to.equal('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8')
  })

  for (const purpose of ['access', 'refresh'] as const) {
    it(`derives the ${purpose} key as HKDF-SHA256(secret, salt empty, info "koa-session-auth ${purpose}", 32 bytes)`, function () {
      const { key } = deriveKey(JWT_SECRET, purpose)
      expect(key.export().toString('hex')).to.equal(hkdfByHand(JWT_SECRET, `koa-session-auth ${purpose}`).toString('hex'))
    })

    it(`names the ${purpose} key by the first 16 hex digits of its SHA-256, never of the secret`, function () {
      const { kid, key } = deriveKey(JWT_SECRET, purpose)
      expect(kid).to.equal(createHash('sha256').update(key.export()).digest('hex').slice(0, 16))
      expect(kid).not.to.equal(createHash('sha256').update(JWT_SECRET).digest('hex').slice(0, 16))
    })
  }

  it('derives different access and refresh keys from one secret', function () {
    const keys = jwtKeys(JWT_SECRET, [])
    expect(keys.access.signing.kid).not.to.equal(keys.refresh.signing.kid)
    expect(keys.access.signing.key.equals(keys.refresh.signing.key)).to.equal(false)
  })

  it('signs with JWT_SECRET\'s key and verifies by kid with it and the old secrets\' keys, of the same purpose only', function () {
    const keys = jwtKeys(JWT_SECRET, [OTHER_SECRET])
    const old = deriveKey(OTHER_SECRET, 'access')
    expect(keys.access.signing.kid).to.equal(deriveKey(JWT_SECRET, 'access').kid)
    expect(keys.access.keyFor(old.kid)?.equals(old.key)).to.equal(true)
    expect(keys.access.keyFor(keys.access.signing.kid)).not.to.equal(null)
    expect(keys.access.keyFor(deriveKey(OTHER_SECRET, 'refresh').kid)).to.equal(null)
    expect(keys.refresh.keyFor(keys.access.signing.kid)).to.equal(null)
  })

  it('knows no key for an unknown kid, a missing one or one that is not a string', function () {
    const ring = keyRing(deriveKey(JWT_SECRET, 'access'))
    for (const kid of ['0123456789abcdef', undefined, null, 42, ['x']]) expect(ring.keyFor(kid)).to.equal(null)
  })
})
