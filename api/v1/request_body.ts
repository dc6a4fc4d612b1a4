// Request bodies: size-limited parsers that turn every parsing failure into a 4xx with the
// message docs/api.md lists, and a reader that takes only a body's own, known fields.
import bodyParser from 'koa-bodyparser'
import type { Context, Middleware } from 'koa'

/** Limit for every body this API accepts: users and credentials are small. */
export const BODY_LIMIT = '16kb'

type BodyType = 'json' | 'form'

/**
 * A body parser for the given content types; malformed input → 400 Wrong format, too big → 413,
 * JSON declared in another charset than UTF-8 → 415 (RFC 8259 §8.1).
 */
export function parseBody(types: readonly BodyType[]): Middleware {
  const parser = bodyParser({
    enableTypes: [...types],
    jsonLimit: BODY_LIMIT,
    formLimit: BODY_LIMIT,
    strict: true,
    // co-body option: drop `__proto__` keys instead of failing the whole body.
    onProtoPoisoning: 'remove',
    queryString: { allowDots: false, depth: 1, parameterLimit: 100 },
    onerror: rethrowAsClientError,
  } as bodyParser.Options) as Middleware
  return async function parseBody(ctx, next) {
    const charset = ctx.request.charset.toLowerCase()
    if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8' && ctx.request.is('json')) {
      ctx.throw(415, 'Unsupported media type')
    }
    return parser(ctx, next)
  }
}

function rethrowAsClientError(error: Error & { status?: number }, ctx: Context): never {
  if (error.status === 413) ctx.throw(413, 'Payload too large')
  if (error.status === 415) ctx.throw(415, 'Unsupported media type')
  ctx.throw(400, 'Wrong format')
}

/**
 * The parsed body when the request carried a JSON object (not an array, a scalar, an empty body
 * or another content type), else null: the exercise's `request.get_json()` failing.
 */
export function jsonObject(ctx: Context): Record<string, unknown> | null {
  if (!ctx.request.is('json') || !ctx.request.rawBody) return null
  return objectBody(ctx)
}

/** The parsed body when it is an object (JSON object or form fields), else null. */
export function objectBody(ctx: Context): Record<string, unknown> | null {
  const body: unknown = ctx.request.body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  return body as Record<string, unknown>
}

/** The body's own property `name`, never an inherited one; undefined when absent. */
export function field(body: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(body, name) ? body[name] : undefined
}
