// Where users are kept (docs/design.md, Storage): the async interface every user backend
// implements. The exercise's Base operations (get, all, count, search, save, remove) plus the
// email lookup.
import type { User } from './user.js'

/** The attributes search() may filter on, by their stored (exercise) names. */
export const USER_ATTRIBUTES = ['id', 'email', 'password_hash', 'first_name', 'last_name', 'created_at', 'updated_at'] as const

export interface UserStore {
  /** The user with this id, or null. */
  get(id: string): Promise<User | null>
  /** The user with exactly this email (callers normalise it), or null. */
  findByEmail(email: string): Promise<User | null>
  /** Every user, oldest first. */
  all(): Promise<User[]>
  count(): Promise<number>
  /** Users whose given attributes equal the given values exactly; {} → all. RangeError for an unknown attribute. */
  search(attributes: Readonly<Record<string, string | null>>): Promise<User[]>
  /** Inserts or updates the user; StoreConflictError when another user has its email. */
  save(user: User): Promise<void>
  /** Deletes the user (and, in a database, the user's sessions); false when there was none. */
  remove(id: string): Promise<boolean>
}
