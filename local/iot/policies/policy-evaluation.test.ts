import { describe, expect, it } from 'vitest'
import { parsePolicyDocument, type PolicyDocument } from './policy-document.ts'
import { evaluatePolicies, type ConnectionFacts } from './policy-evaluation.ts'

const ARN = 'arn:aws:iot:us-east-1:000000000000'

function policy(statements: unknown, version = '2012-10-17'): PolicyDocument {
  const parsed = parsePolicyDocument(JSON.stringify({ Version: version, Statement: statements }))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed))
  return parsed.document
}

const attached: ConnectionFacts = {
  clientId: 'sensor-1',
  thing: { thingName: 'sensor-1', thingTypeName: 'meter', attributes: { site: 'north' } },
}
const unattached: ConnectionFacts = { clientId: 'sensor-1' }

const ownTopics = policy([
  { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:ClientId}` },
  {
    Effect: 'Allow',
    Action: ['iot:Publish', 'iot:Receive'],
    Resource: `${ARN}:topic/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
  },
  {
    Effect: 'Allow',
    Action: 'iot:Subscribe',
    Resource: `${ARN}:topicfilter/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
  },
])

describe('evaluatePolicies', () => {
  it('allows what a statement names, with variables from the connection', () => {
    expect(evaluatePolicies([ownTopics], 'iot:Connect', `${ARN}:client/sensor-1`, attached)).toBe(
      'allow',
    )
    expect(
      evaluatePolicies(
        [ownTopics],
        'iot:Publish',
        `${ARN}:topic/$aws/things/sensor-1/jobs/get`,
        attached,
      ),
    ).toBe('allow')
    expect(
      evaluatePolicies(
        [ownTopics],
        'iot:Subscribe',
        `${ARN}:topicfilter/$aws/things/sensor-1/jobs/#`,
        attached,
      ),
    ).toBe('allow')
  })

  it("denies by default: another client id, another thing's topics, an action no statement names", () => {
    expect(evaluatePolicies([ownTopics], 'iot:Connect', `${ARN}:client/sensor-2`, attached)).toBe(
      'implicit-deny',
    )
    expect(
      evaluatePolicies(
        [ownTopics],
        'iot:Publish',
        `${ARN}:topic/$aws/things/sensor-2/jobs/get`,
        attached,
      ),
    ).toBe('implicit-deny')
    expect(
      evaluatePolicies(
        [ownTopics],
        'iot:Subscribe',
        `${ARN}:topic/$aws/things/sensor-1/x`,
        attached,
      ),
    ).toBe('implicit-deny')
    expect(evaluatePolicies([], 'iot:Connect', `${ARN}:client/sensor-1`, attached)).toBe(
      'implicit-deny',
    )
  })

  it('does not resolve thing variables without an attached thing', () => {
    expect(
      evaluatePolicies(
        [ownTopics],
        'iot:Publish',
        `${ARN}:topic/$aws/things/sensor-1/jobs/get`,
        unattached,
      ),
    ).toBe('implicit-deny')
    // iot:ClientId needs no thing.
    expect(evaluatePolicies([ownTopics], 'iot:Connect', `${ARN}:client/sensor-1`, unattached)).toBe(
      'allow',
    )
  })

  it('lets an explicit Deny in any policy beat every Allow', () => {
    const everything = policy([{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }])
    const noEvents = policy([
      { Effect: 'Deny', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/$aws/events/*` },
    ])
    expect(
      evaluatePolicies(
        [everything, noEvents],
        'iot:Subscribe',
        `${ARN}:topicfilter/$aws/events/#`,
        attached,
      ),
    ).toBe('explicit-deny')
    expect(
      evaluatePolicies([everything, noEvents], 'iot:Subscribe', `${ARN}:topicfilter/a/b`, attached),
    ).toBe('allow')
  })

  it('matches actions without regard to case, and ? as one character', () => {
    const document = policy([
      { Effect: 'Allow', Action: 'IOT:publish', Resource: `${ARN}:topic/room/?` },
    ])
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/room/7`, attached)).toBe(
      'allow',
    )
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/room/17`, attached)).toBe(
      'implicit-deny',
    )
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/ROOM/7`, attached)).toBe(
      'implicit-deny',
    )
  })

  it('treats + and # in a policy, and wildcards in a variable value, as plain characters', () => {
    const document = policy([
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/a/+` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/c/\${iot:ClientId}` },
    ])
    expect(evaluatePolicies([document], 'iot:Subscribe', `${ARN}:topicfilter/a/+`, attached)).toBe(
      'allow',
    )
    expect(evaluatePolicies([document], 'iot:Subscribe', `${ARN}:topicfilter/a/b`, attached)).toBe(
      'implicit-deny',
    )
    const starry: ConnectionFacts = { clientId: 'x*' }
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/c/x*`, starry)).toBe('allow')
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/c/xyz`, starry)).toBe(
      'implicit-deny',
    )
  })

  it('reads ${…} literally in a 2008-10-17 document', () => {
    const document = policy(
      [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:ClientId}` }],
      '2008-10-17',
    )
    expect(evaluatePolicies([document], 'iot:Connect', `${ARN}:client/sensor-1`, attached)).toBe(
      'implicit-deny',
    )
    expect(
      evaluatePolicies([document], 'iot:Connect', `${ARN}:client/\${iot:ClientId}`, attached),
    ).toBe('allow')
  })

  it('evaluates Bool on iot:Connection.Thing.IsAttached and string conditions', () => {
    const document = policy([
      {
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': ['true'] } },
      },
      {
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: '*',
        Condition: {
          StringEquals: { 'iot:Connection.Thing.Attributes[site]': 'north' },
          StringLike: { 'iot:Connection.Thing.ThingTypeName': 'me*' },
        },
      },
      {
        Effect: 'Deny',
        Action: 'iot:Publish',
        Resource: '*',
        Condition: { StringNotEquals: { 'iot:ClientId': '${iot:Connection.Thing.ThingName}' } },
      },
    ])
    const topic = `${ARN}:topic/t`
    expect(evaluatePolicies([document], 'iot:Connect', `${ARN}:client/c`, attached)).toBe('allow')
    expect(evaluatePolicies([document], 'iot:Connect', `${ARN}:client/c`, unattached)).toBe(
      'implicit-deny',
    )
    expect(evaluatePolicies([document], 'iot:Publish', topic, attached)).toBe('allow')
    const elsewhere = { ...attached, thing: { ...attached.thing!, attributes: { site: 'south' } } }
    expect(evaluatePolicies([document], 'iot:Publish', topic, elsewhere)).toBe('implicit-deny')
    const otherClient = { ...attached, clientId: 'sensor-9' }
    expect(evaluatePolicies([document], 'iot:Publish', topic, otherClient)).toBe('explicit-deny')
  })

  it('supports NotAction and NotResource', () => {
    const document = policy([
      { Effect: 'Allow', NotAction: 'iot:Publish', NotResource: `${ARN}:client/blocked` },
    ])
    expect(evaluatePolicies([document], 'iot:Connect', `${ARN}:client/c`, attached)).toBe('allow')
    expect(evaluatePolicies([document], 'iot:Connect', `${ARN}:client/blocked`, attached)).toBe(
      'implicit-deny',
    )
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/t`, attached)).toBe(
      'implicit-deny',
    )
  })

  it('does not apply an Allow whose variable has no value, even under NotResource or a negated condition', () => {
    // Unresolved, the pattern "does not match"; negated, that would become a grant
    // to publish to every other thing's /admin topic.
    const notAdmin = policy([
      {
        Effect: 'Allow',
        Action: 'iot:Publish',
        NotResource: `${ARN}:topic/things/\${iot:Connection.Thing.ThingName}/admin`,
      },
    ])
    const otherAdmin = `${ARN}:topic/things/sensor-2/admin`
    expect(evaluatePolicies([notAdmin], 'iot:Publish', otherAdmin, unattached)).toBe(
      'implicit-deny',
    )
    expect(evaluatePolicies([notAdmin], 'iot:Publish', otherAdmin, attached)).toBe('allow')
    expect(
      evaluatePolicies([notAdmin], 'iot:Publish', `${ARN}:topic/things/sensor-1/admin`, attached),
    ).toBe('implicit-deny')

    const notOwnClient = policy([
      {
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringNotEquals: { 'iot:ClientId': '${iot:Connection.Thing.ThingName}' } },
      },
    ])
    expect(evaluatePolicies([notOwnClient], 'iot:Connect', `${ARN}:client/x`, unattached)).toBe(
      'implicit-deny',
    )
  })

  it('keeps a Deny whose variable has no value failing closed under NotResource', () => {
    const document = policy([
      { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 'iot:Publish',
        NotResource: `${ARN}:topic/things/\${iot:Connection.Thing.ThingName}/*`,
      },
    ])
    expect(evaluatePolicies([document], 'iot:Publish', `${ARN}:topic/things/a/b`, unattached)).toBe(
      'explicit-deny',
    )
  })

  it('answers adversarial wildcard resources at once', () => {
    const document = policy([
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/${'a*'.repeat(40)}c` },
    ])
    const topic = `${ARN}:topic/${'a'.repeat(5_000)}`
    expect(evaluatePolicies([document], 'iot:Publish', topic, attached)).toBe('implicit-deny')
    expect(evaluatePolicies([document], 'iot:Publish', `${topic}c`, attached)).toBe('allow')
  })
})
