// User model (models/user.py): email, bcrypt password hash, optional names; and UserRepository,
// what the app does with users (create, authenticate...) over whichever UserStore holds them.
import { Base, type BaseFields, formatTimestamp } from './base.js'
import type { Clock } from './clock.js'
import type { PasswordHasher } from './password.js'
import { StoreConflictError } from './store_errors.js'
import { creationProblem, UserCreationError, type NewUser } from './user_fields.js'
import type { UserStore } from './user_store.js'

export interface UserFields extends BaseFields {
  email?: string | null
  passwordHash?: string | null
  firstName?: string | null
  lastName?: string | null
}

export class User extends Base {
  email: string | null
  /** The exercise's `_password`: never part of the public JSON. */
  passwordHash: string | null
  firstName: string | null
  lastName: string | null

  constructor(fields: UserFields, now: Date) {
    super(fields, now)
    this.email = fields.email ?? null
    this.passwordHash = fields.passwordHash ?? null
    this.firstName = fields.firstName ?? null
    this.lastName = fields.lastName ?? null
  }

  /** False for a non-string password or a null hash; else whether the password matches. */
  async isValidPassword(password: unknown, passwords: PasswordHasher): Promise<boolean> {
    return (await passwords.check(password, this.passwordHash)).valid
  }

  /** The name to show: both names, one of them, the email, or "" when all are null. */
  displayName(): string {
    if (this.firstName === null && this.lastName === null) return this.email ?? ''
    if (this.lastName === null) return this.firstName ?? ''
    if (this.firstName === null) return this.lastName
    return `${this.firstName} ${this.lastName}`
  }

  /** Exactly {id, email, first_name, last_name, created_at, updated_at}: never the hash. */
  override toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      email: this.email,
      first_name: this.firstName,
      last_name: this.lastName,
      created_at: formatTimestamp(this.createdAt),
      updated_at: formatTimestamp(this.updatedAt),
    }
  }
}

/** Why a credential check failed; null when it succeeded. */
export type CredentialFailure = 'no user found' | 'wrong password'

export interface Authentication {
  readonly user: User | null
  readonly failure: CredentialFailure | null
}

/** The exercise's User class methods (get, all, count, search, save, remove) plus creation and login. */
export class UserRepository {
  constructor(readonly store: UserStore, private readonly clock: Clock, readonly passwords: PasswordHasher) {}

  /** The user with this id, or null. */
  get(id: string): Promise<User | null> {
    return this.store.get(id)
  }

  all(): Promise<User[]> {
    return this.store.all()
  }

  count(): Promise<number> {
    return this.store.count()
  }

  /** Every user whose given attributes (column names) equal the given values; {} → all. */
  search(attributes: Readonly<Record<string, string | null>>): Promise<User[]> {
    return this.store.search(attributes)
  }

  /** Stores the user (insert or update) after setting its updatedAt to now. */
  async save(user: User): Promise<void> {
    user.updatedAt = this.clock.now()
    await this.store.save(user)
  }

  /** Deletes the user and the user's stored sessions; false if there was none. */
  remove(id: string): Promise<boolean> {
    return this.store.remove(id)
  }

  /** Creates and stores a user with a bcrypt hash; throws UserCreationError with the reason. */
  async create(fields: NewUser): Promise<User> {
    const problem = creationProblem(fields)
    if (problem !== null) throw new UserCreationError(problem)
    // One lookup key per address however its accents were composed.
    const email = (fields.email as string).normalize('NFC')
    if ((await this.findByEmail(email)) !== null) throw new UserCreationError('email already exists')
    const user = new User({
      email,
      passwordHash: await this.passwords.hash(fields.password as string),
      firstName: fields.firstName as string | null | undefined,
      lastName: fields.lastName as string | null | undefined,
    }, this.clock.now())
    try {
      await this.save(user)
    } catch (error) {
      // Two concurrent creations with one email both pass the lookup; the store's unique rule decides.
      if (error instanceof StoreConflictError) throw new UserCreationError('email already exists')
      throw error
    }
    return user
  }

  /** The user with exactly this email, compared in Unicode NFC (emails are unique), or null. */
  findByEmail(email: string): Promise<User | null> {
    return this.store.findByEmail(email.normalize('NFC'))
  }

  /**
   * Looks the email up and checks the password with the same work either way; a legacy SHA-256
   * hash that matches is replaced by a bcrypt hash before returning.
   */
  async authenticate(email: string, password: string): Promise<Authentication> {
    const user = await this.findByEmail(email)
    const check = await this.passwords.check(password, user?.passwordHash ?? null)
    if (user === null) return { user: null, failure: 'no user found' }
    if (!check.valid) return { user: null, failure: 'wrong password' }
    if (check.rehash) {
      user.passwordHash = await this.passwords.hash(password)
      await this.save(user)
    }
    return { user, failure: null }
  }
}
