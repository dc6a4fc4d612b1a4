// User model (models/user.py): email, bcrypt password hash, optional names, and its table.
import { Base, type BaseFields, Repository, formatTimestamp, parseTimestamp } from './base.js'
import type { Clock } from './clock.js'
import type { Db } from './db.js'
import type { PasswordHasher } from './password.js'
import { ReadCache } from './read_cache.js'
import { creationProblem, UserCreationError, type NewUser } from './user_fields.js'

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

type UserRow = Record<string, string | number | null>

/** Why a credential check failed; null when it succeeded. */
export type CredentialFailure = 'no user found' | 'wrong password'

export interface Authentication {
  readonly user: User | null
  readonly failure: CredentialFailure | null
}

const COLUMNS = ['id', 'email', 'password_hash', 'first_name', 'last_name', 'created_at', 'updated_at'] as const

export class UserRepository extends Repository<User> {
  private readonly cache: ReadCache<User>

  constructor(db: Db, clock: Clock, readonly passwords: PasswordHasher) {
    super(db, clock, 'users', COLUMNS)
    this.cache = new ReadCache(db, (user) => this.copy(user))
  }

  /** The user with this id, or null; served from memory while the database is unchanged. */
  override get(id: string): Promise<User | null> {
    return this.cache.lookup(id, () => super.get(id))
  }

  /**
   * The user with this id when memory alone can tell (the database is unchanged), else undefined.
   * Shared and frozen: read it, never change it (get() hands out a copy to change).
   */
  peek(id: string): Readonly<User> | undefined {
    return this.cache.peek(id)
  }

  override async save(user: User): Promise<void> {
    this.cache.forget(user.id)
    await super.save(user)
  }

  override async remove(id: string): Promise<boolean> {
    this.cache.forget(id)
    return super.remove(id)
  }

  // Callers may change the user they got (PUT /users/:id does): each gets its own object.
  private copy(user: User): User {
    const { id, email, passwordHash, firstName, lastName } = user
    const createdAt = new Date(user.createdAt.getTime())
    return new User({ id, email, passwordHash, firstName, lastName, createdAt, updatedAt: new Date(user.updatedAt.getTime()) }, createdAt)
  }

  /** Creates and stores a user with a bcrypt hash; throws UserCreationError with the reason. */
  async create(fields: NewUser): Promise<User> {
    const problem = creationProblem(fields)
    if (problem !== null) throw new UserCreationError(problem)
    // One lookup key per address however its accents were composed (SECURITY.md E2).
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
      // Two concurrent creations with one email both pass the lookup; the UNIQUE index decides.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UserCreationError('email already exists')
      throw error
    }
    return user
  }

  /** The user with exactly this email, compared in Unicode NFC (emails are unique), or null. */
  async findByEmail(email: string): Promise<User | null> {
    const [user] = await this.search({ email: email.normalize('NFC') })
    return user ?? null
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

  protected override toRow(user: User): UserRow {
    return {
      id: user.id,
      email: user.email,
      password_hash: user.passwordHash,
      first_name: user.firstName,
      last_name: user.lastName,
      created_at: user.createdAt.toISOString(),
      updated_at: user.updatedAt.toISOString(),
    }
  }

  protected override fromRow(row: UserRow): User {
    return new User({
      id: String(row.id),
      email: row.email as string | null,
      passwordHash: row.password_hash as string | null,
      firstName: row.first_name as string | null,
      lastName: row.last_name as string | null,
      createdAt: parseTimestamp(String(row.created_at)),
      updatedAt: parseTimestamp(String(row.updated_at)),
    }, this.clock.now())
  }
}
