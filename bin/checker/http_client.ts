// The checker's HTTP client, on the global fetch: one request in, one recorded exchange out, so a
// failing check can show exactly what it sent and what came back.

/** A request as a check writes it: a path under the base URL plus an optional body. */
export interface HttpRequest {
  readonly method: string
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  /** Sent as application/x-www-form-urlencoded (the exercise's login form). */
  readonly form?: Readonly<Record<string, string>>
  /** Sent as application/json. */
  readonly json?: unknown
  /** Sent as is; give its Content-Type in headers. */
  readonly body?: string
}

/** What actually went on the wire. */
export interface SentRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | null
}

export interface HttpResponse {
  readonly request: SentRequest
  readonly status: number
  readonly headers: Headers
  /** Every Set-Cookie header, unfolded. */
  readonly setCookies: readonly string[]
  readonly text: string
  /** The parsed JSON body; undefined when the body is not JSON. */
  readonly json: unknown
}

const DEFAULT_TIMEOUT_MS = 10_000

/** Sends requests to one server, each bounded in time. */
export class HttpClient {
  readonly baseUrl: string

  constructor(baseUrl: string, private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
  }

  /** Sends the request; throws only when no HTTP answer arrives (refused, reset, timed out). */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const sent = this.prepare(request)
    let response: Response
    let text: string
    try {
      response = await fetch(sent.url, {
        method: sent.method, headers: sent.headers, body: sent.body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      throw new Error(`no answer to ${sent.method} ${sent.url}: ${reason(error)}`)
    }
    return {
      request: sent,
      status: response.status,
      headers: response.headers,
      setCookies: response.headers.getSetCookie(),
      text,
      json: parseJson(text),
    }
  }

  private prepare(request: HttpRequest): SentRequest {
    const headers: Record<string, string> = {}
    let body: string | null = request.body ?? null
    if (request.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(request.form).toString()
    } else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(request.json)
    }
    return { method: request.method, url: this.baseUrl + request.path, headers: { ...headers, ...request.headers }, body }
  }
}

// fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED...) in its cause.
function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  return cause instanceof Error ? cause.message : String(cause)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
