// The token modes' keys: from JWT_SECRET (signs and verifies) and JWT_OLD_SECRETS (verify only),
// one access key and one refresh key per secret, derived apart so neither token passes for the other.
import { createHash, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto'

/** What a key is for; each purpose has its own HKDF label, so its own key. */
export type KeyPurpose = 'access' | 'refresh'

/** A derived HS256 key and the `kid` that names it in a token header. */
export interface NamedKey {
  readonly kid: string
  readonly key: KeyObject
}

/** The keys of one purpose: the one that signs, and every one that verifies, by kid. */
export interface KeyRing {
  readonly signing: NamedKey
  /** The key a header's kid names, or null for a kid not on the allow-list. */
  keyFor(kid: unknown): KeyObject | null
}

export interface JwtKeys {
  readonly access: KeyRing
  readonly refresh: KeyRing
}

const KEY_BYTES = 32
const LABELS: Readonly<Record<KeyPurpose, string>> = {
  access: 'koa-session-auth access',
  refresh: 'koa-session-auth refresh',
}

/** HKDF-SHA256 of the secret (salt empty, info the purpose's label, 32 bytes), named by its kid. */
export function deriveKey(secret: string, purpose: KeyPurpose): NamedKey {
  const bytes = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), LABELS[purpose], KEY_BYTES))
  // The kid names the derived key, never the secret: it is public, in every token.
  return { kid: createHash('sha256').update(bytes).digest('hex').slice(0, 16), key: createSecretKey(bytes) }
}

/** A ring that signs with `signing` and verifies with it and each of `others`. */
export function keyRing(signing: NamedKey, others: readonly NamedKey[] = []): KeyRing {
  const byKid = new Map<string, KeyObject>([...others, signing].map(({ kid, key }) => [kid, key]))
  return {
    signing,
    keyFor: (kid) => (typeof kid === 'string' ? byKid.get(kid) ?? null : null),
  }
}

/** The access and refresh rings of a secret and the earlier secrets that still verify. */
export function jwtKeys(secret: string, oldSecrets: readonly string[]): JwtKeys {
  const ring = (purpose: KeyPurpose): KeyRing => keyRing(deriveKey(secret, purpose), oldSecrets.map((old) => deriveKey(old, purpose)))
  return { access: ring('access'), refresh: ring('refresh') }
}
