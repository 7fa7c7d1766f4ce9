import {
  AttachPolicyCommand,
  AttachPrincipalPolicyCommand,
  CreatePolicyCommand,
  DeleteConflictException,
  DeletePolicyCommand,
  DetachPolicyCommand,
  DetachPrincipalPolicyCommand,
  GetPolicyCommand,
  InvalidRequestException,
  IoTClient,
  LimitExceededException,
  ListAttachedPoliciesCommand,
  ListPoliciesCommand,
  ListPrincipalPoliciesCommand,
  ListTargetsForPolicyCommand,
  MalformedPolicyException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { REGION } from '../config.ts'
import {
  createCertificate,
  createPolicy,
  OWN_TOPICS_POLICY,
} from '../testing/device-certificates.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/** IoT policies through the real SDK: documents checked as AWS checks them, and attachments. */
const VIEWER = { accessKeyId: 'viewer-key', secretAccessKey: 'viewer-secret' }
const cloud = useLocalCloudFixture({
  credentials: {
    lookup: (accessKeyId) =>
      accessKeyId === VIEWER.accessKeyId
        ? {
            credentials: VIEWER,
            principal: {
              role: 'viewer',
              accessKeyId,
              arn: 'arn:aws:iam::000000000000:user/viewer',
            },
          }
        : undefined,
  },
})

const allowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
})

