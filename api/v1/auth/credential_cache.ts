// Verified Basic credentials (docs/security.md, Basic auth): a bounded,
// short-lived map from an HMAC of the whole Authorization header to the user it proved, so a
// client that repeats its header does not pay one bcrypt per request.
import { createHmac, createSecretKey, randomBytes } from 'node:crypto'
import type { Clock } from '../../../models/clock.js'

/** What a verification proved: the user, and the email and hash the password matched. */
export interface VerifiedCredential {
  readonly userId: string
  readonly email: string
  readonly passwordHash: string
}

export interface CredentialCacheOptions {
  readonly clock: Clock
  /** Seconds an entry is trusted after its bcrypt verification (default 60). */
  readonly ttlSeconds?: number
  /** Entries kept at most; the least recently used goes first (default 10,000). */
  readonly maxEntries?: number
}

interface Entry extends VerifiedCredential {
  readonly expiresAt: number
}

export class CredentialCache {
  // Per process and never stored: a copy of the keys is useless anywhere else.
  private readonly secret = createSecretKey(randomBytes(32))
  private readonly entries = new Map<string, Entry>()
  private readonly pending = new Map<string, Promise<VerifiedCredential | null>>()
  private readonly clock: Clock
  private readonly ttlMs: number
  private readonly maxEntries: number

  constructor(options: CredentialCacheOptions) {
    this.clock = options.clock
    this.ttlMs = (options.ttlSeconds ?? 60) * 1000
    this.maxEntries = options.maxEntries ?? 10_000
  }

  /** Entries currently held (expired ones included until they are looked up or evicted). */
  get size(): number {
    return this.entries.size
  }

  /** What this exact header value proved less than ttlSeconds ago, or null. */
  get(header: string): VerifiedCredential | null {
    const key = this.keyFor(header)
    const entry = this.entries.get(key)
    if (entry === undefined) return null
    this.entries.delete(key)
    if (entry.expiresAt <= this.clock.now().getTime()) return null
    this.entries.set(key, entry) // most recently used goes last
    return entry
  }

  /**
   * Runs `verify` for this header unless a verification of the same header is already running,
   * whose result is then shared: a burst of one client's requests costs one bcrypt, not one each.
   * A non-null result is remembered; null (a failure) never is.
   */
  async verifyOnce(header: string, verify: () => Promise<VerifiedCredential | null>): Promise<VerifiedCredential | null> {
    const key = this.keyFor(header)
    let verification = this.pending.get(key)
    if (verification === undefined) {
      verification = verify().then((credential) => {
        if (credential !== null) this.store(key, credential)
        return credential
      }).finally(() => this.pending.delete(key))
      this.pending.set(key, verification)
    }
    return verification
  }

  /** Records that this header value was just verified by bcrypt; call it only on success. */
  remember(header: string, credential: VerifiedCredential): void {
    this.store(this.keyFor(header), credential)
  }

  private store(key: string, credential: VerifiedCredential): void {
    this.entries.delete(key)
    this.entries.set(key, { ...credential, expiresAt: this.clock.now().getTime() + this.ttlMs })
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next()
      if (oldest.done === true) break
      this.entries.delete(oldest.value)
    }
  }

  /** Drops what this header value proved (its user changed or disappeared). */
  forget(header: string): void {
    this.entries.delete(this.keyFor(header))
  }

  // HMAC of the whole header, never a hash of concatenated fields (the Okta 2024 flaw) nor plaintext.
  private keyFor(header: string): string {
    return createHmac('sha256', this.secret).update(header, 'utf8').digest('base64url')
  }
}
