import { CreateJobCommand, IoTClient } from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../../../local/testing/eventually.ts'
import {
  arnOfGroup,
  arnOfThing,
  createGroupOf,
  createThings,
  DOCUMENT,
} from '../../../../local/testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { jobProgressOf } from '../utils/job-progress.ts'
import { jobTargetLinksOf } from '../utils/job-target-links.ts'
import { describeJob } from './describe-job.ts'
import { getJobDocument } from './get-job-document.ts'
import { JOBS_PAGE_SIZE, listJobs } from './list-jobs.ts'

/**
 * The jobs list's fetchers through the real SDK against a local cloud, as a
 * viewer: ListJobs with its filters and pages, DescribeJob's counters as
 * devices finish, and documents read with Fleetdeck's schema.
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
let viewer: IoTClient
let things: string[]
let group: string
let groupJob: string
let thingJob: string
let continuousJob: string
let foreignJob: string

const INSTALL = JSON.stringify({
  operation: 'install',
  url: 'https://firmware.example.com/lamp-v2/2.0.0/firmware.bin',
  version: '2.0.0',
  sha256: 'b'.repeat(64),
  size: 2048,
  forced: true,
  model: 'lamp-v2',
})

async function create(
  jobId: string,
  input: Omit<ConstructorParameters<typeof CreateJobCommand>[0], 'jobId'>,
) {
  await cloud.iot.send(new CreateJobCommand({ jobId, ...input }))
  return jobId
}

beforeAll(async () => {
  viewer = new IoTClient({
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: VIEWER_KEY,
    maxAttempts: 1,
  })
  things = await createThings(cloud.iot, 4, 'jobs-list')
  group = await createGroupOf(cloud.iot, things.slice(0, 3))
  groupJob = await create(uniqueName('group-job'), {
    targets: [arnOfGroup(group)],
    document: INSTALL,
    description: 'Upgrade by alice',
  })
  thingJob = await create(uniqueName('thing-job'), {
    targets: [arnOfThing(things[3] ?? '')],
    document: DOCUMENT,
  })
  continuousJob = await create(uniqueName('continuous-job'), {
    targets: [arnOfGroup(group)],
    targetSelection: 'CONTINUOUS',
    document: DOCUMENT,
  })
  foreignJob = await create(uniqueName('foreign-job'), {
    targets: [arnOfThing(things[3] ?? '')],
    document: JSON.stringify({ action: 'reboot' }),
  })
})

describe('listJobs', () => {
  it('lists jobs newest first with their summaries', async () => {
    const page = await listJobs(viewer, {})
    const ids = page.jobs.map((job) => job.jobId)
    expect(ids.indexOf(foreignJob)).toBeLessThan(ids.indexOf(groupJob))
    expect(page.jobs.find((job) => job.jobId === continuousJob)).toMatchObject({
      status: 'IN_PROGRESS',
      targetSelection: 'CONTINUOUS',
    })
    expect(page.jobs.find((job) => job.jobId === groupJob)?.createdAt).toBeInstanceOf(Date)
  })

  it('filters by thing group, target selection and status as ListJobs does', async () => {
    const byGroup = await listJobs(viewer, { thingGroupName: group })
    expect(byGroup.jobs.map((job) => job.jobId).sort()).toEqual([continuousJob, groupJob].sort())
    const continuous = await listJobs(viewer, {
      thingGroupName: group,
      targetSelection: 'CONTINUOUS',
    })
    expect(continuous.jobs.map((job) => job.jobId)).toEqual([continuousJob])
    const completed = await listJobs(viewer, { status: 'COMPLETED', thingGroupName: group })
    expect(completed.jobs).toEqual([])
  })

  it('pages by nextToken, JOBS_PAGE_SIZE at a time', async () => {
    const [target = ''] = await createThings(cloud.iot, 1, 'paged')
    const pagedGroup = await createGroupOf(cloud.iot, [target])
    for (let index = 0; index <= JOBS_PAGE_SIZE; index++)
      await create(uniqueName('paged'), { targets: [arnOfGroup(pagedGroup)], document: DOCUMENT })
    const first = await listJobs(viewer, { thingGroupName: pagedGroup })
    expect(first.jobs).toHaveLength(JOBS_PAGE_SIZE)
    expect(first.nextToken).toBeDefined()
    const second = await listJobs(viewer, {
      thingGroupName: pagedGroup,
      nextToken: first.nextToken,
    })
    expect(second.jobs).toHaveLength(1)
    expect(second.nextToken).toBeUndefined()
    const seen = new Set([...first.jobs, ...second.jobs].map((job) => job.jobId))
    expect(seen.size).toBe(JOBS_PAGE_SIZE + 1)
  })
})

describe('describeJob', () => {
  it('gives targets, description and counters that follow the devices', async () => {
    const before = await describeJob(viewer, groupJob)
    expect(before.description).toBe('Upgrade by alice')
    expect(jobTargetLinksOf(before.targets)).toEqual([
      { kind: 'thinggroup', name: group, href: `/fleet/groups/${group}` },
    ])
    expect(jobProgressOf(before.processDetails)).toMatchObject({
      total: 3,
      finished: 0,
      percent: 0,
    })

    // Two devices act on the job: one succeeds, one fails.
    const outcomes = ['SUCCEEDED', 'FAILED'] as const
    for (const [index, status] of outcomes.entries()) {
      const thingName = things[index] ?? ''
      await eventually(async () => {
        const started = await cloud.jobsData.send(
          new StartNextPendingJobExecutionCommand({ thingName }),
        )
        expect(started.execution?.jobId).toBe(groupJob)
      })
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({ jobId: groupJob, thingName, status }),
      )
    }
    const after = await describeJob(viewer, groupJob)
    expect(jobProgressOf(after.processDetails)).toMatchObject({
      total: 3,
      finished: 2,
      succeeded: 1,
      failed: 1,
      percent: 66,
    })
  })

  it('reports a job that does not exist as the SDK error', async () => {
    await expect(describeJob(viewer, uniqueName('missing'))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })
})

describe('getJobDocument', () => {
  it('reads Fleetdeck documents with the domain schema', async () => {
    expect(await getJobDocument(viewer, groupJob)).toEqual({
      kind: 'fleetdeck',
      document: JSON.parse(INSTALL) as unknown,
    })
    expect(await getJobDocument(viewer, thingJob)).toMatchObject({
      kind: 'fleetdeck',
      document: { operation: 'config-upload' },
    })
  })

  it('marks documents of other tools as foreign, with the reason', async () => {
    const read = await getJobDocument(viewer, foreignJob)
    expect(read.kind).toBe('foreign')
    expect(read.kind === 'foreign' ? read.problem : '').toMatch(/operation/)
  })
})
