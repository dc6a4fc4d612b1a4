// The HS256 compact-verification path every token goes through (strict shape, kid allow-list,
// jose with HS256 pinned), against the published examples of RFC 7515 A.1 and RFC 7520 §4.4
// (test/fixtures/jws, with their source and licence), plus the kinds of malformed JWS that
// Wycheproof's JSON Web Signature vectors cover, written here as this project's own cases.
import { expect } from 'chai'
import { compactVerify, flattenedVerify } from 'jose'
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isStrictCompactJws, verifyCompactHs256 } from '../../../api/v1/auth/jws.js'
import { keyRing } from '../../../api/v1/auth/jwt_keys.js'

interface Fixture {
  readonly jwk: { readonly k: string, readonly kid?: string }
  readonly protectedHeader: string
  readonly payload: string
  readonly compact: string
  readonly flattened?: { readonly protected: string, readonly payload: string, readonly signature: string }
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../../fixtures/jws/${name}`, import.meta.url), 'utf8')) as Fixture
}

function keyOf(fixture: Fixture): KeyObject {
  return createSecretKey(Buffer.from(fixture.jwk.k, 'base64url'))
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8')
const decoded = (segment: string | undefined): string => Buffer.from(segment ?? '', 'base64url').toString('utf8')

describe('RFC 7515 Appendix A.1 (HS256 example)', function () {
  const a1 = fixture('rfc7515_a1.json')

  it('holds the header and payload octets the RFC lists', function () {
    const [header, payload] = a1.compact.split('.')
    expect(decoded(header)).to.equal(a1.protectedHeader)
    expect(decoded(payload)).to.equal(a1.payload)
  })

  it('verifies with its key through jose compact and flattened verification, HS256 pinned', async function () {
    const { payload } = await compactVerify(a1.compact, keyOf(a1), { algorithms: ['HS256'] })
    expect(text(payload)).to.equal(a1.payload)
    const [protectedHeader = '', encodedPayload = '', signature = ''] = a1.compact.split('.')
    const flat = await flattenedVerify({ protected: protectedHeader, payload: encodedPayload, signature }, keyOf(a1), { algorithms: ['HS256'] })
    expect(text(flat.payload)).to.equal(a1.payload)
  })

  it('has the strict compact shape this server requires (its CR LF are inside the JSON)', function () {
    expect(isStrictCompactJws(a1.compact)).to.equal(true)
  })

  it('is refused by the server\'s path, which names keys by kid only: the example has none', async function () {
    expect(await verifyCompactHs256(a1.compact, keyRing({ kid: 'a1', key: keyOf(a1) }))).to.equal(null)
  })

  it('does not verify once a payload octet changes', async function () {
    const [header, , signature] = a1.compact.split('.')
    const tampered = `${header}.${Buffer.from(a1.payload.replace('joe', 'eve')).toString('base64url')}.${signature}`
    let refused = false
    await compactVerify(tampered, keyOf(a1), { algorithms: ['HS256'] }).catch(() => { refused = true })
    expect(refused).to.equal(true)
  })
})

describe('RFC 7520 §4.4 (HMAC-SHA2 integrity protection)', function () {
  const example = fixture('rfc7520_4_4.json')
  const ring = keyRing({ kid: example.jwk.kid ?? '', key: keyOf(example) })

  it('verifies through the server\'s path, the key chosen by its kid, to the RFC\'s payload and header', async function () {
    const result = await verifyCompactHs256(example.compact, ring)
    expect(result === null ? null : text(result.payload)).to.equal(example.payload)
    expect(result?.header).to.deep.equal(JSON.parse(example.protectedHeader))
  })

  it('has a flattened JSON serialization of the same three parts, which jose verifies too', async function () {
    const flat = example.flattened ?? { protected: '', payload: '', signature: '' }
    expect(`${flat.protected}.${flat.payload}.${flat.signature}`).to.equal(example.compact)
    expect(text((await flattenedVerify(flat, keyOf(example), { algorithms: ['HS256'] })).payload)).to.equal(example.payload)
  })

  it('is refused with another key under the same kid, and under a kid not on the allow-list', async function () {
    expect(await verifyCompactHs256(example.compact, keyRing({ kid: example.jwk.kid ?? '', key: createSecretKey(Buffer.alloc(32)) }))).to.equal(null)
    expect(await verifyCompactHs256(example.compact, keyRing({ kid: 'another-kid', key: keyOf(example) }))).to.equal(null)
  })

  describe('malformed variants (the kinds of case Wycheproof lists), each refused', function () {
    const [header = '', payload = '', signature = ''] = example.compact.split('.')
    const mac = (input: string): string => createHmac('sha256', Buffer.from(example.jwk.k, 'base64url')).update(input).digest('base64url')
    const flip = (segment: string): string => (segment[0] === 'A' ? 'B' : 'A') + segment.slice(1)
    const none = Buffer.from('{"alg":"none","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"}').toString('base64url')
    const cases: Readonly<Record<string, string>> = {
      'a modified signature': `${header}.${payload}.${flip(signature)}`,
      'a missing signature': `${header}.${payload}.`,
      'a missing signature and separator': `${header}.${payload}`,
      'a modified payload': `${header}.${flip(payload)}.${signature}`,
      'a missing payload': `${header}..${signature}`,
      'a missing payload and separator': `${header}.${signature}`,
      'a modified header': `${flip(header)}.${payload}.${signature}`,
      'a missing header': `.${payload}.${signature}`,
      'only the payload': payload,
      'an empty string': '',
      'an extra empty segment': `${example.compact}.`,
      'an extra segment': `${example.compact}.Zm9v`,
      'alg none without a signature': `${none}.${payload}.`,
      'alg none with the HMAC of its signing input': `${none}.${payload}.${mac(`${none}.${payload}`)}`,
      'the JSON serialization instead of the compact one': JSON.stringify(example.flattened),
      'spaces before the signature': `${header}.${payload}.    ${signature}`,
      'spaces before the payload, MAC recomputed': `${header}.    ${payload}.${mac(`${header}.    ${payload}`)}`,
      'a character outside base64url in the signature': `${header}.${payload}.?${signature}`,
      'a character outside base64url in the payload, MAC recomputed': `${header}.?${payload}.${mac(`${header}.?${payload}`)}`,
      'base64 padding on the signature': `${header}.${payload}.${signature}=`,
      'non-zero unused bits in the payload, MAC recomputed': `${header}.AB.${mac(`${header}.AB`)}`,
    }
    for (const [what, token] of Object.entries(cases)) {
      it(`refuses ${what}`, async function () {
        expect(await verifyCompactHs256(token, ring)).to.equal(null)
      })
    }

    it('accepts whitespace inside the JSON of a correctly signed header (control)', async function () {
      const spaced = Buffer.from('{ "alg" : "HS256",\n\t"kid" : "018c0ae5-4d9b-471b-bfd6-eef314bc7037" }').toString('base64url')
      const token = `${spaced}.${payload}.${mac(`${spaced}.${payload}`)}`
      expect(await verifyCompactHs256(token, ring)).not.to.equal(null)
    })
  })
})
