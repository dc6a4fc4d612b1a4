// Structured logs on pino: one JSON line per request and per session event. Secrets never
// reach a line: no header values, no bodies, no query strings, session ids only as truncated hashes.
import { createHash } from 'node:crypto'
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino'
import type { SessionEvent } from './auth/session_events.js'

export const LOG_LEVELS = ['silent', 'error', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Where log lines go: one call per line, without the trailing newline. */
export type LogSink = (line: string) => void

/** The fields of one line, written in this order after time and level. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>

// A session id or token a client puts in a path must not reach a log line in clear: a segment
// shaped like a uuid, a JWT or a long random token is written as [first 8 hex of its SHA-256].
const SHORTEST_TOKEN = 20
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const JWT_LIKE = /^[\w-]+\.[\w-]+\.[\w-]+$/
const RANDOM_LIKE = /^[\w-]{32,}$/
// Long paths are cut so one request cannot write an unbounded line.
const MAX_PATH_LENGTH = 512
// A write to a pipe or file per line would cost more than the request and wake the log's reader
// each time: stdout gets asynchronous writes of 4 KB or more, and what is left every 100 ms.
const MIN_WRITE_BYTES = 4096
const FLUSH_INTERVAL_MS = 100
// Fields that must never carry a value in clear, should one be passed by mistake.
const REDACTED_FIELDS = ['password', 'authorization', 'cookie', 'session_id', 'sessionId']

// Shared by every logger without a sink (see sharedStdout).
let stdout: ReturnType<typeof pino.destination> | undefined

/** The first 16 hex digits of the SHA-256 of a session id: enough to correlate, useless to replay. */
export function sessionHash(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex').slice(0, 16)
}

/** Writes JSON lines at or below its level; JSON escapes CR/LF, so input cannot forge lines. */
export class Logger {
  private readonly pino: PinoLogger

  constructor(readonly level: LogLevel, sink?: LogSink) {
    this.pino = pino({
      level,
      base: null,
      // Lines read {"time", "level", ...fields}: pino writes its level before the time, so the level
      // formatter writes nothing, the timestamp opens the line and the mixin puts the label first.
      formatters: { level: () => ({}) },
      timestamp: () => `"time":"${new Date().toISOString()}"`,
      mixin: (_fields, levelNumber) => ({ level: pino.levels.labels[levelNumber] }),
      redact: REDACTED_FIELDS,
    }, destination(level, sink))
  }

  /** Logs an error; on stdout it leaves at once instead of with the next batch. */
  error(fields: LogFields): void {
    this.pino.error(fields)
    stdout?.flush()
  }

  /** Logs what went wrong on the client's side (a framing error, a dropped connection). */
  warn(fields: LogFields): void {
    this.pino.warn(fields)
  }

  info(fields: LogFields): void {
    this.pino.info(fields)
  }

  debug(fields: LogFields): void {
    this.pino.debug(fields)
  }

  /** Logs a session event with the session id hashed. */
  session(event: SessionEvent): void {
    const { event: name, sessionId, userId, reason } = event
    this.pino.info({ event: `session.${name}`, session: sessionHash(sessionId), user_id: userId, ...(reason === undefined ? {} : { reason }) })
  }

  /** Logs one request: method, path (cut at 512 characters), status and duration. */
  request(method: string, path: string, status: number, durationMs: number): void {
    const redacted = path.length <= SHORTEST_TOKEN ? path : path.split('/').map(redactedSegment).join('/')
    const shown = redacted.length > MAX_PATH_LENGTH ? `${redacted.slice(0, MAX_PATH_LENGTH)}...` : redacted
    this.pino.info({ event: 'request', method, path: shown, status, duration_ms: durationMs })
  }
}

// Anchored patterns on one segment at a time: linear however long a path a client sends.
function redactedSegment(segment: string): string {
  if (segment.length < SHORTEST_TOKEN) return segment
  const random = RANDOM_LIKE.test(segment) && /\d/.test(segment) && /[A-Za-z]/.test(segment)
  return UUID.test(segment) || JWT_LIKE.test(segment) || random ? `[${sessionHash(segment).slice(0, 8)}]` : segment
}

function destination(level: LogLevel, sink: LogSink | undefined): DestinationStream {
  if (sink !== undefined) return { write: (line) => sink(line.slice(0, -1)) }
  return level === 'silent' ? { write: () => undefined } : sharedStdout()
}

// One stdout destination for every logger, so their lines share one buffer and one order. pino
// flushes it synchronously when the process exits, and closes it once the event loop is empty.
function sharedStdout(): DestinationStream {
  if (stdout === undefined) {
    const opened = pino.destination({ dest: 1, sync: false, minLength: MIN_WRITE_BYTES, periodicFlush: FLUSH_INTERVAL_MS })
    opened.once('close', () => { stdout = undefined })
    stdout = opened
  }
  return stdout
}

/** Writes the lines still buffered for stdout, synchronously; pino also does it at exit. */
export function flushStdout(): void {
  stdout?.flushSync()
}
