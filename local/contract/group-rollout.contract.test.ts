import { CreateJobCommand, DescribeJobCommand } from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { describe, expect, it } from 'vitest'
import { eventually } from '../testing/eventually.ts'
import {
  arnOfGroup,
  createGroupOf,
  createThings,
  DOCUMENT,
  inParallel,
} from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'

/**
 * The acceptance run: a job on a group of 1,000 things, driven to the
 * end by a scripted device loop over the HTTPS device plane, with exact
 * jobProcessDetails counts.
 */
const FLEET_SIZE = 1000

// At the default 1,000 things a minute, a clock 60 times fast rolls the group out in a second.
const cloud = useLocalCloudFixture({ clockSpeed: 60 })

function outcomeFor(index: number): 'SUCCEEDED' | 'FAILED' | 'REJECTED' {
  if (index % 25 === 0) return 'REJECTED'
  if (index % 10 === 0) return 'FAILED'
  return 'SUCCEEDED'
}

describe('a job on a group of 1,000 things', () => {
  it('completes with correct jobProcessDetails counts', { timeout: 120_000 }, async () => {
    const things = await createThings(cloud.iot, FLEET_SIZE, 'fleet')
    const group = await createGroupOf(cloud.iot, things)
    const jobId = uniqueName('fleet-rollout')
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfGroup(group)], document: DOCUMENT }),
    )

    await inParallel(things, 16, async (thingName, index) => {
      const started = await eventually(async () => {
        const response = await cloud.jobsData.send(
          new StartNextPendingJobExecutionCommand({ thingName, statusDetails: { step: 'apply' } }),
        )
        expect(response.execution?.jobId).toBe(jobId)
        return response
      })
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({
          jobId,
          thingName,
          status: outcomeFor(index),
          expectedVersion: started.execution?.versionNumber,
          statusDetails: { step: 'done' },
        }),
      )
    })

    const expected = {
      rejected: things.filter((_, index) => outcomeFor(index) === 'REJECTED').length,
      failed: things.filter((_, index) => outcomeFor(index) === 'FAILED').length,
    }
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job).toMatchObject({
      status: 'COMPLETED',
      isConcurrent: false,
      jobProcessDetails: {
        numberOfSucceededThings: FLEET_SIZE - expected.rejected - expected.failed,
        numberOfFailedThings: expected.failed,
        numberOfRejectedThings: expected.rejected,
        numberOfQueuedThings: 0,
        numberOfInProgressThings: 0,
        numberOfCanceledThings: 0,
        numberOfRemovedThings: 0,
        numberOfTimedOutThings: 0,
      },
    })
    expect(expected).toEqual({ rejected: 40, failed: 80 })
  })
})
