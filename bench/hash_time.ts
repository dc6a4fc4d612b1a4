// The unit of login capacity: how long one bcrypt comparison at the bench's cost takes on one
// thread of this machine, measured in turns with the logins so both see the same load.
import bcrypt from 'bcryptjs'

const PASSWORD = 'H0lbertonSchool98!'

export class HashTimer {
  private readonly hash: string
  private readonly times: number[] = []

  constructor(rounds: number) {
    this.hash = bcrypt.hashSync(PASSWORD, rounds)
  }

  /** Times `count` comparisons on this thread. */
  sample(count: number): void {
    for (let i = 0; i < count; i += 1) {
      const started = performance.now()
      bcrypt.compareSync(PASSWORD, this.hash)
      this.times.push(performance.now() - started)
    }
  }

  /** The median of every comparison timed so far, in milliseconds. */
  medianMs(): number {
    const sorted = [...this.times].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)] ?? NaN
  }
}
