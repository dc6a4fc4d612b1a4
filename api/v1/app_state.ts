// The typed ctx.state of this app: what the before-request hook found (0x02 task 0).
import type { User } from '../../models/user.js'

export interface AppState {
  /** The authenticated user; null when no auth object is configured or the path is excluded. */
  currentUser: User | null
}
