// Reading the Set-Cookie headers of an answer: which cookie it sets, to what, with which attributes.

/** The Set-Cookie header that sets the cookie `name`, or null. */
export function setCookieFor(setCookies: readonly string[], name: string): string | null {
  return setCookies.find((header) => header.split('=', 1)[0]?.trim() === name) ?? null
}

/** The value a response's Set-Cookie headers give to the cookie `name`, or null. */
export function cookieValue(setCookies: readonly string[], name: string): string | null {
  const header = setCookieFor(setCookies, name)
  if (header === null) return null
  const [pair = ''] = header.split(';')
  return pair.slice(pair.indexOf('=') + 1).trim()
}

/** A Set-Cookie header's attributes by lower-case name (`HttpOnly` → ''). */
export function cookieAttributes(header: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const part of header.split(';').slice(1)) {
    const equals = part.indexOf('=')
    const name = (equals === -1 ? part : part.slice(0, equals)).trim().toLowerCase()
    attributes.set(name, equals === -1 ? '' : part.slice(equals + 1).trim())
  }
  return attributes
}
