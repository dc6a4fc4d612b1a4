// The line server.ts prints when it cannot listen names the variable to change, for each reason
// Node gives (the e2e test meets EADDRINUSE, ENOTFOUND/EAI_AGAIN and EADDRNOTAVAIL for real).
import { expect } from 'chai'
import { listenErrorMessage } from '../../api/v1/listen_error.js'

function failure(code: string, message = `listen ${code}`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code })
}

describe('listenErrorMessage', function () {
  const cases: ReadonlyArray<readonly [string, string, number, string]> = [
    ['EADDRINUSE', '0.0.0.0', 5000, 'port 5000 on 0.0.0.0 is already in use (API_PORT): stop the other server or choose another port'],
    ['EACCES', '0.0.0.0', 80, 'no permission to listen on port 80 on 0.0.0.0 (API_PORT): ports below 1024 need privileges'],
    ['EADDRNOTAVAIL', '10.1.2.3', 5000, '10.1.2.3 is not an address of this machine (API_HOST)'],
    ['ENOTFOUND', 'api.example.invalid', 5000, 'api.example.invalid does not resolve to an address (API_HOST)'],
    ['EAI_NONAME', 'api.example.invalid', 5000, 'api.example.invalid does not resolve to an address (API_HOST)'],
    ['EAI_FAIL', 'api.example.invalid', 5000, 'api.example.invalid does not resolve to an address (API_HOST)'],
    ['EAI_AGAIN', 'api.example.com', 5000, 'api.example.com could not be resolved now, the name server did not answer (API_HOST)'],
  ]
  for (const [code, host, port, line] of cases) {
    it(`names the variable for ${code}`, function () {
      expect(listenErrorMessage(failure(code), host, port)).to.equal(line)
    })
  }

  it('keeps Node\'s message for any other reason, with both variables', function () {
    expect(listenErrorMessage(failure('EMFILE', 'listen EMFILE: too many open files'), '127.0.0.1', 5000))
      .to.equal('cannot listen on 127.0.0.1:5000 (API_HOST, API_PORT): listen EMFILE: too many open files')
  })
})
