// Session lifecycle events: what the session classes report, so the app can log them
// without the auth classes knowing about logging or HTTP.

export type SessionEventName = 'created' | 'destroyed' | 'expired' | 'refused'

export interface SessionEvent {
  readonly event: SessionEventName
  /** The session id as issued or received; listeners must not write it out in clear. */
  readonly sessionId: string
  readonly userId: string | null
  /** Why a presented session was refused: malformed, ambiguous, unknown or user not found. */
  readonly reason?: string
}

/** Receives session events; must not throw. */
export type SessionEventListener = (event: SessionEvent) => void
