// JwtAuth (AUTH_TYPE=jwt_auth): stateless signed tokens. A short-lived access JWT authenticates
// (Bearer header, else the SESSION_NAME cookie); a longer-lived refresh JWT buys new access tokens.
// Nothing is stored, so nothing can be revoked before it expires: JwtRedisAuth overrides the hooks.
import { SignJWT, type JWTPayload } from 'jose'
import { v4 as uuidv4 } from 'uuid'
import { systemClock, type Clock } from '../../../models/clock.js'
import type { User, UserRepository } from '../../../models/user.js'
import type { JwtConfig } from '../config.js'
import { Auth, type AuthOptions, type AuthRequest } from './auth.js'
import { verifyHs256Jwt } from './jws.js'
import type { JwtKeys, KeyRing } from './jwt_keys.js'
import { VerifiedTokens } from './verified_tokens.js'

export type JwtAuthOptions = AuthOptions & Omit<JwtConfig, 'secret' | 'oldSecrets'>

/** What login and refresh hand the client. */
export interface TokenGrant {
  readonly accessToken: string
  readonly refreshToken: string
  /** Seconds the access token lives (expires_in, and its cookie's Max-Age). */
  readonly expiresIn: number
  /** Seconds the refresh token has left (its cookie's Max-Age). */
  readonly refreshMaxAge: number
}

/** A refresh token issued or accepted: whose it is, and when it expires (seconds since the epoch). */
export interface RefreshGrant {
  readonly token: string
  readonly userId: string
  readonly expiresAt: number
}

/** The claims of a verified access token that a subclass may need (e.g. to deny its jti). */
export interface AccessClaims extends JWTPayload {
  readonly sub: string
  readonly jti: string
  readonly exp: number
}

export const ACCESS_TYP = 'at+jwt'
export const REFRESH_TYP = 'refresh+jwt'

// RFC 6750 §2.1; the scheme is case-insensitive.
const BEARER = /^Bearer(?:[ \t]+(.*))?$/i

/** The token of an `Authorization: Bearer` header ('' when it has none), or null for any other header. */
export function bearerToken(header: string | null): string | null {
  const match = header === null ? null : BEARER.exec(header)
  return match === null ? null : match[1] ?? ''
}

export class JwtAuth extends Auth {
  private readonly verifiedTokens = new VerifiedTokens<AccessClaims>()

  constructor(
    protected readonly options: JwtAuthOptions,
    protected readonly users: UserRepository,
    protected readonly keys: JwtKeys,
    protected readonly clock: Clock = systemClock,
  ) {
    super(options)
  }

  /**
   * The access token a request carries: a Bearer header's whenever one is sent, else the session
   * cookie's (any other Authorization scheme is ignored); null when neither.
   */
  accessToken(request: AuthRequest | null): string | null {
    return bearerToken(this.authorizationHeader(request)) ?? this.sessionCookie(request)
  }

  /** The user a valid, unrevoked access token names, or null (no token, refused, or the user is gone). */
  override async currentUser(request: AuthRequest | null): Promise<User | null> {
    const claims = await this.verifiedAccess(request)
    return claims === null ? null : await this.users.get(claims.sub)
  }

  /** A new access token and refresh token for the user. */
  async login(userId: string): Promise<TokenGrant> {
    return this.grant(await this.issueRefreshToken(userId))
  }

  /** A new access token for a valid refresh token, or null when it is refused or its user is gone. */
  async refresh(refreshToken: string): Promise<TokenGrant | null> {
    const refresh = await this.redeemRefreshToken(refreshToken)
    if (refresh === null || (await this.users.get(refresh.userId)) === null) return null
    return this.grant(refresh)
  }

  /** Ends what the request's access token can end; here nothing (stateless), see revoke(). */
  async logout(request: AuthRequest | null): Promise<void> {
    const claims = await this.verifiedAccess(request)
    if (claims !== null) await this.revoke(claims)
  }

  /** The claims of the request's access token when valid and not revoked, else null. */
  protected async verifiedAccess(request: AuthRequest | null): Promise<AccessClaims | null> {
    const token = this.accessToken(request)
    if (token === null) return null
    const claims = this.verifiedTokens.get(token, this.nowSeconds(), this.options.leeway) ?? (await this.verifyAccess(token))
    return claims === null || (await this.isRevoked(claims)) ? null : claims
  }

  private async verifyAccess(token: string): Promise<AccessClaims | null> {
    const claims = await this.verify(token, this.keys.access, ACCESS_TYP, this.options.accessTtl)
    if (claims !== null) this.verifiedTokens.set(token, claims)
    return claims
  }

  // ---- Hooks: what a stateful subclass (JwtRedisAuth) overrides. ----

  /** Issues the refresh token of a new login; here a refresh JWT (typ refresh+jwt, the refresh key). */
  protected async issueRefreshToken(userId: string): Promise<RefreshGrant> {
    const now = this.nowSeconds()
    const expiresAt = now + this.options.refreshTtl
    const token = await this.sign({ sub: userId, jti: uuidv4(), iat: now, exp: expiresAt }, this.keys.refresh, REFRESH_TYP)
    return { token, userId, expiresAt }
  }

  /** Accepts a refresh token, or null; here a valid refresh JWT comes back unchanged (no rotation). */
  protected async redeemRefreshToken(token: string): Promise<RefreshGrant | null> {
    const claims = await this.verify(token, this.keys.refresh, REFRESH_TYP, this.options.refreshTtl)
    return claims === null ? null : { token, userId: claims.sub, expiresAt: claims.exp }
  }

  /** Claims the access token issued with `refresh` carries beyond the standard ones; none here. */
  protected accessClaims(_refresh: RefreshGrant): JWTPayload {
    return {}
  }

  /** Whether a validly signed access token has been revoked; never here (a copied token works until exp). */
  protected async isRevoked(_claims: AccessClaims): Promise<boolean> {
    return false
  }

  /** What logout does with the verified access token; nothing here (stateless). */
  protected async revoke(_claims: AccessClaims): Promise<void> {}

  // ---- Signing and verifying. ----

  private async grant(refresh: RefreshGrant): Promise<TokenGrant> {
    const now = this.nowSeconds()
    const { accessTtl } = this.options
    const claims = { ...this.accessClaims(refresh), sub: refresh.userId, jti: uuidv4(), iat: now, exp: now + accessTtl }
    const accessToken = await this.sign(claims, this.keys.access, ACCESS_TYP)
    return { accessToken, refreshToken: refresh.token, expiresIn: accessTtl, refreshMaxAge: Math.max(0, refresh.expiresAt - now) }
  }

  private sign(claims: JWTPayload, ring: KeyRing, typ: string): Promise<string> {
    const { issuer } = this.options
    return new SignJWT({ iss: issuer, aud: issuer, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ, kid: ring.signing.kid })
      .sign(ring.signing.key)
  }

  // exp and iat are required; iat may not be ahead of this clock by more than the leeway, and no
  // token may claim a longer life than this server gives (jose takes `exp: 1e400`, Infinity, as valid).
  private async verify(token: string, ring: KeyRing, typ: string, ttl: number): Promise<AccessClaims | null> {
    const { issuer, leeway } = this.options
    const claims = await verifyHs256Jwt(token, ring, {
      typ, issuer, audience: issuer, clockTolerance: leeway, maxTokenAge: ttl + leeway,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'], currentDate: this.clock.now(),
    })
    if (claims === null || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') return null
    const { iat, exp } = claims
    if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || (exp as number) - (iat as number) > ttl) return null
    return claims as AccessClaims
  }

  protected nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000)
  }
}
