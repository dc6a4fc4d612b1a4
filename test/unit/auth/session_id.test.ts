// Session ids as SessionAuth issues them (newSessionId): lowercase canonical uuid4, never twice.
import { expect } from 'chai'
import { isSessionId, newSessionId } from '../../../api/v1/auth/session_auth.js'

describe('newSessionId', () => {
  it('returns a lowercase canonical uuid4 that isSessionId accepts', () => {
    const id = newSessionId()
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(isSessionId(id)).to.equal(true)
  })

  it('returns a different id on each call', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newSessionId()))
    expect(ids.size).to.equal(1000)
  })
})
