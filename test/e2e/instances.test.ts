// Two token-mode server processes with the same JWT_SECRET on one PostgreSQL database (and, in
// jwt_redis_auth, one Redis): a token either issues is accepted by the other. jwt_auth is
// stateless, so a logout on one does not stop a copied access token on the other; in
// jwt_redis_auth a logout, a rotation, the end of every family or a deletion on one is refused on
// the other at once.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB } from '../support/app.js'
import { call, tokenLogin, tokenRefresh, type Reply, type Target, type TokenPair } from '../support/http_client.js'
import { useTwoInstances } from '../support/instances.js'
import { decode, JWT_SECRET } from '../support/jwt.js'
import { seedPostgresUser } from '../support/seed_user.js'
import type { ServerProcess } from '../support/server_process.js'

const FORBIDDEN = { status: 403, body: { error: 'Forbidden' } }

function answer(reply: Reply): { status: number, body: unknown } {
  return { status: reply.status, body: reply.body }
}

/** GET /users/me with `access` as a Bearer token. */
async function meWith(server: Target, access: string): Promise<{ status: number, body: unknown }> {
  return answer(await call(server.url, 'GET', '/api/v1/users/me', { headers: { Authorization: `Bearer ${access}` } }))
}

/** A request with `access` as a Bearer token. */
async function asBearer(server: Target, method: string, path: string, access: string): Promise<{ status: number, body: unknown }> {
  return answer(await call(server.url, method, path, { headers: { Authorization: `Bearer ${access}` } }))
}

/** POST /auth_jwt/refresh with `refresh` in a JSON body, status and body only. */
async function refreshWith(server: Target, refresh: string): Promise<{ status: number, body: unknown }> {
  return answer(await call(server.url, 'POST', '/api/v1/auth_jwt/refresh', { json: { refresh_token: refresh } }))
}

describe('two jwt_auth server processes with one JWT_SECRET on one PostgreSQL database', function () {
  this.timeout(60_000)
  let bob: User
  let a: ServerProcess
  let b: ServerProcess

  useTwoInstances({ AUTH_TYPE: 'jwt_auth', JWT_SECRET }, (instances) => ({ a, b, bob } = instances))

  it('answers 200 on one process to the access token the other issued, and refreshes there with its refresh token', async function () {
    const tokens = await tokenLogin(a, BOB)
    expect(await meWith(b, tokens.access)).to.deep.equal({ status: 200, body: bob.toJSON() })
    const refreshed = await tokenRefresh(b, tokens.refresh)
    expect(await meWith(a, refreshed.access)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('still answers 200 on one process, until exp, to an access token logged out on the other: jwt_auth is stateless', async function () {
    const tokens = await tokenLogin(a, BOB)
    expect(await asBearer(b, 'DELETE', '/api/v1/auth_jwt/logout', tokens.access)).to.deep.equal({ status: 200, body: {} })
    expect(await meWith(a, tokens.access)).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await meWith(b, tokens.access)).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(decode(tokens.access).payload.exp).to.be.above(Date.now() / 1000)
  })
})

describe('two jwt_redis_auth server processes with one JWT_SECRET on one PostgreSQL database and one Redis', function () {
  this.timeout(60_000)
  let bob: User
  let a: ServerProcess
  let b: ServerProcess
  let databaseUrl: string

  useTwoInstances({ AUTH_TYPE: 'jwt_redis_auth', JWT_SECRET }, (instances) => ({ a, b, bob, databaseUrl } = instances))

  /** Every token of `pairs` is refused on `server`: access tokens and refresh tokens alike. */
  async function expectAllRefused(server: Target, pairs: readonly TokenPair[]): Promise<void> {
    for (const { access, refresh } of pairs) {
      expect(await meWith(server, access), 'access token').to.deep.equal(FORBIDDEN)
      expect(await refreshWith(server, refresh), 'refresh token').to.deep.equal(FORBIDDEN)
    }
  }

  it('answers 200 on one process to the access token the other issued, both ways', async function () {
    expect(await meWith(b, (await tokenLogin(a, BOB)).access)).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await meWith(a, (await tokenLogin(b, BOB)).access)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('rotates on one process the refresh token the other issued: the old one is then refused on the first, and that reuse ends the family', async function () {
    const issued = await tokenLogin(a, BOB)
    const rotated = await tokenRefresh(b, issued.refresh)
    expect(rotated.refresh).to.not.equal(issued.refresh)
    expect(await meWith(a, rotated.access)).to.deep.equal({ status: 200, body: bob.toJSON() })
    expect(await refreshWith(a, issued.refresh)).to.deep.equal(FORBIDDEN)
    // The reuse on A ended the family B rotated: its newest tokens die on B too.
    await expectAllRefused(b, [rotated])
  })

  it('answers 403 on one process at once to an access token logged out on the other, and refuses its refresh token; another login stays', async function () {
    const ended = await tokenLogin(a, BOB)
    const kept = await tokenLogin(a, BOB)
    expect(await asBearer(b, 'DELETE', '/api/v1/auth_jwt/logout', ended.access)).to.deep.equal({ status: 200, body: {} })
    await expectAllRefused(a, [ended])
    expect(await meWith(a, kept.access)).to.deep.equal({ status: 200, body: bob.toJSON() })
  })

  it('ends on one process every token family of the user after DELETE /users/me/sessions on the other', async function () {
    const onA = await Promise.all([tokenLogin(a, BOB), tokenLogin(a, BOB)])
    const onB = await tokenLogin(b, BOB)
    expect(await asBearer(b, 'DELETE', '/api/v1/users/me/sessions', onB.access)).to.deep.equal({ status: 200, body: {} })
    await expectAllRefused(a, [...onA, onB])
  })

  it('refuses on one process the tokens of a user deleted on the other', async function () {
    const carol = await seedPostgresUser(databaseUrl, 'carol@hbtn.io', 'carol pwd')
    const carols = await tokenLogin(a, { email: 'carol@hbtn.io', password: 'carol pwd' })
    expect(await meWith(a, carols.access)).to.deep.equal({ status: 200, body: carol.toJSON() })
    const admin = await tokenLogin(b, BOB)
    expect(await asBearer(b, 'DELETE', `/api/v1/users/${carol.id}`, admin.access)).to.deep.equal({ status: 200, body: {} })
    await expectAllRefused(a, [carols])
  })
})
