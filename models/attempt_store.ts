// Failed-login counters for the rate limit (docs/design.md, Storage): the async interface every
// backend implements. Checking a key and counting an attempt is one atomic step, so parallel
// attempts (in one process or several) cannot overshoot a limit.

/** A key (e.g. an email hash or a client address) and how many attempts it may make per window. */
export interface AttemptLimit {
  readonly key: string
  /** 0 means no limit: nothing is counted for this key. */
  readonly max: number
}

/** What admitted an attempt: the counts to take back if it turns out not to be a failure. */
export type AttemptTicket = readonly number[]

/** An admitted attempt carries its ticket; a refused one, when to come back. */
export type Admission =
  | { readonly admitted: true, readonly ticket: AttemptTicket }
  | { readonly admitted: false, readonly retryAfterSeconds: number }

export interface AttemptStore {
  /**
   * Counts one attempt at `now` (ms) against every limit, or none when any key already has `max`
   * attempts within the `windowMs` before now.
   */
  admit(limits: readonly AttemptLimit[], now: number, windowMs: number): Promise<Admission>
  /** Takes an admitted attempt back (the login succeeded, so it was no failure). */
  forgive(ticket: AttemptTicket): Promise<void>
}

/** Thrown when an attempt is refused because a limit is full; the client may retry later. */
export class TooManyAttemptsError extends Error {
  readonly code = 'ERR_TOO_MANY_ATTEMPTS'
  override name = 'TooManyAttemptsError'

  constructor(readonly retryAfterSeconds: number) {
    super('too many attempts')
  }
}

/** Seconds until a key whose oldest counted attempt (of those that fill it) was at `oldest` has room. */
export function retryAfterSeconds(oldest: number, now: number, windowMs: number): number {
  return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))
}
