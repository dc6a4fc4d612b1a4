// What a check expects of a response, and the failure it raises otherwise. JSON bodies are compared
// as parsed values, not as bytes; a Matcher stands for a value the server chooses (ids, dates).
import type { HttpResponse } from './http_client.js'

/** A placeholder for a value a check cannot know in advance; renderJson prints its label. */
export class Matcher {
  constructor(readonly label: string, readonly test: (value: unknown) => boolean) {}
}

/** JSON text of an expected value, each matcher shown as its bare label: {"id":<uuid>}. */
export function renderJson(value: unknown): string {
  const labels: string[] = []
  const json = JSON.stringify(value, (_key, item: unknown) => (item instanceof Matcher ? `\u0000${labels.push(item.label) - 1}` : item))
  return json.replace(/"\\u0000(\d+)"/g, (_match, index: string) => labels[Number(index)] ?? '')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

export const anyUuid = new Matcher('<uuid>', (value) => typeof value === 'string' && UUID.test(value))
export const anyTimestamp = new Matcher('<YYYY-MM-DDTHH:MM:SS>', (value) => typeof value === 'string' && TIMESTAMP.test(value))
export const anyCount = new Matcher('<integer >= 0>', (value) => Number.isInteger(value) && (value as number) >= 0)

/** An array in which at least one element matches `element`. */
export function listContaining(element: unknown): Matcher {
  return new Matcher(`<list containing ${renderJson(element)}>`, (value) => Array.isArray(value) && value.some((item) => matches(element, item)))
}

/** True when `actual` equals `expected` as parsed JSON, matchers standing for any value they accept. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (expected instanceof Matcher) return expected.test(actual)
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => matches(item, actual[index]))
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return false
    const keys = Object.keys(expected)
    return keys.length === Object.keys(actual).length && keys.every((key) => Object.hasOwn(actual, key) && matches(expected[key], actual[key]))
  }
  return Object.is(expected, actual)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Headers a response must carry with a value (exact, or matching a RegExp), or must not carry (null). */
export type ExpectedHeaders = Readonly<Record<string, string | RegExp | null>>

export interface Expected {
  readonly status: number
  /** The whole JSON body; left out when the exercise does not fix it. */
  readonly body?: unknown
  readonly headers?: ExpectedHeaders
}

/** A check's verdict against the server, with the exchange that proves it when there is one. */
export class CheckFailure extends Error {
  override name = 'CheckFailure'

  constructor(message: string, readonly response: HttpResponse | null = null, readonly expected: Expected | null = null) {
    super(message)
  }
}

/** Throws a CheckFailure naming what differs (status, body, a header) from what is expected. */
export function expectResponse(response: HttpResponse, expected: Expected): HttpResponse {
  const problems: string[] = []
  if (response.status !== expected.status) problems.push('status')
  if (expected.body !== undefined && !matches(expected.body, response.json)) problems.push('body')
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    if (!headerMatches(value, response.headers.get(name))) problems.push(`header ${name}`)
  }
  if (problems.length > 0) throw new CheckFailure(`unexpected ${problems.join(', ')}`, response, expected)
  return response
}

function headerMatches(expected: string | RegExp | null, actual: string | null): boolean {
  if (expected === null) return actual === null
  if (actual === null) return false
  return typeof expected === 'string' ? actual === expected : expected.test(actual)
}

/** Fails the check unless `condition` holds; the response, when given, is shown with the message. */
export function ensure(condition: boolean, message: string, response: HttpResponse | null = null): asserts condition {
  if (!condition) throw new CheckFailure(message, response)
}
