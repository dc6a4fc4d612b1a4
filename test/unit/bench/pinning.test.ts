// The CPU lists the bench reads from /proc to pin the load generator and the servers.
import { expect } from 'chai'
import { allowedCpus, parseCpuList } from '../../../bench/pinning.js'

describe('bench pinning', function () {
  it('reads CPU lists as /proc and taskset print them', function () {
    expect(parseCpuList('0-1\n')).to.deep.equal([0, 1])
    expect(parseCpuList('0,2-4,7')).to.deep.equal([0, 2, 3, 4, 7])
    expect(parseCpuList('3')).to.deep.equal([3])
    expect(() => parseCpuList('0-')).to.throw('not a CPU list')
  })

  it('knows which CPUs this process may use on Linux, and answers null elsewhere', function () {
    const cpus = allowedCpus(process.pid)
    if (process.platform !== 'linux') return expect(cpus).to.equal(null)
    expect(cpus?.length).to.be.greaterThan(0)
  })
})
