// A database that cannot grow (SQLITE_FULL, "database or disk is full"), in-process: SQLite's
// PRAGMA max_page_count on the app's own connection caps the file at its current size, so the first
// write that needs a new page fails as on a full disk. storage_outage.test.ts covers writes refused
// by the operating system on a real server process; this covers SQLite's own full error.
import { expect } from 'chai'
import { buildApp, type TestApp } from '../support/app.js'

const UNAVAILABLE = { error: 'Service unavailable' }
// Far more users than one page of the users table holds: one of them needs a new page.
const MAX_CREATIONS = 500

describe('the database that cannot grow', function () {
  let t: TestApp
  let logged: string[]

  beforeEach(function () {
    logged = []
    t = buildApp({ LOG_LEVEL: 'error' }, { logSink: (line) => logged.push(line) })
  })
  afterEach(function () { t.close() })

  function create(n: number) {
    return t.http.post('/api/v1/users').send({ email: `full${n}@hbtn.io`, password: 'pwd', first_name: 'x'.repeat(200) })
  }

  it('answers 503 to the write that needs a page, keeps reads, and writes again once it may grow', async function () {
    const pages = t.database.db.pragma('page_count', { simple: true }) as number
    t.database.db.pragma(`max_page_count = ${pages}`)
    let n = 0
    let refused = await create(n)
    while (refused.status === 201 && n < MAX_CREATIONS) refused = await create(++n)
    expect([refused.status, refused.body, refused.headers['retry-after']]).to.deep.equal([503, UNAVAILABLE, '1'])
    expect(n).to.be.greaterThan(0)
    expect(logged.join('\n')).to.include('database or disk is full')

    const count = await t.http.get('/api/v1/stats')
    expect([count.status, count.body]).to.deep.equal([200, { users: n }])
    const again = await create(n)
    expect([again.status, again.body]).to.deep.equal([503, UNAVAILABLE])

    t.database.db.pragma('max_page_count = 1073741823')
    const created = await create(n)
    expect(created.status).to.equal(201)
    expect(created.body).to.include({ email: `full${n}@hbtn.io` })
    expect((await t.http.get('/api/v1/stats')).body).to.deep.equal({ users: n + 1 })
  })
})
