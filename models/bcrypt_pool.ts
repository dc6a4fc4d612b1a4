// One pool of worker threads per process for bcrypt: hashing never blocks the event
// loop, and the pool is sized to the cores, which is all the hashing the machine can do at once.
import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import type { CompareTask, HashTask } from './bcrypt_worker.js'

// Compiled (dist), this module is a .js file next to the compiled worker; under tsx it is a .ts
// file and the worker is loaded through a small bootstrap that brings tsx into the thread.
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './bcrypt_worker_tsx.mjs' : './bcrypt_worker.js', import.meta.url).href

let pool: Piscina | undefined

// Created on first use; piscina unrefs idle workers, so the pool never keeps a process alive.
function bcryptPool(): Piscina {
  const threads = availableParallelism()
  pool ??= new Piscina({ filename: WORKER_FILE, minThreads: threads, maxThreads: threads })
  return pool
}

/** bcrypt hash of the password, computed in a worker thread. */
export function hashInPool(password: string, rounds: number): Promise<string> {
  const task: HashTask = { password, rounds }
  return bcryptPool().run(task, { name: 'hash' }) as Promise<string>
}

/** Whether the password matches the bcrypt hash, compared in a worker thread. */
export function compareInPool(password: string, hash: string): Promise<boolean> {
  const task: CompareTask = { password, hash }
  return bcryptPool().run(task, { name: 'compare' }) as Promise<boolean>
}

/** Stops the worker threads (a later call starts a new pool); for orderly shutdowns. */
export async function closeBcryptPool(): Promise<void> {
  const closing = pool
  pool = undefined
  await closing?.destroy()
}
