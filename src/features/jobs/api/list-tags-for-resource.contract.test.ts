import { CreateJobCommand, IoTClient, ResourceNotFoundException } from '@aws-sdk/client-iot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arnOfThing, createThings, DOCUMENT } from '../../../../local/testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { createdByOf } from '../utils/created-by-tag.ts'
import { listTagsForResource } from './list-tags-for-resource.ts'

/** The jobs list's "Created by": a job's tags read back as a viewer, through the real SDK. */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
let viewer: IoTClient
let thing: string

beforeAll(async () => {
  viewer = new IoTClient({
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: VIEWER_KEY,
    maxAttempts: 1,
  })
  ;[thing = ''] = await createThings(cloud.iot, 1, 'created-by')
})

afterAll(() => viewer.destroy())

async function createJob(tags?: { Key: string; Value: string }[]): Promise<string> {
  const jobId = uniqueName('created-by')
  const output = await cloud.iot.send(
    new CreateJobCommand({
      jobId,
      targets: [arnOfThing(thing)],
      document: DOCUMENT,
      description: 'Upgrade by someone else',
      ...(tags === undefined ? {} : { tags }),
    }),
  )
  return output.jobArn ?? ''
}

describe('listTagsForResource', () => {
  it('reads who created a job from its createdBy tag, not its description', async () => {
    const jobArn = await createJob([
      { Key: 'purpose', Value: 'canary' },
      { Key: 'createdBy', Value: 'alice' },
    ])
    const tags = await listTagsForResource(viewer, jobArn)
    expect(tags).toEqual([
      { Key: 'purpose', Value: 'canary' },
      { Key: 'createdBy', Value: 'alice' },
    ])
    expect(createdByOf(tags)).toBe('alice')
  })

  it('finds no creator on a job without tags', async () => {
    const tags = await listTagsForResource(viewer, await createJob())
    expect(tags).toEqual([])
    expect(createdByOf(tags)).toBeUndefined()
  })

  it('fails for a job that does not exist', async () => {
    const jobArn = await createJob()
    await expect(
      listTagsForResource(viewer, jobArn.replace(/job\/.*$/, 'job/no-such-job')),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})
