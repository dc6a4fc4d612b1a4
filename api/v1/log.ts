// Structured logs (issue 5): one JSON line per request and per session event. Secrets never reach
// a line: no header values, no bodies, no query strings, session ids only as truncated hashes.
import { createHash } from 'node:crypto'
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

  /** Logs one request; the same line info() would write, built without an object per line. */
  request(method: string, path: string, status: number, durationMs: number): void {
    if (RANK.info > RANK[this.level]) return
    const shown = path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}...` : path
    this.sink(`{"time":"${isoNow()}","level":"info","event":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(shown)},"status":${status},"duration_ms":${durationMs}}`)
  }

  private write(level: Exclude<LogLevel, 'silent'>, fields: LogFields): void {
    if (RANK[level] > RANK[this.level]) return
    this.sink(JSON.stringify({ time: isoNow(), level, ...fields }))
  }
}

// Many lines share a millisecond under load: its ISO string is built once.
let isoMs = Number.NaN
let isoText = ''

function isoNow(): string {
  const now = Date.now()
  if (now !== isoMs) {
    isoMs = now
    isoText = new Date(now).toISOString()
  }
  return isoText
}

// Lines leave in one write at most every FLUSH_INTERVAL_MS (sooner past MAX_PENDING lines): a
// write to a pipe or file is a blocking system call in Node that also wakes the log's reader, and
// one per request (or per event-loop turn, about the same under load) costs more than the request.
const FLUSH_INTERVAL_MS = 10
const MAX_PENDING = 1024
let pending: string[] = []
let flushScheduled = false

function writeStdout(line: string): void {
  pending.push(line)
  if (pending.length >= MAX_PENDING) return flushStdout()
  if (flushScheduled) return
  flushScheduled = true
  setTimeout(flushStdout, FLUSH_INTERVAL_MS).unref()
}

/** Writes the lines still buffered; called by a timer and before the process exits. */
export function flushStdout(): void {
  flushScheduled = false
  if (pending.length === 0) return
  const text = `${pending.join('\n')}\n`
  pending = []
  process.stdout.write(text)
}

process.on('exit', flushStdout)
