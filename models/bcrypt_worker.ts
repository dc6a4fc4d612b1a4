// The bcrypt work itself, run in a worker thread of the password pool (models/bcrypt_pool.ts):
// bcryptjs is pure JavaScript, so on the main thread each hash would stall every request.
import bcrypt from 'bcryptjs'

export interface HashTask {
  readonly password: string
  readonly rounds: number
}

export interface CompareTask {
  readonly password: string
  readonly hash: string
}

/** A bcrypt hash of the password at the given cost. */
export function hash(task: HashTask): string {
  // Sync inside a worker: nothing else runs on this thread, and it skips the async API's yields.
  return bcrypt.hashSync(task.password, task.rounds)
}

/** Whether the password matches the bcrypt hash. */
export function compare(task: CompareTask): boolean {
  return bcrypt.compareSync(task.password, task.hash)
}
