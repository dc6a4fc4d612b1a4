// JWT attacks: not applicable yet. No token mode exists in this codebase (AUTH_TYPE offers auth,
// basic_auth and the session modes), so there is no Bearer verification, refresh endpoint or
// denylist to attack. The tests go in this file when a token mode lands; until then a Bearer
// header is only junk in the Authorization header, covered by b1_basic_header (403 in basic_auth)
// and by the fuzz test in every mode.
export {}
