// Failed-login counters as rows of login_failures (key, instant), so every instance on the
// database shares the counts. The check and the count are one transaction holding an advisory lock
// per key, so parallel attempts in any number of processes cannot overshoot a limit.
import { createHash } from 'node:crypto'
import { retryAfterSeconds, type Admission, type AttemptLimit, type AttemptStore, type AttemptTicket } from '../attempt_store.js'
import { inTransaction, type Pool } from './db.js'
import { guarded } from './errors.js'
import type pg from 'pg'

// Deleting old rows at every attempt would be wasted work; once a minute keeps the table bounded.
const PURGE_INTERVAL_MS = 60_000

export class PostgresAttemptStore implements AttemptStore {
  private lastPurge = Number.NEGATIVE_INFINITY

  constructor(private readonly pool: Pool) {}

  async admit(limits: readonly AttemptLimit[], now: number, windowMs: number): Promise<Admission> {
    const counted = limits.filter((limit) => limit.max > 0)
    if (counted.length === 0) return { admitted: true, ticket: [] }
    const cutoff = now - windowMs
    return inTransaction(this.pool, async (client): Promise<Admission> => {
      // Locks taken in one order (sorted) by every transaction, so two can never wait on each other.
      await client.query('SELECT pg_advisory_xact_lock(id) FROM unnest($1::bigint[]) AS id', [lockIds(counted)])
      await this.purgeEveryMinute(client, now, cutoff)
      let wait = 0
      for (const limit of counted) wait = Math.max(wait, await waitSeconds(client, limit, cutoff, now, windowMs))
      if (wait > 0) return { admitted: false, retryAfterSeconds: wait }
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO login_failures (key, at) SELECT key, $2 FROM unnest($1::text[]) AS key RETURNING id',
        [counted.map(({ key }) => key), now],
      )
      return { admitted: true, ticket: rows.map(({ id }) => Number(id)) }
    })
  }

  async forgive(ticket: AttemptTicket): Promise<void> {
    if (ticket.length === 0) return
    await guarded(() => this.pool.query('DELETE FROM login_failures WHERE id = ANY($1::bigint[])', [ticket.map(String)]))
  }

  private async purgeEveryMinute(client: pg.PoolClient, now: number, cutoff: number): Promise<void> {
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return
    this.lastPurge = now
    await client.query('DELETE FROM login_failures WHERE at <= $1', [cutoff])
  }
}

// Seconds until `key` has room for one more attempt: 0 when it has room now.
async function waitSeconds(client: pg.PoolClient, { key, max }: AttemptLimit, cutoff: number, now: number, windowMs: number): Promise<number> {
  const counted = await client.query<{ count: number }>('SELECT COUNT(*)::int AS count FROM login_failures WHERE key = $1 AND at > $2', [key, cutoff])
  const count = counted.rows[0]?.count ?? 0
  if (count < max) return 0
  const oldest = await client.query<{ at: string }>(
    'SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at LIMIT 1 OFFSET $3',
    [key, cutoff, count - max],
  )
  return retryAfterSeconds(Number(oldest.rows[0]?.at ?? now), now, windowMs)
}

// One 64-bit lock id per distinct key (from its SHA-256), sorted, as decimal strings for bigint[].
function lockIds(limits: readonly AttemptLimit[]): string[] {
  const ids = new Set(limits.map(({ key }) => createHash('sha256').update(key, 'utf8').digest().readBigInt64BE(0)))
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String)
}
