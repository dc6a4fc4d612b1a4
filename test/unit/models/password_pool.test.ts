// PasswordHasher over the worker pool: hashes bcryptjs itself accepts, checks that tell right from
// wrong, and a process that still exits on its own (mocha would hang otherwise).
import bcrypt from 'bcryptjs'
import { expect } from 'chai'
import { PasswordHasher } from '../../../models/password.js'

describe('PasswordHasher (bcrypt in worker threads)', () => {
  const passwords = new PasswordHasher(4)

  it('hashes to a bcrypt hash of the configured cost that bcryptjs verifies on this thread', async () => {
    const hash = await passwords.hash('H0lbertonSchool98!')
    expect(hash).to.match(/^\$2b\$04\$[./A-Za-z0-9]{53}$/)
    expect(bcrypt.compareSync('H0lbertonSchool98!', hash)).to.equal(true)
  })

  it('checks a hash made by bcryptjs on this thread: valid for the password, invalid otherwise', async () => {
    const hash = bcrypt.hashSync('fake pwd', 4)
    expect(await passwords.check('fake pwd', hash)).to.deep.equal({ valid: true, rehash: false })
    expect(await passwords.check('fake pwd ', hash)).to.deep.equal({ valid: false, rehash: false })
  })

  it('answers many concurrent checks, each with its own result', async () => {
    const hash = await passwords.hash('pw')
    const results = await Promise.all(['pw', 'x', 'pw', 'y', 'pw', 'z'].map((p) => passwords.check(p, hash)))
    expect(results.map((r) => r.valid)).to.deep.equal([true, false, true, false, true, false])
  })

  it('rejects a password over 72 bytes with a RangeError, without hashing it', async () => {
    let caught: unknown = null
    await passwords.hash('a'.repeat(73)).catch((error: unknown) => { caught = error })
    expect(caught).to.be.instanceOf(RangeError)
  })
})
