// Structured logs (issue 5): one JSON line per request and per session event. Secrets never reach
// a line: no header values, no bodies, no query strings, session ids only as truncated hashes.
import { createHash } from 'node:crypto'
import type { Context, Next } from 'koa'
import type { SessionEvent } from './auth/session_events.js'

export const LOG_LEVELS = ['silent', 'error', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Where log lines go: one call per line, without the trailing newline. */
export type LogSink = (line: string) => void

export type LogFields = Readonly<Record<string, string | number | boolean | null>>

// Long paths are cut so one request cannot write an unbounded line.
const MAX_PATH_LENGTH = 512
const RANK: Readonly<Record<LogLevel, number>> = { silent: 0, error: 1, info: 2, debug: 3 }

/** The first 16 hex digits of the SHA-256 of a session id: enough to correlate, useless to replay. */
export function sessionHash(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex').slice(0, 16)
}

/** Writes JSON lines at or below its level; JSON escapes CR/LF, so input cannot forge lines. */
export class Logger {
  constructor(readonly level: LogLevel, private readonly sink: LogSink = writeStdout) {}

  error(fields: LogFields): void {
    this.write('error', fields)
  }

  info(fields: LogFields): void {
    this.write('info', fields)
  }

  debug(fields: LogFields): void {
    this.write('debug', fields)
  }

  /** Logs a session event with the session id hashed. */
  session(event: SessionEvent): void {
    const { event: name, sessionId, userId, reason } = event
    this.write('info', { event: `session.${name}`, session: sessionHash(sessionId), user_id: userId, ...(reason === undefined ? {} : { reason }) })
  }

  private write(level: Exclude<LogLevel, 'silent'>, fields: LogFields): void {
    if (RANK[level] > RANK[this.level]) return
    this.sink(JSON.stringify({ time: new Date().toISOString(), level, ...fields }))
  }
}

function writeStdout(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** Middleware: one line per request with method, path (no query), status and duration. */
export function logRequests(logger: Logger) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const start = performance.now()
    try {
      await next()
    } finally {
      logger.info({
        event: 'request',
        method: ctx.method,
        path: ctx.path.length > MAX_PATH_LENGTH ? `${ctx.path.slice(0, MAX_PATH_LENGTH)}...` : ctx.path,
        status: ctx.status,
        duration_ms: Math.round((performance.now() - start) * 100) / 100,
      })
    }
  }
}
