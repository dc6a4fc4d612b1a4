// The request log line (log.ts, on pino) must stay exactly what JSON.stringify writes for its
// fields, keys in the documented order, so log readers see no difference.
import { expect } from 'chai'
import { Logger } from '../../api/v1/log.js'

describe('Logger.request', function () {
  it('writes exactly JSON.stringify({time, level, event, method, path, status, duration_ms}) of its fields', function () {
    const lines: string[] = []
    new Logger('info', (line) => lines.push(line)).request('GET', '/api/v1/users/é"\\\r\n', 404, 0.25)
    const [line] = lines
    const parsed = JSON.parse(line ?? '') as Record<string, unknown>
    expect(Object.keys(parsed)).to.deep.equal(['time', 'level', 'event', 'method', 'path', 'status', 'duration_ms'])
    expect(line).to.equal(JSON.stringify({ ...parsed, level: 'info', event: 'request', method: 'GET', path: '/api/v1/users/é"\\\r\n', status: 404, duration_ms: 0.25 }))
    expect(parsed.time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('cuts a path longer than 512 characters and appends "..."', function () {
    const lines: string[] = []
    new Logger('info', (line) => lines.push(line)).request('GET', `/${'a'.repeat(600)}`, 404, 1)
    expect((JSON.parse(lines[0] ?? '') as { path: string }).path).to.equal(`/${'a'.repeat(511)}...`)
  })

  it('writes nothing at level error', function () {
    const lines: string[] = []
    new Logger('error', (line) => lines.push(line)).request('GET', '/', 200, 1)
    expect(lines).to.deep.equal([])
  })
})
