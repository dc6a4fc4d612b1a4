// Failed-login counters in this process's memory: per key, the instants of its counted attempts,
// oldest first; JavaScript runs one admit at a time, so check-and-count is atomic here.
import { retryAfterSeconds, type Admission, type AttemptLimit, type AttemptStore, type AttemptTicket } from '../attempt_store.js'

interface Counted {
  readonly id: number
  readonly at: number
}

export class MemoryAttemptStore implements AttemptStore {
  private readonly byKey = new Map<string, Counted[]>()
  private readonly keyOf = new Map<number, string>()
  private nextId = 1
  private lastSweep = Number.NEGATIVE_INFINITY

  async admit(limits: readonly AttemptLimit[], now: number, windowMs: number): Promise<Admission> {
    this.sweepEvery(windowMs, now)
    let wait = 0
    for (const { key, max } of limits) {
      if (max <= 0) continue
      const live = this.live(key, now - windowMs)
      const freesRoom = live.length >= max ? live[live.length - max] : undefined
      if (freesRoom !== undefined) wait = Math.max(wait, retryAfterSeconds(freesRoom.at, now, windowMs))
    }
    if (wait > 0) return { admitted: false, retryAfterSeconds: wait }
    const ticket = limits.filter((limit) => limit.max > 0).map(({ key }) => this.count(key, now))
    return { admitted: true, ticket }
  }

  async forgive(ticket: AttemptTicket): Promise<void> {
    for (const id of ticket) {
      const key = this.keyOf.get(id)
      if (key === undefined) continue
      this.keyOf.delete(id)
      const left = (this.byKey.get(key) ?? []).filter((counted) => counted.id !== id)
      if (left.length === 0) this.byKey.delete(key)
      else this.byKey.set(key, left)
    }
  }

  // The key's attempts after `cutoff`; older ones are dropped, so memory stays bounded by the window.
  private live(key: string, cutoff: number): Counted[] {
    const all = this.byKey.get(key) ?? []
    const first = all.findIndex((counted) => counted.at > cutoff)
    const live = first === -1 ? [] : all.slice(first)
    for (const old of all.slice(0, first === -1 ? all.length : first)) this.keyOf.delete(old.id)
    if (live.length === 0) this.byKey.delete(key)
    else this.byKey.set(key, live)
    return live
  }

  // Keys nobody tries again would stay forever: once per window every key drops its old attempts.
  private sweepEvery(windowMs: number, now: number): void {
    if (now - this.lastSweep < windowMs) return
    this.lastSweep = now
    for (const key of [...this.byKey.keys()]) this.live(key, now - windowMs)
  }

  private count(key: string, at: number): number {
    const id = this.nextId++
    this.keyOf.set(id, key)
    const counted = this.byKey.get(key)
    if (counted === undefined) this.byKey.set(key, [{ id, at }])
    else counted.push({ id, at })
    return id
  }
}
