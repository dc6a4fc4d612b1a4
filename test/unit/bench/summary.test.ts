// The bench's arithmetic: ratios paired by round, medians over runs, goals judged, and a server's
// figures from its turns. Hand-made figures, nothing timed.
import { expect } from 'chai'
import type { Sample } from '../../../bench/load.js'
import { EXPRESS_SESSION, FAIR_CEILING, KOA_SESSION } from '../../../bench/modes.js'
import { figures } from '../../../bench/rotation.js'
import { pairedRatio, summarizeRuns, type RowSpec, type RunFigures, type TargetFigures } from '../../../bench/summary.js'

const f = (rps: number[], unexpected = 0): TargetFigures => ({ rps, p50Ms: 0.5, p99Ms: 2, cpuShare: 0.9, unexpected })

const SESSION: RowSpec = {
  name: 'session_auth', role: 'mode', note: '',
  goals: [{ versus: FAIR_CEILING, min: 0.85 }, { versus: KOA_SESSION, min: 1.25 }, { versus: EXPRESS_SESSION, min: 4 }],
}
const CEILING: RowSpec = { name: FAIR_CEILING, role: 'ceiling', note: '', goals: [] }

function run(session: number[], ceiling: number[], koa: number[], express: number[], unexpected = 0): RunFigures {
  return { session_auth: f(session, unexpected), [FAIR_CEILING]: f(ceiling), [KOA_SESSION]: f(koa), [EXPRESS_SESSION]: f(express) }
}

describe('bench summary', function () {
  it('pairs ratios by round, so drift that hits both servers of a round cancels', function () {
    // The machine halves its speed in round 2; each round's ratio is still 0.9.
    expect(pairedRatio(f([9000, 4500, 9000]), f([10000, 5000, 10000]))).to.be.closeTo(0.9, 1e-12)
    expect(pairedRatio(f([1, 2, 30]), f([1, 1, 1]))).to.equal(2) // the median, not the mean
    expect(Number.isNaN(pairedRatio(undefined, f([1])))).to.equal(true)
  })

  it('takes the median of the runs for every ratio and keeps each run\'s ratio', function () {
    const runs = [
      run([900, 900], [1000, 1000], [600, 600], [200, 200]),
      run([800, 800], [1000, 1000], [700, 700], [250, 250]),
      run([870, 870], [1000, 1000], [650, 650], [220, 220]),
    ]
    const [row] = summarizeRuns([SESSION], runs, {})
    expect(row?.ratios[FAIR_CEILING]).to.be.closeTo(0.87, 1e-12)
    expect(row?.perRun[FAIR_CEILING]).to.deep.equal([0.9, 0.8, 0.87])
    expect(row?.rps).to.equal(870)
    expect(row?.goals.map((g) => g.met)).to.deep.equal([true, true, false]) // 870/220 = 3.95 < 4
    expect(row?.goals[1]?.ratio).to.be.closeTo(870 / 650, 1e-12) // runs: 1.5, 1.14, 1.34
  })

  it('fails every goal of a server that got an unexpected response, whatever its ratio', function () {
    const [row] = summarizeRuns([SESSION], [run([2000], [1000], [100], [10], 3)], {})
    expect(row?.unexpected).to.equal(3)
    expect(row?.goals.every((g) => !g.met)).to.equal(true)
  })

  it('reports a server that did not start as unavailable, its goals not met, and the ceiling as 1', function () {
    const runs: RunFigures[] = [{ [FAIR_CEILING]: f([1000]) }]
    const [session, ceiling] = summarizeRuns([SESSION, CEILING], runs, { session_auth: 'AUTH_TYPE must be one of auth' })
    expect(session?.unavailable).to.equal('AUTH_TYPE must be one of auth')
    expect(Number.isNaN(session?.rps)).to.equal(true)
    expect(session?.goals.some((g) => g.met)).to.equal(false)
    expect(ceiling?.ratios[FAIR_CEILING]).to.equal(1)
  })

  it('turns a server\'s turns into throughput per turn, latency over all turns and its CPU share', function () {
    const turn = (count: number, ms: number, cpuMs: number): Sample => ({ latencies: Array.from({ length: count }, () => ms), seconds: 1, unexpected: 0, cpuMs })
    const result = figures([turn(100, 1, 900), turn(300, 3, 1000)])
    expect(result.rps).to.deep.equal([100, 300])
    expect(result.p50Ms).to.equal(3)
    expect(result.cpuShare).to.be.closeTo(0.95, 1e-12)
  })
})
