// Small statistics for the benchmarks: percentiles, the Mann-Whitney U test and a least-squares
// slope. Written here because each is a few lines and no small maintained package offers the test.

/** The q-quantile (0..1) of the values by linear interpolation; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return (sorted[low] ?? NaN) + ((sorted[high] ?? NaN) - (sorted[low] ?? NaN)) * (position - low)
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

export interface MannWhitney {
  readonly u: number
  readonly z: number
  /** Two-sided p-value from the normal approximation, with tie and continuity corrections. */
  readonly p: number
}

/** Mann-Whitney U test of two independent samples (normal approximation, fine for n >= 20). */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))]
  all.sort((x, y) => x.value - y.value)
  const n = all.length
  let rankSumA = 0
  let tieTerm = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && all[j + 1]?.value === all[i]?.value) j += 1
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k += 1) if (all[k]?.first) rankSumA += rank
    const ties = j - i + 1
    tieTerm += ties ** 3 - ties
    i = j + 1
  }
  const n1 = a.length
  const n2 = b.length
  const u = rankSumA - (n1 * (n1 + 1)) / 2
  const mean = (n1 * n2) / 2
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))))
  const z = sd === 0 ? 0 : (u - mean - Math.sign(u - mean) * 0.5) / sd
  return { u, z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) }
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2))
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** Least-squares slope of y over x; NaN with fewer than two points. */
export function slope(points: readonly { x: number, y: number }[]): number {
  if (points.length < 2) return NaN
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length
  const sxy = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0)
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0)
  return sxx === 0 ? NaN : sxy / sxx
}
