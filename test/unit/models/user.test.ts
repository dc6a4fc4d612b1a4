// Unit tests of the User model: its public JSON, displayName and isValidPassword.
import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { formatTimestamp, parseTimestamp } from '../../../models/base.js'
import { PasswordHasher } from '../../../models/password.js'
import { User } from '../../../models/user.js'

const NOW = new Date('2026-03-04T05:06:07.890Z')
const passwords = new PasswordHasher(4)

describe('User', function () {
  describe('toJSON', function () {
    it('is exactly {id, email, first_name, last_name, created_at, updated_at}, timestamps as YYYY-MM-DDTHH:MM:SS UTC', function () {
      const user = new User({ id: 'u1', email: 'bob@hbtn.io', passwordHash: 'secret', firstName: 'Bob' }, NOW)
      expect(JSON.parse(JSON.stringify(user))).to.deep.equal({
        id: 'u1',
        email: 'bob@hbtn.io',
        first_name: 'Bob',
        last_name: null,
        created_at: '2026-03-04T05:06:07',
        updated_at: '2026-03-04T05:06:07',
      })
    })

    it('never contains the password hash', function () {
      const user = new User({ email: 'bob@hbtn.io', passwordHash: 'a-very-recognisable-hash' }, NOW)
      expect(JSON.stringify(user)).not.to.include('a-very-recognisable-hash')
    })

    it('gives a new user a lowercase uuid4 id and equal created_at and updated_at', function () {
      const user = new User({}, NOW)
      expect(user.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(user.createdAt).to.deep.equal(NOW)
      expect(user.updatedAt).to.deep.equal(NOW)
      expect(user.toJSON()).to.include({ email: null, first_name: null, last_name: null })
    })
  })

  describe('timestamps', function () {
    it('formats a Date as UTC without zone or fraction, and reads a zone-less value as UTC', function () {
      expect(formatTimestamp(new Date('2017-09-28T21:05:18.123+02:00'))).to.equal('2017-09-28T19:05:18')
      expect(parseTimestamp('2017-09-28T21:05:18').toISOString()).to.equal('2017-09-28T21:05:18.000Z')
      expect(() => parseTimestamp('yesterday')).to.throw(RangeError)
    })
  })

  describe('displayName', function () {
    const table: Array<[string | null, string | null, string | null, string]> = [
      [null, null, null, ''],
      ['bob@hbtn.io', null, null, 'bob@hbtn.io'],
      ['bob@hbtn.io', 'Bob', null, 'Bob'],
      ['bob@hbtn.io', null, 'Dylan', 'Dylan'],
      ['bob@hbtn.io', 'Bob', 'Dylan', 'Bob Dylan'],
      [null, 'Bob', null, 'Bob'],
    ]
    for (const [email, firstName, lastName, expected] of table) {
      it(`answers ${JSON.stringify(expected)} for email ${email}, first ${firstName}, last ${lastName}`, function () {
        expect(new User({ email, firstName, lastName }, NOW).displayName()).to.equal(expected)
      })
    }
  })

  describe('isValidPassword', function () {
    let user: User
    before(async function () {
      user = new User({ email: 'bob@hbtn.io', passwordHash: await passwords.hash('H0lbertonSchool98!') }, NOW)
    })

    it('is true for the password and false for another one', async function () {
      expect(await user.isValidPassword('H0lbertonSchool98!', passwords)).to.equal(true)
      expect(await user.isValidPassword('H0lbertonSchool98', passwords)).to.equal(false)
    })

    it('is false for null, undefined and non-string passwords', async function () {
      for (const value of [null, undefined, 98, ['H0lbertonSchool98!']]) {
        expect(await user.isValidPassword(value, passwords)).to.equal(false)
      }
    })

    it('is false for any password when the hash is null', async function () {
      const noHash = new User({ email: 'bob@hbtn.io' }, NOW)
      expect(await noHash.isValidPassword('', passwords)).to.equal(false)
      expect(await noHash.isValidPassword('H0lbertonSchool98!', passwords)).to.equal(false)
    })

    it('accepts a legacy unsalted SHA-256 hex hash of the password', async function () {
      const legacy = new User({ passwordHash: createHash('sha256').update('toto1234').digest('hex') }, NOW)
      expect(await legacy.isValidPassword('toto1234', passwords)).to.equal(true)
      expect(await legacy.isValidPassword('toto12345', passwords)).to.equal(false)
    })
  })
})
