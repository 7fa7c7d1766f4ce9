import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateJobCommand,
  DescribeJobCommand,
  DescribeJobExecutionCommand,
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
      const first = await spawnLocalCloud({ port, dataDir, clockSpeed: 60 })
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
        const started = await eventually(async () => {
          const response = await jobsData.send(
            new StartNextPendingJobExecutionCommand({ thingName }),
          )
          expect(response.execution?.jobId).toBe(jobId)
          return response
        })
        expect(started.execution?.status).toBe('IN_PROGRESS')
        const status = acknowledged.size % 2 === 0 ? 'SUCCEEDED' : 'FAILED'
        await jobsData.send(new UpdateJobExecutionCommand({ jobId, thingName, status }))
        acknowledged.set(thingName, status)
      }
      const before = (await iot.send(new DescribeJobCommand({ jobId }))).job
      expect(before?.isConcurrent).toBe(true)

      await kill(first)
      iot.destroy()
      jobsData.destroy()

      const second = await spawnLocalCloud({ port, dataDir, clockSpeed: 60 })
      running.push(second)
      ;({ iot, jobsData } = clients(second.endpoint))

      await iot.send(new DescribeThingGroupCommand({ thingGroupName: group }))
      for (const [thingName, status] of acknowledged) {
        expect(
          (await iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution?.status,
          thingName,
        ).toBe(status)
      }
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
