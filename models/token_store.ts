// Refresh-token families and denied access tokens (jwt_redis_auth; docs/tokens.md): the async
// interface the token mode uses. A family is the chain of refresh tokens one login starts; only
// hashes of its tokens are kept. Every step that reads and writes is one atomic step.

/** What presenting a refresh token did to its family. */
export type Rotation =
  /** It was the family's current token: it is now spent, and `nextHash` is current. */
  | { readonly outcome: 'rotated', readonly userId: string, readonly secondsLeft: number }
  /** It was an earlier, spent token of a live family: the family has ended (reuse detection). */
  | { readonly outcome: 'reused' }
  /** No live family has it (never issued, forged, ended or expired): nothing changed. */
  | { readonly outcome: 'unknown' }

export interface TokenStore {
  /** Starts a family whose first refresh token has `tokenHash`; it ends by itself after `ttlSeconds`. */
  startFamily(familyId: string, userId: string, tokenHash: string, ttlSeconds: number): Promise<void>
  /** Spends the family's current token for `nextHash`, or ends the family when a spent one is shown again. */
  rotate(familyId: string, tokenHash: string, nextHash: string): Promise<Rotation>
  /** Whether an access token of this family and jti is still honoured: the family lives and the jti is not denied. */
  isAccepted(familyId: string, jti: string): Promise<boolean>
  /** Logout: denies `jti` for `ttlSeconds` (until the token's own exp) and ends its family, in one step. */
  revoke(familyId: string, jti: string, ttlSeconds: number): Promise<void>
  /** Ends every family of the user, on every process sharing the store; answers how many. */
  endUser(userId: string): Promise<number>
}
