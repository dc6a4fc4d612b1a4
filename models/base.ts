// Base model of the exercise (models/base.py): uuid4 id, UTC timestamps and the public JSON. Its
// storage operations (save, remove, count, all, get, search) are the store interfaces' (user_store.ts).
import { v4 as uuidv4 } from 'uuid'

export interface BaseFields {
  id?: string
  createdAt?: Date
  updatedAt?: Date
}

// Every response with a user formats its two timestamps: the text of recent instants is kept
// (bounded), so a hot user costs two map lookups instead of two toISOString calls.
const FORMATTED_KEPT = 1024
const formatted = new Map<number, string>()

/** Renders a timestamp as the exercise does: `YYYY-MM-DDTHH:MM:SS`, UTC, no zone, no fraction. */
export function formatTimestamp(date: Date): string {
  const ms = date.getTime()
  let text = formatted.get(ms)
  if (text === undefined) {
    text = date.toISOString().slice(0, 19)
    if (formatted.size >= FORMATTED_KEPT) formatted.clear()
    formatted.set(ms, text)
  }
  return text
}

/** Parses a stored timestamp; a value without a zone is UTC, as the exercise writes them. */
export function parseTimestamp(value: string): Date {
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`
  const date = new Date(zoned)
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid timestamp "${value}"`)
  return date
}

export abstract class Base {
  readonly id: string
  createdAt: Date
  updatedAt: Date

  constructor(fields: BaseFields, now: Date) {
    this.id = fields.id ?? uuidv4()
    this.createdAt = fields.createdAt ?? now
    this.updatedAt = fields.updatedAt ?? this.createdAt
  }

  /** The public JSON: the exercise leaves out attributes starting with `_`; subclasses add theirs. */
  toJSON(): Record<string, unknown> {
    return { id: this.id, created_at: formatTimestamp(this.createdAt), updated_at: formatTimestamp(this.updatedAt) }
  }
}
