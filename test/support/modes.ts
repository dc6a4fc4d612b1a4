// The AUTH_TYPE modes the security suites run in, as data: a mode added to the project is added
// here and every test that applies to it runs in it.

/** Modes with an auth object (AUTH_TYPE set). */
export const AUTH_MODES: readonly string[] = ['auth', 'basic_auth', 'session_auth', 'session_exp_auth', 'session_db_auth', 'session_redis_auth', 'jwt_auth']

/** Every mode, `undefined` being AUTH_TYPE unset (no auth object, every route open). */
export const ALL_MODES: readonly (string | undefined)[] = [undefined, ...AUTH_MODES]

/** Modes where a session cookie authenticates (SessionAuth and its subclasses). */
export const SESSION_MODES: readonly string[] = ['session_auth', 'session_exp_auth', 'session_db_auth', 'session_redis_auth']

/** Session modes whose sessions expire after SESSION_DURATION (session_exp_auth, session_db_auth, session_redis_auth). */
export const EXPIRING_SESSION_MODES: readonly string[] = ['session_exp_auth', 'session_db_auth', 'session_redis_auth']

/**
 * Session modes whose sessions are rows of the database (session_db_auth); the suites using it read
 * those rows. session_redis_auth's sessions persist too, in Redis: its own suites cover them.
 */
export const PERSISTENT_SESSION_MODES: readonly string[] = ['session_db_auth']
