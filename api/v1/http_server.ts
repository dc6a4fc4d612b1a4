// The Node HTTP server around the app, with this API's limits (docs/security.md, Limits):
// server.ts listens with it, and tests that need a real socket use the same limits.
import { createServer, type Server } from 'node:http'
import type { App } from './app.js'

/** Limits on what one client may send or hold (Node defaults: 16 KiB, 60 s, 300 s, 5 s). */
export const SERVER_LIMITS = Object.freeze({
  /** Request line + headers, bytes; more → 431 from Node before the app runs. */
  maxHeaderSize: 16 * 1024,
  /** Milliseconds to receive the complete headers (slowloris). */
  headersTimeout: 10_000,
  /** Milliseconds to receive the complete request, body included (slow body) → 408. */
  requestTimeout: 30_000,
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeout: 5_000,
  /**
   * Requests served on one connection (0 = unlimited). Left unlimited: past a limit Node answers
   * 503 to every further request a keep-alive client sends on that connection.
   */
  maxRequestsPerSocket: 0,
})

/**
 * How often Node looks for requests past headersTimeout or requestTimeout (its default, 30 s, would
 * let a 10 s header timeout fire after up to 40 s): each limit is enforced within a second.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000

/** An HTTP server (not yet listening) that runs the app with SERVER_LIMITS. */
export function createHttpServer(app: App): Server {
  const options = { maxHeaderSize: SERVER_LIMITS.maxHeaderSize, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS }
  const server = createServer(options, app.callback())
  server.headersTimeout = SERVER_LIMITS.headersTimeout
  server.requestTimeout = SERVER_LIMITS.requestTimeout
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeout
  server.maxRequestsPerSocket = SERVER_LIMITS.maxRequestsPerSocket
  return server
}
