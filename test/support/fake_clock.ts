// A clock tests move by hand: no sleeping to make a session expire.
import type { Clock } from '../../models/clock.js'

export class FakeClock implements Clock {
  private current: number

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime()
  }

  now(): Date {
    return new Date(this.current)
  }

  advance(seconds: number): void {
    this.current += seconds * 1000
  }
}
