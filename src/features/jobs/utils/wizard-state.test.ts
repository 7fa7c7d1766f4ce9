import { describe, expect, it } from 'vitest'
import { wizardStateFromParams } from './wizard-state.ts'

describe('wizardStateFromParams', () => {
  it('prefills a thing, things, a group or a query, and the release', () => {
    expect(wizardStateFromParams(new URLSearchParams('thing=lamp-0001'))).toMatchObject({
      targetKind: 'thing',
      targetName: 'lamp-0001',
    })
    expect(wizardStateFromParams(new URLSearchParams('things=a,b'))).toMatchObject({
      targetKind: 'things',
      targetNames: 'a\nb',
    })
    expect(
      wizardStateFromParams(
        new URLSearchParams('group=canary-lamp-v2&model=lamp-v2&version=2.0.0'),
      ),
    ).toMatchObject({
      targetKind: 'group',
      targetName: 'canary-lamp-v2',
      model: 'lamp-v2',
      version: '2.0.0',
    })
    expect(
      wizardStateFromParams(new URLSearchParams('query=attributes.site%3Aberlin')),
    ).toMatchObject({
      targetKind: 'query',
      targetQuery: 'attributes.site:berlin',
    })
  })

  it('starts on a group target with nothing chosen', () => {
    expect(wizardStateFromParams(new URLSearchParams())).toMatchObject({
      targetKind: 'group',
      targetName: '',
      model: '',
      forced: false,
    })
  })
})
