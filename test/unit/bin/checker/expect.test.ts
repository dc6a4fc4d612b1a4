// The checker's comparison of JSON bodies: parsed values, whole objects, matchers for server-chosen values.
import { expect } from 'chai'
import { anyUuid, listContaining, matches, renderJson } from '../../../../bin/checker/expect.js'

describe('checker expectations', function () {
  const id = '2e6b6a45-4b1c-4b6e-9d8a-0c1f2a3b4c5d'

  it('matches an object only with exactly its keys and values', function () {
    expect(matches({ error: 'Forbidden' }, { error: 'Forbidden' })).to.equal(true)
    expect(matches({ error: 'Forbidden' }, { error: 'Forbidden', extra: 1 })).to.equal(false)
    expect(matches({ error: 'Forbidden', extra: undefined }, { error: 'Forbidden' })).to.equal(false)
    expect(matches({ error: 'Not found' }, { error: 'Not Found' })).to.equal(false)
    expect(matches({}, [])).to.equal(false)
  })

  it('lets a matcher stand for any value it accepts, and nothing else', function () {
    expect(matches({ id: anyUuid }, { id })).to.equal(true)
    expect(matches({ id: anyUuid }, { id: 'Holberton' })).to.equal(false)
    expect(matches({ id: anyUuid }, {})).to.equal(false)
  })

  it('matches a list holding the element anywhere, and not a list without it', function () {
    expect(matches(listContaining({ id: anyUuid }), [{ id: 'x' }, { id }])).to.equal(true)
    expect(matches(listContaining({ id: anyUuid }), [{ id: 'x' }])).to.equal(false)
    expect(matches(listContaining({ id: anyUuid }), { id })).to.equal(false)
  })

  it('renders matchers as their bare labels inside the JSON text', function () {
    expect(renderJson({ id: anyUuid, list: listContaining({ id: anyUuid }) })).to.equal('{"id":<uuid>,"list":<list containing {"id":<uuid>}>}')
  })
})
