// A minimal client for tests and benchmarks that talk to a real server process over loopback.

export interface Reply {
  readonly status: number
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown
  readonly headers: Headers
}

export interface CallOptions {
  readonly cookie?: string
  readonly json?: unknown
  readonly form?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

/** Sends one request to `baseUrl + path` and reads the whole reply. */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.cookie !== undefined) headers.cookie = options.cookie
  let body: string | undefined
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  }
  const response = await fetch(baseUrl + path, { method, headers, body })
  const text = await response.text()
  let parsed: unknown = text
  try { parsed = JSON.parse(text) } catch { /* not JSON: keep the text */ }
  return { status: response.status, body: parsed, headers: response.headers }
}

/** The `name=value` cookie a reply sets for `name`, ready to send back, or null. */
export function cookieFrom(reply: Reply, name = '_my_session_id'): string | null {
  for (const header of reply.headers.getSetCookie()) {
    const match = new RegExp(`^${name}=([^;]+)`).exec(header)
    if (match !== null) return `${name}=${match[1]}`
  }
  return null
}
