// JwtRedisAuth (AUTH_TYPE=jwt_redis_auth): JwtAuth whose refresh tokens are opaque and rotate, and
// whose tokens can be revoked. A login starts a family in Redis; every refresh spends the family's
// current token for a new one, and showing a spent one again ends the family (reuse detection).
// Access tokens name their family (sid): one that ended, or a logged-out jti, is refused at once.
import { randomBytes } from 'node:crypto'
import type { JWTPayload } from 'jose'
import { v4 as uuidv4 } from 'uuid'
import type { Clock } from '../../../models/clock.js'
import type { TokenStore } from '../../../models/token_store.js'
import { hashSessionId } from '../../../models/user_session.js'
import type { UserRepository } from '../../../models/user.js'
import { JwtAuth, type AccessClaims, type JwtAuthOptions, type RefreshGrant } from './jwt_auth.js'
import type { JwtKeys } from './jwt_keys.js'

// `<family id>.<secret>`: a uuid4, then 256 random bits in base64url (43 characters).
const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/

/** Only this hash of a refresh token is stored (the same SHA-256 hex as a session id): a copy of Redis yields no usable token. */
const hashToken = hashSessionId

function newRefreshToken(familyId: string): string {
  return `${familyId}.${randomBytes(32).toString('base64url')}`
}

export class JwtRedisAuth extends JwtAuth {
  constructor(options: JwtAuthOptions, users: UserRepository, keys: JwtKeys, clock: Clock, private readonly tokens: TokenStore) {
    super(options, users, keys, clock)
  }

  /** Ends every token family of the user: all its refresh and access tokens are refused at once. */
  override async endAllSessions(userId: string): Promise<boolean> {
    await this.tokens.endUser(userId)
    return true
  }

  protected override async issueRefreshToken(userId: string): Promise<RefreshGrant> {
    const token = newRefreshToken(uuidv4())
    const { refreshTtl } = this.options
    await this.tokens.startFamily(familyOf(token), userId, hashToken(token), refreshTtl)
    return { token, userId, expiresAt: this.nowSeconds() + refreshTtl }
  }

  /** Rotates: the token shown is spent, a new one of the same family comes back; null when refused. */
  protected override async redeemRefreshToken(token: string): Promise<RefreshGrant | null> {
    if (!REFRESH_TOKEN.test(token)) return null
    const next = newRefreshToken(familyOf(token))
    const rotation = await this.tokens.rotate(familyOf(token), hashToken(token), hashToken(next))
    if (rotation.outcome !== 'rotated') return null
    return { token: next, userId: rotation.userId, expiresAt: this.nowSeconds() + rotation.secondsLeft }
  }

  protected override accessClaims(refresh: RefreshGrant): JWTPayload {
    return { sid: familyOf(refresh.token) }
  }

  /** One Redis round trip: the family lives and the jti is not denied. */
  protected override async isRevoked(claims: AccessClaims): Promise<boolean> {
    const { sid } = claims
    return typeof sid !== 'string' || !(await this.tokens.isAccepted(sid, claims.jti))
  }

  /** Logout: the access token's jti is denied until its own exp, and its family ends. */
  protected override async revoke(claims: AccessClaims): Promise<void> {
    await this.tokens.revoke(String(claims.sid), claims.jti, claims.exp - this.nowSeconds())
  }
}

function familyOf(token: string): string {
  return token.slice(0, token.indexOf('.'))
}
