import { describe, expect, it } from 'vitest'
import { MAX_POLICY_CHARACTERS, parsePolicyDocument } from './policy-document.ts'

const statement = { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }
const document = (body: Record<string, unknown>) => JSON.stringify(body)

describe('parsePolicyDocument', () => {
  it('accepts a statement object or a list, and Action/Resource as a string or a list', () => {
    expect(
      parsePolicyDocument(document({ Version: '2012-10-17', Statement: statement })),
    ).toMatchObject({ ok: true, document: { substitutesVariables: true } })
    const parsed = parsePolicyDocument(
      document({
        Version: '2012-10-17',
        Statement: [{ ...statement, Sid: 'a', Action: ['iot:Publish', 'iot:Receive'] }],
      }),
    )
    expect(parsed).toMatchObject({
      ok: true,
      document: { statements: [{ effect: 'Allow', actions: ['iot:Publish', 'iot:Receive'] }] },
    })
  })

  it.each([
    ['not JSON', '{"Version":', /not valid JSON/],
    ['an array', '[]', /JSON object/],
    ['empty', '   ', /empty/],
    ['no Statement', document({ Version: '2012-10-17' }), /needs a Statement/],
    ['an empty Statement list', document({ Statement: [] }), /must not be empty/],
    ['a wrong Version', document({ Version: '2020-01-01', Statement: statement }), /Version/],
    ['a wrong Effect', document({ Statement: { ...statement, Effect: 'allow' } }), /Effect/],
    [
      'no Action',
      document({ Statement: { Effect: 'Allow', Resource: '*' } }),
      /Action and NotAction/,
    ],
    [
      'no Resource',
      document({ Statement: { Effect: 'Allow', Action: 'iot:Connect' } }),
      /Resource and NotResource/,
    ],
    [
      'a Principal',
      document({ Statement: { ...statement, Principal: '*' } }),
      /Principal is not allowed/,
    ],
    [
      'an action without service',
      document({ Statement: { ...statement, Action: 'Connect' } }),
      /valid action/,
    ],
    [
      'an empty Resource list',
      document({ Statement: { ...statement, Resource: [] } }),
      /non-empty/,
    ],
  ])('refuses %s as malformed', (_name, text, message) => {
    const parsed = parsePolicyDocument(text)
    expect(parsed.ok).toBe(false)
    expect('malformed' in parsed && parsed.malformed).toMatch(message)
  })

  it('counts the size limit without whitespace, as AWS does', () => {
    const resource = (length: number) => `arn:${'x'.repeat(length)}`
    const base = document({ Statement: { ...statement, Resource: resource(0) } }).length
    const fits = document({
      Statement: { ...statement, Resource: resource(MAX_POLICY_CHARACTERS - base) },
    })
    expect(fits.length).toBe(MAX_POLICY_CHARACTERS)
    expect(parsePolicyDocument(fits).ok).toBe(true)
    expect(parsePolicyDocument(fits.replace('{', '{\n   \t ')).ok).toBe(true)
    const tooLong = fits.replace('arn:', 'arn:y')
    expect(parsePolicyDocument(tooLong)).toMatchObject({ ok: false, malformed: /2049 characters/ })
  })

  it('refuses, as not implemented, variables and conditions it cannot evaluate', () => {
    expect(
      parsePolicyDocument(
        document({
          Version: '2012-10-17',
          Statement: { ...statement, Resource: 'arn:${iot:Certificate.Subject.CommonName}' },
        }),
      ),
    ).toMatchObject({ ok: false, unsupported: /iot:Certificate.Subject.CommonName/ })
    expect(
      parsePolicyDocument(
        document({
          Statement: { ...statement, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        }),
      ),
    ).toMatchObject({ ok: false, unsupported: /IpAddress/ })
    // In a 2008-10-17 document `${…}` is text, so nothing to evaluate.
    expect(
      parsePolicyDocument(
        document({
          Statement: { ...statement, Resource: 'arn:${iot:Certificate.Subject.CommonName}' },
        }),
      ).ok,
    ).toBe(true)
  })
})
