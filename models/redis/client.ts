// The Redis connection of the Redis modes (node-redis): fails fast instead of queueing. Commands
// are refused at once while disconnected, and any command unanswered after the deadline fails,
// so a request that needs Redis answers 503 within a second and never hangs; the client reconnects
// by itself and service resumes as soon as Redis answers again.
import { createClient, ErrorReply } from 'redis'
import { StoreUnavailableError } from '../store_errors.js'

/** The client type the stores use (no modules, functions or scripts registered on it). */
export type RedisClient = ReturnType<typeof createClient>

export interface RedisOptions {
  /** Milliseconds a command may take before the request fails with 503 (default 500). */
  readonly commandTimeoutMs?: number
  /** Receives the client's errors (a lost connection, a failed reconnect); they never crash the process. */
  readonly onError?: (error: Error) => void
}

/** How a Redis store reaches Redis: every command runs on the client under the deadline. */
export interface RedisConnection {
  /** Runs one command (or script) with the deadline; a failure to get an answer throws StoreUnavailableError. */
  run<T>(command: (client: RedisClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

const DEFAULT_COMMAND_TIMEOUT_MS = 500
const CONNECT_TIMEOUT_MS = 1000
// Reconnect delays: 50 ms, 100 ms, ... never more than 500 ms apart, so a Redis that is back is
// found within half a second.
const MAX_RECONNECT_DELAY_MS = 500
// Commands written and not yet answered (a paused Redis): past this, new ones fail at once
// instead of piling up in memory.
const MAX_QUEUED_COMMANDS = 10_000
// Error replies that mean "not now" (loading, busy script, out of memory, read-only replica...).
const TRANSIENT_REPLY = /^(LOADING|BUSY|MISCONF|READONLY|OOM|TRYAGAIN|MASTERDOWN|NOREPLICAS|CLUSTERDOWN)\b/

/**
 * Connects to `url`; rejects (naming REDIS_URL, never its password) when Redis cannot be reached
 * now. Once connected, a lost connection is retried forever in the background.
 */
export async function openRedis(url: string, options: RedisOptions = {}): Promise<RedisConnection> {
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
  let connected = false
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    commandOptions: { timeout: timeoutMs },
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start, the first failure is final (the server must not come up without its Redis).
      reconnectStrategy: (retries, cause) => connected ? Math.min(50 * (retries + 1), MAX_RECONNECT_DELAY_MS) : cause,
    },
  })
  // Reported once per cause, not at every reconnect attempt of an outage; a failure to connect at
  // start is the rejection below, not a report.
  let lastError: string | null = null
  client.on('error', (error: Error) => {
    if (!connected) return
    const message = `Redis: ${messageOf(error)}`
    if (message !== lastError) options.onError?.(new Error(message, { cause: error }))
    lastError = message
  })
  client.on('ready', () => { lastError = null })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`cannot reach Redis at REDIS_URL=${redactedUrl(url)}: ${messageOf(error)}`)
  }
  connected = true
  return {
    run: (command) => withDeadline(command(client), timeoutMs),
    // Graceful when Redis answers; a Redis that is away must not hold up the shutdown.
    async close() {
      if (!client.isOpen) return
      await withDeadline(client.close(), timeoutMs).catch(() => client.destroy())
    },
  }
}

/** The URL with its password (and user name) replaced, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password === '') return url
    parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'redis://(unparsable)'
  }
}

// node-redis's own timeout covers a command until it is written, not the wait for its answer (a
// paused Redis answers nothing): this deadline covers both.
async function withDeadline<T>(pending: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([pending.catch(asStoreError), deadline])
  } finally {
    clearTimeout(timer)
  }
}

// Anything but an error reply is the connection failing (offline, closed, timed out, queue full):
// Redis may serve again later, so 503. An error reply is a bug (500) unless it says "not now".
function asStoreError(error: unknown): never {
  if (error instanceof ErrorReply && !TRANSIENT_REPLY.test(error.message)) throw error
  throw new StoreUnavailableError(`Redis unavailable: ${messageOf(error)}`, { cause: error })
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0])
  return error instanceof Error ? error.message : String(error)
}
