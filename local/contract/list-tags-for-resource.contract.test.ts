import {
  CreateJobCommand,
  CreateThingGroupCommand,
  InvalidRequestException,
  IoTClient,
  IoTServiceException,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { arns } from '../arns.ts'
import { arnOfGroup, arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../testing/viewer-key.ts'

const cloud = useLocalCloudFixture({ credentials: withViewerKey })

async function jobWithTags(tags?: { Key: string; Value: string }[]) {
  const [thing = ''] = await createThings(cloud.iot, 1, 'tags')
  const jobId = uniqueName('tagged')
  await cloud.iot.send(
    new CreateJobCommand({
      jobId,
      targets: [arnOfThing(thing)],
      document: DOCUMENT,
      ...(tags === undefined ? {} : { tags }),
    }),
  )
  return { jobId, thing }
}

describe('ListTagsForResource', () => {
  it('lists the tags CreateJob stored on a job, to a viewer too', async () => {
    const tags = [
      { Key: 'createdBy', Value: 'alice' },
      { Key: 'purpose', Value: 'canary' },
    ]
    const { jobId } = await jobWithTags(tags)
    const output = await cloud.iot.send(
      new ListTagsForResourceCommand({ resourceArn: arns.job(jobId) }),
    )
    expect(output.tags).toEqual(tags)
    expect(output.nextToken).toBeUndefined()

    const viewer = new IoTClient({
      region: 'us-east-1',
      endpoint: cloud.endpoint,
      credentials: VIEWER_KEY,
      maxAttempts: 1,
    })
    const seen = await viewer.send(new ListTagsForResourceCommand({ resourceArn: arns.job(jobId) }))
    expect(seen.tags).toEqual(tags)
    viewer.destroy()
  })

  it('answers an empty list for a job created without tags', async () => {
    const { jobId } = await jobWithTags()
    const output = await cloud.iot.send(
      new ListTagsForResourceCommand({ resourceArn: arns.job(jobId) }),
    )
    expect(output.tags).toEqual([])
  })

  it('refuses an unknown job, a foreign account and a forged token', async () => {
    await expect(
      cloud.iot.send(new ListTagsForResourceCommand({ resourceArn: arns.job('no-such-job') })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    const { jobId } = await jobWithTags([{ Key: 'createdBy', Value: 'bob' }])
    await expect(
      cloud.iot.send(
        new ListTagsForResourceCommand({
          resourceArn: `arn:aws:iot:us-east-1:111111111111:job/${jobId}`,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.iot.send(
        new ListTagsForResourceCommand({ resourceArn: arns.job(jobId), nextToken: 'forged' }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    await expect(
      cloud.iot.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('answers NotImplemented for things and thing groups, whose tags it does not keep', async () => {
    const { thing } = await jobWithTags()
    const group = uniqueName('tags-group')
    await cloud.iot.send(
      new CreateThingGroupCommand({
        thingGroupName: group,
        tags: [{ Key: 'createdBy', Value: 'alice' }],
      }),
    )
    for (const resourceArn of [arnOfThing(thing), arnOfGroup(group)]) {
      const error: unknown = await cloud.iot
        .send(new ListTagsForResourceCommand({ resourceArn }))
        .then(
          () => undefined,
          (caught: unknown) => caught,
        )
      expect(error).toBeInstanceOf(IoTServiceException)
      expect((error as IoTServiceException).name).toBe('NotImplementedException')
      expect((error as IoTServiceException).$metadata.httpStatusCode).toBe(501)
    }
  })
})
