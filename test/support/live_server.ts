// A real listening server (127.0.0.1, free port, the limits server.ts uses) and raw-socket
// requests, for cases that supertest cannot express: oversized or duplicate headers, smuggling.
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import type { App } from '../../api/v1/app.js'
import { createHttpServer } from '../../api/v1/http_server.js'

export interface LiveServer {
  readonly port: number
  close(): Promise<void>
}

export interface RawResponse {
  readonly status: number
  /** Header names lower-cased; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Everything the server sent before closing. */
  readonly raw: string
}

/** Starts the app on 127.0.0.1 with a free port and SERVER_LIMITS. */
export async function listen(app: App): Promise<LiveServer> {
  const server = createHttpServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

/**
 * Sends `request` as raw bytes and reads until the server closes the connection (send
 * `Connection: close`); `endAfterWrite` half-closes the socket once the bytes are out.
 */
export function rawRequest(port: number, request: string | Buffer, endAfterWrite = false): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(request)
      if (endAfterWrite) socket.end()
    })
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('latin1'))))
  })
}

function parseResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n')
  const head = end === -1 ? raw : raw.slice(0, end)
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: end === -1 ? '' : raw.slice(end + 4), raw }
}
