import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateJobCommand,
  CreateThingCommand,
  DescribeJobCommand,
  DescribeJobExecutionCommand,
  DescribeThingCommand,
  DescribeThingGroupCommand,
  IoTClient,
  ListJobExecutionsForJobCommand,
} from '@aws-sdk/client-iot'
import {
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import { eventually } from '../testing/eventually.ts'
import { arnOfGroup, createGroupOf, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import {
  freePort,
  kill,
  spawnLocalCloud,
  type LocalCloudProcess,
} from '../testing/local-cloud-process.ts'
import { uniqueName } from '../testing/local-cloud-fixture.ts'

const THINGS = 30
// Small, so that snapshots are taken during the run and possibly at the crash.
const COMPACT_AFTER_BYTES = 16_384
const running: LocalCloudProcess[] = []
const dirs: string[] = []

afterAll(async () => {
  for (const process of running) await kill(process)
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

function clients(endpoint: string) {
  const config = { region: REGION, endpoint, credentials: ADMIN_CREDENTIALS, maxAttempts: 1 }
  return { iot: new IoTClient(config), jobsData: new IoTJobsDataPlaneClient(config) }
}

describe('durable state', () => {
  it(
    'loses no acknowledged write to SIGKILL mid-rollout, and the rollout carries on after a restart',
    { timeout: 60_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-durability-'))
      dirs.push(dataDir)
      const port = await freePort()
      // 60 emulated seconds a second; 10 things a minute makes the rollout last three real seconds.
      const first = await spawnLocalCloud({
        port,
        dataDir,
        clockSpeed: 60,
        compactAfterBytes: COMPACT_AFTER_BYTES,
      })
      running.push(first)
      let { iot, jobsData } = clients(first.endpoint)

      const things = await createThings(iot, THINGS)
      const group = await createGroupOf(iot, things)
      const jobId = uniqueName('rollout')
      await iot.send(
        new CreateJobCommand({
          jobId,
          targets: [arnOfGroup(group)],
          document: DOCUMENT,
          jobExecutionsRolloutConfig: { maximumPerMinute: 10 },
        }),
      )

      // Devices finish whatever has been rolled out so far; each acknowledged update is recorded.
      const acknowledged = new Map<string, string>()
      for (const thingName of things.slice(0, 4)) {
        await eventually(async () => {
          const response = await jobsData.send(
            new StartNextPendingJobExecutionCommand({ thingName }),
          )
          expect(response.execution).toMatchObject({ jobId, status: 'IN_PROGRESS' })
        })
        const status = acknowledged.size % 2 === 0 ? 'SUCCEEDED' : 'FAILED'
        await jobsData.send(new UpdateJobExecutionCommand({ jobId, thingName, status }))
        acknowledged.set(thingName, status)
      }
      const reporter = things[4] ?? ''
      await eventually(async () => {
        const response = await jobsData.send(
          new StartNextPendingJobExecutionCommand({ thingName: reporter }),
        )
        expect(response.execution?.jobId).toBe(jobId)
      })
      const before = (await iot.send(new DescribeJobCommand({ jobId }))).job
      expect(before?.isConcurrent).toBe(true)

      // Writers keep going while the process dies: whatever was acknowledged must survive.
      let lastAcknowledgedPercent = -1
      const createdThings: string[] = []
      let writing = true
      const writers = [
        (async () => {
          for (let percent = 0; writing; percent += 1) {
            await jobsData.send(
              new UpdateJobExecutionCommand({
                jobId,
                thingName: reporter,
                status: 'IN_PROGRESS',
                statusDetails: { percent: String(percent) },
              }),
            )
            lastAcknowledgedPercent = percent
          }
        })(),
        (async () => {
          for (let index = 0; writing; index += 1) {
            const thingName = `${jobId}-late-${index}`
            await iot.send(new CreateThingCommand({ thingName }))
            createdThings.push(thingName)
          }
        })(),
      ].map((writer) => writer.catch(() => undefined))
      await new Promise((resolve) => setTimeout(resolve, 400))
      await kill(first)
      writing = false
      await Promise.all(writers)
      iot.destroy()
      jobsData.destroy()
      expect(lastAcknowledgedPercent).toBeGreaterThan(5)
      expect(createdThings.length).toBeGreaterThan(5)

      const second = await spawnLocalCloud({
        port,
        dataDir,
        clockSpeed: 60,
        compactAfterBytes: COMPACT_AFTER_BYTES,
      })
      running.push(second)
      ;({ iot, jobsData } = clients(second.endpoint))

      await iot.send(new DescribeThingGroupCommand({ thingGroupName: group }))
      for (const thingName of createdThings) await iot.send(new DescribeThingCommand({ thingName }))
      for (const [thingName, status] of acknowledged) {
        expect(
          (await iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution?.status,
          thingName,
        ).toBe(status)
      }
      const reported = (
        await iot.send(new DescribeJobExecutionCommand({ jobId, thingName: reporter }))
      ).execution
      expect(Number(reported?.statusDetails?.detailsMap?.percent)).toBeGreaterThanOrEqual(
        lastAcknowledgedPercent,
      )
      const after = (await iot.send(new DescribeJobCommand({ jobId }))).job
      expect(after?.createdAt).toEqual(before?.createdAt)

      await eventually(
        async () => {
          const listed = await iot.send(
            new ListJobExecutionsForJobCommand({ jobId, maxResults: 250 }),
          )
          expect(listed.executionSummaries).toHaveLength(THINGS)
        },
        { timeoutMs: 20_000 },
      )
      for (const thingName of things.filter((name) => !acknowledged.has(name))) {
        await jobsData.send(
          new UpdateJobExecutionCommand({ jobId, thingName, status: 'SUCCEEDED' }),
        )
      }
      const done = (await iot.send(new DescribeJobCommand({ jobId }))).job
      expect(done).toMatchObject({
        status: 'COMPLETED',
        jobProcessDetails: {
          numberOfSucceededThings: THINGS - 2,
          numberOfFailedThings: 2,
          numberOfQueuedThings: 0,
        },
      })
      iot.destroy()
      jobsData.destroy()
      await kill(second, 'SIGTERM')
    },
  )
})
