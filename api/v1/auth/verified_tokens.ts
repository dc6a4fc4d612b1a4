// Access tokens this process has verified, by their exact text, kept until their exp: a client
// sends the same access token on every request of its lifetime, and checking its signature and
// claims again each time would cost more than the rest of the request. Only tokens that passed
// every check are kept; a token that differs by one byte is a different key, so it is verified
// anew. Revocation (jwt_redis_auth) is still asked on every request.

export interface ExpiringClaims {
  readonly exp: number
}

export class VerifiedTokens<C extends ExpiringClaims> {
  // Insertion order: when full, the oldest entry goes first.
  private readonly entries = new Map<string, C>()

  constructor(private readonly capacity = 10_000) {}

  /** The claims of a token verified before and not expired at `nowSeconds` (jose's rule: exp > now - leeway). */
  get(token: string, nowSeconds: number, leeway: number): C | undefined {
    const claims = this.entries.get(token)
    if (claims === undefined || claims.exp > nowSeconds - leeway) return claims
    this.entries.delete(token)
    return undefined
  }

  set(token: string, claims: C): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done !== true) this.entries.delete(oldest.value)
    }
    this.entries.set(token, claims)
  }
}