describe('IoT policies', () => {
  it('CreatePolicy makes version 1; GetPolicy and ListPolicies show it; a second CreatePolicy is refused', async () => {
    const policyName = uniqueName('p')
    const created = await cloud.iot.send(
      new CreatePolicyCommand({ policyName, policyDocument: OWN_TOPICS_POLICY }),
    )
    expect(created).toMatchObject({
      policyName,
      policyArn: `arn:aws:iot:us-east-1:000000000000:policy/${policyName}`,
      policyDocument: OWN_TOPICS_POLICY,
      policyVersionId: '1',
    })
    const got = await cloud.iot.send(new GetPolicyCommand({ policyName }))
    expect(got).toMatchObject({
      policyName,
      policyDocument: OWN_TOPICS_POLICY,
      defaultVersionId: '1',
    })
    expect(got.creationDate).toBeInstanceOf(Date)
    const listed = await cloud.iot.send(new ListPoliciesCommand({}))
    expect(listed.policies?.[0]).toEqual({ policyName, policyArn: created.policyArn })
    await expect(
      cloud.iot.send(new CreatePolicyCommand({ policyName, policyDocument: allowAll })),
    ).rejects.toBeInstanceOf(ResourceAlreadyExistsException)
    await expect(
      cloud.iot.send(new GetPolicyCommand({ policyName: uniqueName('missing') })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it.each([
    ['not JSON', '{"Version":"2012-10-17",'],
    ['without Statement', JSON.stringify({ Version: '2012-10-17' })],
    [
      'with a bad Effect',
      JSON.stringify({ Statement: { Effect: 'Maybe', Action: 'iot:*', Resource: '*' } }),
    ],
    ['without Resource', JSON.stringify({ Statement: { Effect: 'Allow', Action: 'iot:*' } })],
    ['with a wrong Version', JSON.stringify({ Version: '1', Statement: [] })],
    [
      'over 2,048 characters without whitespace',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: `arn:${'x'.repeat(2048)}` },
      }),
    ],
  ])('refuses a document %s with MalformedPolicyException', async (_name, policyDocument) => {
    await expect(
      cloud.iot.send(new CreatePolicyCommand({ policyName: uniqueName('bad'), policyDocument })),
    ).rejects.toBeInstanceOf(MalformedPolicyException)
  })

  it('refuses a policy name outside [\\w+=,.@-]', async () => {
    await expect(
      cloud.iot.send(
        new CreatePolicyCommand({ policyName: 'has space', policyDocument: allowAll }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('AttachPolicy, ListAttachedPolicies, ListTargetsForPolicy, DetachPolicy; DeletePolicy refused while attached', async () => {
    const policyName = await createPolicy(cloud.iot, allowAll)
    const { certificateArn } = await createCertificate(cloud.iot)
    await cloud.iot.send(new AttachPolicyCommand({ policyName, target: certificateArn }))
    await cloud.iot.send(new AttachPolicyCommand({ policyName, target: certificateArn }))
    expect(
      (await cloud.iot.send(new ListAttachedPoliciesCommand({ target: certificateArn }))).policies,
    ).toEqual([{ policyName, policyArn: expect.stringContaining(`:policy/${policyName}`) }])
    expect((await cloud.iot.send(new ListTargetsForPolicyCommand({ policyName }))).targets).toEqual(
      [certificateArn],
    )
    await expect(cloud.iot.send(new DeletePolicyCommand({ policyName }))).rejects.toBeInstanceOf(
      DeleteConflictException,
    )
    await cloud.iot.send(new DetachPolicyCommand({ policyName, target: certificateArn }))
    expect(
      (await cloud.iot.send(new ListAttachedPoliciesCommand({ target: certificateArn }))).policies,
    ).toEqual([])
    await cloud.iot.send(new DeletePolicyCommand({ policyName }))
    await expect(cloud.iot.send(new GetPolicyCommand({ policyName }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
  })

  it('AttachPolicy refuses a missing policy or certificate, and an eleventh policy', async () => {
    const { certificateArn } = await createCertificate(cloud.iot)
    await expect(
      cloud.iot.send(
        new AttachPolicyCommand({ policyName: uniqueName('none'), target: certificateArn }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    const policyName = await createPolicy(cloud.iot, allowAll)
    await expect(
      cloud.iot.send(
        new AttachPolicyCommand({
          policyName,
          target: certificateArn.replace(/[0-9a-f]{64}$/, 'c'.repeat(64)),
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    for (let index = 0; index < 10; index += 1) {
      const name = await createPolicy(cloud.iot, allowAll)
      await cloud.iot.send(new AttachPolicyCommand({ policyName: name, target: certificateArn }))
    }
    await expect(
      cloud.iot.send(new AttachPolicyCommand({ policyName, target: certificateArn })),
    ).rejects.toBeInstanceOf(LimitExceededException)
  })

  it('the legacy AttachPrincipalPolicy, ListPrincipalPolicies and DetachPrincipalPolicy', async () => {
    const policyName = await createPolicy(cloud.iot, allowAll)
    const { certificateArn } = await createCertificate(cloud.iot)
    await cloud.iot.send(
      new AttachPrincipalPolicyCommand({ policyName, principal: certificateArn }),
    )
    expect(
      (
        await cloud.iot.send(new ListPrincipalPoliciesCommand({ principal: certificateArn }))
      ).policies?.map((policy) => policy.policyName),
    ).toEqual([policyName])
    await cloud.iot.send(
      new DetachPrincipalPolicyCommand({ policyName, principal: certificateArn }),
    )
    expect(
      (await cloud.iot.send(new ListPrincipalPoliciesCommand({ principal: certificateArn })))
        .policies,
    ).toEqual([])
  })

  it('lets a viewer neither read (the dashboard never does) nor create policies', async () => {
    const viewer = new IoTClient({
      region: REGION,
      endpoint: cloud.endpoint,
      credentials: VIEWER,
      maxAttempts: 1,
    })
    try {
      const policyName = await createPolicy(cloud.iot, allowAll)
      await expect(viewer.send(new GetPolicyCommand({ policyName }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
      })
      await expect(
        viewer.send(
          new CreatePolicyCommand({ policyName: uniqueName('v'), policyDocument: allowAll }),
        ),
      ).rejects.toMatchObject({ name: 'AccessDeniedException' })
    } finally {
      viewer.destroy()
    }
  })
})
