import { DescribeJobExecutionCommand } from '@aws-sdk/client-iot'
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane'
import { describe, expect, it } from 'vitest'
import { formatSchedulingTime } from '../../domain/job-config/scheduling.ts'
import { eventually } from '../testing/eventually.ts'
import { jobHelpers } from '../testing/job-helpers.ts'
import { arnOfThing, createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * Scheduled jobs under a clock running an hour a second: AWS wants a start at
 * least 30 minutes ahead, which here is half a real second.
 */
const CLOCK_SPEED = 3600
const MINUTE_MS = 60_000
// AWS wants a start at least 30 minutes ahead. Here one real tick is a whole
// emulated minute, so leave room for a slow request under load.
const START_LEAD_MS = 45 * MINUTE_MS
const END_LEAD_MS = START_LEAD_MS + 32 * MINUTE_MS

const cloud = useLocalCloudFixture({ clockSpeed: CLOCK_SPEED })

const emulatedNow = () => cloud.running.cloud.clock.now()

const { describeJob, executions, createJob } = jobHelpers(() => cloud)

describe('scheduling', () => {
  it('waits in SCHEDULED until startTime, then rolls out', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const startTime = formatSchedulingTime(emulatedNow() + START_LEAD_MS)
    const jobId = await createJob({
      targets: [arnOfThing(thingName)],
      schedulingConfig: { startTime },
    })
    expect((await describeJob(jobId)).status).toBe('SCHEDULED')
    expect(await executions(jobId)).toHaveLength(0)
    await eventually(async () => expect((await describeJob(jobId)).status).toBe('IN_PROGRESS'))
    expect(await executions(jobId)).toHaveLength(1)
  })

  it('applies endBehavior CANCEL at endTime', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const now = emulatedNow()
    const jobId = await createJob({
      targets: [arnOfThing(thingName)],
      schedulingConfig: {
        startTime: formatSchedulingTime(now + START_LEAD_MS),
        endTime: formatSchedulingTime(now + END_LEAD_MS),
        endBehavior: 'CANCEL',
      },
    })
    await eventually(async () => expect((await describeJob(jobId)).status).toBe('CANCELED'))
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution
        ?.status,
    ).toBe('CANCELED')
  })

  it('completes a continuous job at endTime with STOP_ROLLOUT', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const now = emulatedNow()
    const jobId = await createJob({
      targets: [arnOfThing(thingName)],
      targetSelection: 'CONTINUOUS',
      schedulingConfig: {
        startTime: formatSchedulingTime(now + START_LEAD_MS),
        endTime: formatSchedulingTime(now + END_LEAD_MS),
        endBehavior: 'STOP_ROLLOUT',
      },
    })
    await eventually(async () => expect((await executions(jobId)).length).toBe(1))
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName, status: 'SUCCEEDED' }),
    )
    expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')
    await eventually(async () => expect((await describeJob(jobId)).status).toBe('COMPLETED'))
  })

  it('rolls out only inside maintenance windows and lists the next seven', async () => {
    const things = await createThings(cloud.iot, 3)
    const jobId = await createJob({
      targets: things.map(arnOfThing),
      schedulingConfig: {
        startTime: formatSchedulingTime(emulatedNow() + START_LEAD_MS),
        // Ten minutes: longer than the engine's tick (0.1 s real, six emulated minutes here).
        maintenanceWindows: [{ startTime: 'cron(0/20 * * * ? *)', durationInMinutes: 10 }],
      },
    })
    const job = await describeJob(jobId)
    expect(job.status).toBe('SCHEDULED')
    const starts =
      job.scheduledJobRollouts?.map((rollout) => Date.parse(`${rollout.startTime ?? ''}Z`)) ?? []
    expect(starts).toHaveLength(7)
    expect(
      starts.every(
        (start, index) => index === 0 || start - (starts[index - 1] ?? 0) === 20 * MINUTE_MS,
      ),
    ).toBe(true)
    const all = await eventually(async () => {
      const found = await executions(jobId)
      expect(found).toHaveLength(3)
      return found
    })
    for (const summary of all) {
      const minute = new Date(summary.jobExecutionSummary?.queuedAt ?? 0).getUTCMinutes() % 20
      expect(minute).toBeLessThan(10)
    }
  })
})
