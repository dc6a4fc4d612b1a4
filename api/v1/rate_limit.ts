// The login rate limit: failed credential checks (logins, Basic headers) per email and per client
// address, admitted before any password is hashed; past a limit → 429 with Retry-After.
import { createHash } from 'node:crypto'
import { isIPv6 } from 'node:net'
import { TooManyAttemptsError, type AttemptLimit, type AttemptStore, type AttemptTicket } from '../../models/attempt_store.js'
import type { Clock } from '../../models/clock.js'
import type { Config } from './config.js'

/**
 * The key a client address is counted under: an IPv4 address as is (also when IPv4-mapped), an
 * IPv6 address by its /64 prefix, since one host usually owns a whole /64 and could rotate in it.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped !== null) return `ip:${mapped[1]}`
  if (!isIPv6(ip)) return `ip:${ip}`
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? []
  const left = head === '' ? [] : head.split(':')
  const right = tail === '' ? [] : tail.split(':')
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left
  return `ip:${groups.slice(0, 4).map((group) => group.toLowerCase().padStart(4, '0')).join(':')}::/64`
}

/**
 * The limits one login attempt counts against: the email (hashed) in Unicode NFC, as login looks
 * it up, so no spelling of an address gets a budget of its own; and the client.
 */
export function loginLimits(config: Config, email: string, ip: string): AttemptLimit[] {
  const account = createHash('sha256').update(email.normalize('NFC'), 'utf8').digest('hex')
  return [
    { key: `email:${account}`, max: config.loginMaxAttemptsPerEmail },
    { key: clientKey(ip), max: config.loginMaxAttemptsPerIp },
  ]
}

/**
 * Counts credential checks (logins, and Basic headers that need a bcrypt verification) in an
 * AttemptStore against the limits of the configuration.
 */
export class LoginLimit {
  constructor(private readonly attempts: AttemptStore, private readonly clock: Clock, private readonly config: Config) {}

  /** Admits one check of `email`'s password from `ip` and returns its ticket; TooManyAttemptsError past a limit. */
  async admit(email: string, ip: string): Promise<AttemptTicket> {
    const windowMs = this.config.loginWindowSeconds * 1000
    const admission = await this.attempts.admit(loginLimits(this.config, email, ip), this.clock.now().getTime(), windowMs)
    if (!admission.admitted) throw new TooManyAttemptsError(admission.retryAfterSeconds)
    return admission.ticket
  }

  /** Takes an admitted attempt back: it succeeded, so it was no failure. */
  forgive(ticket: AttemptTicket): Promise<void> {
    return this.attempts.forgive(ticket)
  }
}
