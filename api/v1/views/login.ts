// The login step every login route shares (0x02 task 7): read the credentials, count the attempt
// against the login limit, check the password; the route then opens a session or issues tokens.
import type { Context } from 'koa'
import type { User, UserRepository } from '../../../models/user.js'
import type { LoginLimit } from '../rate_limit.js'
import { field, jsonObject, objectBody } from '../request_body.js'

/**
 * The user whose email and password the request carries, or an HTTP error in the exercise's
 * order: 400 email missing, 400 password missing, 429 past the login limit, 404 no user found
 * for this email, 401 wrong password.
 */
export async function authenticatedUser(ctx: Context, users: UserRepository, limit: LoginLimit): Promise<User> {
  const { email, password } = credentials(ctx)
  // Before any bcrypt work, so a flood of guesses costs the server nothing.
  const ticket = await limit.admit(email, ctx.ip)
  const { user, failure } = await users.authenticate(email, password)
  if (failure === 'no user found') return ctx.throw(404, 'no user found for this email')
  if (user === null) return ctx.throw(401, 'wrong password')
  await limit.forgive(ticket)
  return user
}

/**
 * The submitted email and password as strings, or a 400 naming the first one missing (Wrong format
 * for a JSON body that is not an object). A value that is not a string (repeated or bracketed form
 * keys, JSON arrays/objects) counts as missing; an email of only whitespace too, while a password
 * is taken exactly as sent.
 */
function credentials(ctx: Context): { email: string, password: string } {
  // A JSON body must be an object, as for POST /users; no body at all is an empty form.
  const sentJson = Boolean(ctx.request.is('json')) && Boolean(ctx.request.rawBody)
  const body = sentJson ? (jsonObject(ctx) ?? ctx.throw(400, 'Wrong format')) : (objectBody(ctx) ?? {})
  const email = field(body, 'email')
  const password = field(body, 'password')
  if (typeof email !== 'string' || email.trim() === '') ctx.throw(400, 'email missing')
  if (typeof password !== 'string' || password === '') ctx.throw(400, 'password missing')
  return { email, password }
}
