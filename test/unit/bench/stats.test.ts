// The benchmarks' statistics, checked against values computed by hand (and by scipy for the test).
import { expect } from 'chai'
import { mannWhitney, median, normalCdf, quantile, slope } from '../../../bench/stats.js'

describe('bench statistics', function () {
  it('interpolates quantiles and takes the median of an even count as the mean of the middle two', function () {
    expect(median([4, 1, 3, 2])).to.equal(2.5)
    expect(quantile([10, 20, 30, 40, 50], 0.99)).to.be.closeTo(49.6, 1e-9)
    expect(Number.isNaN(median([]))).to.equal(true)
  })

  it('gives the standard normal CDF to 1e-6', function () {
    expect(normalCdf(0)).to.be.closeTo(0.5, 1e-6)
    expect(normalCdf(1.959964)).to.be.closeTo(0.975, 1e-6)
    expect(normalCdf(-2.575829)).to.be.closeTo(0.005, 1e-6)
  })

  it('finds U = 0 and p = 0.0122 for two fully separated samples of 5 (scipy, asymptotic)', function () {
    const test = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    expect(test.u).to.equal(0)
    expect(test.p).to.be.closeTo(0.01219, 1e-4)
  })

  it('finds p = 1 for identical samples and averages the ranks of ties', function () {
    const test = mannWhitney([1, 2, 2, 3], [1, 2, 2, 3])
    expect(test.u).to.equal(8)
    expect(test.p).to.be.closeTo(1, 1e-6)
  })

  it('fits the least-squares slope of a noisy line', function () {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3.1 }, { x: 2, y: 4.9 }, { x: 3, y: 7 }])).to.be.closeTo(1.98, 1e-9)
    expect(Number.isNaN(slope([{ x: 1, y: 1 }]))).to.equal(true)
  })
})
