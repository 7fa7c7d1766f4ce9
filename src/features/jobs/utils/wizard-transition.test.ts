import { describe, expect, it } from 'vitest'
import type { SignedUrl } from './operator-url.ts'
import type { ResolvedTarget } from './resolved-target.ts'
import { emptyWizardState } from './wizard-state.ts'
import { initialWizardSession, wizardTransition, type WizardSession } from './wizard-transition.ts'

const signedUrl: SignedUrl = {
  imageKey: 'lamp-v2/2.0.0/firmware.bin',
  expiryHours: '24',
  url: 'https://example.invalid/firmware.bin',
  expiresAtMs: 1_000_000,
  cappedByCredentials: false,
}
const query: ResolvedTarget = {
  target: { kind: 'query', queryString: 'attributes.site:lyon' },
  targets: { kind: 'arns', arns: ['arn:aws:iot:us-east-1:000000000000:thing/lamp-0001'] },
}
const group: ResolvedTarget = {
  target: { kind: 'group', thingGroupName: 'model-lamp-v2' },
  targets: { kind: 'arns', arns: ['arn:aws:iot:us-east-1:000000000000:thinggroup/model-lamp-v2'] },
}

const reviewed = (resolved: ResolvedTarget): WizardSession => ({
  ...initialWizardSession({
    ...emptyWizardState,
    options: {
      ...emptyWizardState.options,
      urlMode: 'operator-presigned',
      operatorUrlExpiryHours: '24',
    },
  }),
  resolved,
  signedUrl,
  typedConfirmation: 'model-lamp-v2',
  acceptRejections: true,
})
const withOptions = (session: WizardSession, patch: object) =>
  wizardTransition(session, {
    type: 'change',
    patch: { options: { ...session.form.options, ...patch } },
  })

describe('wizardTransition', () => {
  it('records what the checks resolved and what the operator typed or accepted', () => {
    let session = initialWizardSession(emptyWizardState)
    session = wizardTransition(session, { type: 'resolved', resolved: group })
    session = wizardTransition(session, { type: 'signed', signedUrl })
    session = wizardTransition(session, { type: 'typed', text: 'model' })
    session = wizardTransition(session, { type: 'accept-rejections', accepted: true })
    expect(session).toEqual({
      form: emptyWizardState,
      resolved: group,
      signedUrl,
      typedConfirmation: 'model',
      acceptRejections: true,
    })
  })

  it('any change clears the typed confirmation; only a target change clears accepted rejections', () => {
    const described = wizardTransition(reviewed(group), {
      type: 'change',
      patch: { options: { ...reviewed(group).form.options, description: 'night' } },
    })
    expect(described.typedConfirmation).toBe('')
    expect(described.acceptRejections).toBe(true)
    expect(described.signedUrl).toBe(signedUrl)
    expect(described.form.options.description).toBe('night')

    for (const patch of [{ targetName: 'site-lyon' }, { forced: true }, { version: '1.2.0' }]) {
      expect(wizardTransition(reviewed(group), { type: 'change', patch }).acceptRejections).toBe(
        false,
      )
    }
  })

  it('drops the signed URL when the release, URL mode or expiry changes, not otherwise', () => {
    expect(
      wizardTransition(reviewed(group), { type: 'change', patch: { model: 'lock-v3' } }).signedUrl,
    ).toBeUndefined()
    expect(
      wizardTransition(reviewed(group), { type: 'change', patch: { version: '1.0.0' } }).signedUrl,
    ).toBeUndefined()
    expect(withOptions(reviewed(group), { urlMode: 'placeholder' }).signedUrl).toBeUndefined()
    expect(withOptions(reviewed(group), { operatorUrlExpiryHours: '48' }).signedUrl).toBeUndefined()
    expect(withOptions(reviewed(group), { operatorUrlExpiryHours: '24' }).signedUrl).toBe(signedUrl)
    expect(
      wizardTransition(reviewed(group), { type: 'change', patch: { targetName: 'x' } }).signedUrl,
    ).toBe(signedUrl)
  })

  it("a new target selection drops a query's resolved targets, and only a query's", () => {
    expect(withOptions(reviewed(query), { targetSelection: 'CONTINUOUS' }).resolved).toEqual({
      target: query.target,
      targets: undefined,
    })
    expect(withOptions(reviewed(query), { targetSelection: 'SNAPSHOT' }).resolved).toBe(query)
    expect(withOptions(reviewed(group), { targetSelection: 'CONTINUOUS' }).resolved).toBe(group)
  })
})
