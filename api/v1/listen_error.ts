// Why the server could not listen, in one line naming the variable to change (API_PORT, API_HOST),
// instead of Node's stack trace for an 'error' event nobody handled.

/** The one line server.ts prints on stderr (after "koa-session-auth: ") before exiting with 1. */
export function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (API_PORT): stop the other server or choose another port`
    case 'EACCES':
      return `no permission to listen on port ${port} on ${host} (API_PORT): ports below 1024 need privileges`
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine (API_HOST)`
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return `${host} does not resolve to an address (API_HOST)`
    case 'EAI_AGAIN':
      return `${host} could not be resolved now, the name server did not answer (API_HOST)`
    default:
      return `cannot listen on ${host}:${port} (API_HOST, API_PORT): ${error.message}`
  }
}
