// Password hashing (docs/security.md): bcrypt for new hashes, legacy unsalted SHA-256 hex from
// imported exercise files accepted once, the same work on every failing path so timing tells
// nothing, and every bcrypt run in the worker pool (models/bcrypt_pool.ts), off the event loop.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { compareInPool, hashInPool } from './bcrypt_pool.js'

/** bcrypt reads only the first 72 bytes; longer passwords are refused rather than truncated. */
export const MAX_PASSWORD_BYTES = 72

const BCRYPT_HASH = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/
const LEGACY_SHA256_HASH = /^[0-9a-f]{64}$/

export interface PasswordCheck {
  readonly valid: boolean
  /** True when the stored hash is a legacy one that should be replaced by a bcrypt hash. */
  readonly rehash: boolean
}

const INVALID: PasswordCheck = Object.freeze({ valid: false, rehash: false })

/** True when bcrypt could not honour every byte of this password. */
export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES
}

/** Hashes and verifies passwords at one bcrypt cost, with a real dummy hash for failing paths. */
export class PasswordHasher {
  private dummy: Promise<string> | undefined

  constructor(readonly rounds: number) {}

  /** A bcrypt hash of the password; throws a RangeError for a password over 72 bytes. */
  async hash(password: string): Promise<string> {
    if (passwordTooLong(password)) throw new RangeError(`password longer than ${MAX_PASSWORD_BYTES} bytes`)
    return hashInPool(password, this.rounds)
  }

  /** Compares a password with a stored hash; every outcome costs one bcrypt comparison. */
  async check(password: unknown, storedHash: string | null): Promise<PasswordCheck> {
    if (typeof password !== 'string' || passwordTooLong(password) || storedHash === null) {
      await this.burn()
      return INVALID
    }
    if (BCRYPT_HASH.test(storedHash)) {
      return { valid: await compareInPool(password, storedHash), rehash: false }
    }
    await this.burn()
    if (!LEGACY_SHA256_HASH.test(storedHash)) return INVALID
    const digest = createHash('sha256').update(password, 'utf8').digest()
    const valid = timingSafeEqual(digest, Buffer.from(storedHash, 'hex'))
    return valid ? { valid: true, rehash: true } : INVALID
  }

  /** Starts computing the dummy hash now, so the first failing login is not slower than others. */
  warmUp(): Promise<void> {
    return this.dummyHash().then(() => undefined)
  }

  private async burn(): Promise<void> {
    await compareInPool(randomBytes(9).toString('base64'), await this.dummyHash())
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= hashInPool(randomBytes(18).toString('base64'), this.rounds)
    return this.dummy
  }
}
