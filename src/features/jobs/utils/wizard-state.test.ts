import { describe, expect, it } from 'vitest'
import { defaultJobOptionsForm } from './firmware-job-form.ts'
import { templateIdFromParams, withTemplate, wizardStateFromParams } from './wizard-state.ts'

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

describe('templates in the wizard', () => {
  const prefill = {
    jobTemplateArn: 'arn:aws:iot:us-east-1:123456789012:jobtemplate/canary',
    model: 'lamp-v2',
    version: '1.2.0',
    forced: true,
    options: { ...defaultJobOptionsForm, description: 'Canary' },
    notes: [],
  }

  it('reads ?template= from a deep link', () => {
    expect(templateIdFromParams(new URLSearchParams('template=canary'))).toBe('canary')
    expect(templateIdFromParams(new URLSearchParams('template=%20'))).toBeUndefined()
    expect(templateIdFromParams(new URLSearchParams())).toBeUndefined()
  })

  it('applies a template but keeps the target, and records its ARN', () => {
    const state = wizardStateFromParams(new URLSearchParams('group=canary-lamp-v2'))
    expect(withTemplate(state, prefill, 'canary')).toMatchObject({
      targetName: 'canary-lamp-v2',
      model: 'lamp-v2',
      version: '1.2.0',
      forced: true,
      options: { description: 'Canary' },
      jobTemplate: { id: 'canary', arn: prefill.jobTemplateArn },
    })
  })

  it('keeps a release the link chose when asked to', () => {
    const state = wizardStateFromParams(new URLSearchParams('model=lock-v3&version=3.1.0'))
    expect(withTemplate(state, prefill, 'canary', { keepRelease: true })).toMatchObject({
      model: 'lock-v3',
      version: '3.1.0',
    })
  })
})
