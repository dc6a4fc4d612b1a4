// The slow-headers limit is enforced when it says: a client that never finishes its headers is cut
// off within a second of the 10 s headersTimeout, not at Node's next 30 s check.
import { expect } from 'chai'
import { connect } from 'node:net'
import { SERVER_LIMITS } from '../../api/v1/http_server.js'
import { buildApp, type TestApp } from '../support/app.js'
import { listen, type LiveServer } from '../support/live_server.js'

describe('the header timeout on an idle socket', function () {
  this.timeout(SERVER_LIMITS.headersTimeout + 5_000)
  let t: TestApp
  let server: LiveServer

  before(async function () {
    t = buildApp({ AUTH_TYPE: 'session_auth' })
    server = await listen(t.app)
  })
  after(async function () {
    await server.close()
    t.close()
  })

  it('closes a connection whose headers never end within 1 s of headersTimeout, after a 408', async function () {
    const started = performance.now()
    const received = await new Promise<string>((resolve, reject) => {
      let text = ''
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n'))
      socket.on('data', (chunk: Buffer) => { text += chunk.toString('latin1') })
      socket.on('error', reject)
      socket.on('close', () => resolve(text))
    })
    const elapsed = performance.now() - started
    expect(elapsed).to.be.within(SERVER_LIMITS.headersTimeout - 100, SERVER_LIMITS.headersTimeout + 1_000)
    expect(received).to.match(/^HTTP\/1\.1 408 /)
  })
})
