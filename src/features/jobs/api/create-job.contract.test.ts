import { DescribeJobCommand, ListJobsCommand } from '@aws-sdk/client-iot'
import { beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '@domain/validation.ts'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { arnOfThing, createThings } from '../../../../local/testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { createJob, JobIdConflictError, newJobId } from './create-job.ts'

/**
 * CreateJob through the real SDK against a local cloud: a client-chosen job
 * id makes a repeated submission create exactly one job.
 */
const cloud = useLocalCloudFixture()
let targets: string[]

const document = (version: string) => ({
  operation: 'install',
  url: 'https://firmware.example.com/lamp-v2/firmware.bin',
  version,
  sha256: 'a'.repeat(64),
  size: 1024,
  forced: false,
  model: 'lamp-v2',
})

async function jobsNamed(jobId: string): Promise<number> {
  const { jobs = [] } = await cloud.iot.send(new ListJobsCommand({ maxResults: 250 }))
  return jobs.filter((job) => job.jobId === jobId).length
}

beforeAll(async () => {
  targets = (await createThings(cloud.iot, 2, 'create-job')).map(arnOfThing)
})

describe('createJob', () => {
  it('creates one job when the same submission is sent twice, and succeeds both times', async () => {
    const jobId = newJobId('contract-install')
    const input = { jobId, document: document('1.1.0'), options: { targets } }
    const [first, second] = await Promise.all([
      createJob(cloud.iot, input),
      createJob(cloud.iot, input),
    ])
    expect([first.created, second.created].sort()).toEqual([false, true])
    expect(first.jobId).toBe(jobId)
    expect(second.jobArn).toBe(first.jobArn)
    const third = await createJob(cloud.iot, {
      ...input,
      options: { targets: [...targets].reverse() },
    })
    expect(third.created).toBe(false)
    expect(await jobsNamed(jobId)).toBe(1)
  })

  it('refuses to treat a different job with the same id as its own', async () => {
    const jobId = newJobId('contract-install')
    await createJob(cloud.iot, { jobId, document: document('1.1.0'), options: { targets } })
    await expect(
      createJob(cloud.iot, { jobId, document: document('1.2.0'), options: { targets } }),
    ).rejects.toThrow(JobIdConflictError)
    await expect(
      createJob(cloud.iot, {
        jobId,
        document: document('1.1.0'),
        options: { targets: targets.slice(0, 1) },
      }),
    ).rejects.toThrow(/different job with the id/)
    expect(await jobsNamed(jobId)).toBe(1)
  })

  it('refuses invalid input before calling AWS', async () => {
    const jobId = newJobId('contract-invalid')
    const refused = createJob(cloud.iot, {
      jobId,
      document: document('1.1.0'),
      options: { targets, jobExecutionsRolloutConfig: { maximumPerMinute: 5000 } },
    })
    await expect(refused).rejects.toThrow(ValidationError)
    await expect(refused).rejects.toThrow(/Maximum per minute/)
    await expect(
      createJob(cloud.iot, {
        jobId,
        document: { ...document('1.1.0'), sha256: 'x' },
        options: { targets },
      }),
    ).rejects.toThrow(/document\.sha256/)
    await expect(
      createJob(cloud.iot, { jobId: 'bad id!', document: document('1.1.0'), options: { targets } }),
    ).rejects.toThrow(/jobId/)
    const describe = cloud.iot.send(new DescribeJobCommand({ jobId }))
    await expect(describe).rejects.toSatisfy(isNotFoundError)
  })
})
