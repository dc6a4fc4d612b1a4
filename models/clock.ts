// The time source every model and auth class reads, injected so tests move time without sleeping.

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
