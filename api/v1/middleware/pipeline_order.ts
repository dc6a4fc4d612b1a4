// Requests pipelined on one connection: a request behind an unsafe one waits until it has been
// handled (a GET sent right behind a logout must not still see the session), and an unsafe one
// waits for every request ahead of it. Safe requests alone still run side by side (RFC 9112 §9.3.2).
import type { Socket } from 'node:net'
import type { Middleware } from 'koa'
import { SAFE_METHODS } from './cross_site.js'

const SETTLED: Promise<void> = Promise.resolve()

/** What one connection is still handling. */
interface Line {
  pending: number
  unsafePending: number
  /** Settles once every request handled so far has finished. */
  all: Promise<void>
  /** Settles once every unsafe request handled so far has finished. */
  unsafe: Promise<void>
}

const lines = new WeakMap<Socket, Line>()

/** Middleware: holds back a pipelined request until the requests it must not overtake are done. */
export function pipelineOrder(): Middleware {
  return async function pipelineOrder(ctx, next) {
    const socket = ctx.req.socket
    let line = lines.get(socket)
    if (line === undefined) lines.set(socket, line = { pending: 0, unsafePending: 0, all: SETTLED, unsafe: SETTLED })
    const unsafe = !SAFE_METHODS.has(ctx.method)
    const ahead = unsafe ? (line.pending > 0 ? line.all : null) : (line.unsafePending > 0 ? line.unsafe : null)
    const run = ahead === null ? next() : ahead.then(() => next())
    const done = run.then(() => undefined, () => undefined)
    line.all = line.pending === 0 || ahead === line.all ? done : Promise.all([line.all, done]).then(() => undefined)
    if (unsafe) line.unsafe = done
    line.pending += 1
    if (unsafe) line.unsafePending += 1
    try {
      await run
    } finally {
      line.pending -= 1
      if (unsafe) line.unsafePending -= 1
    }
  }
}
