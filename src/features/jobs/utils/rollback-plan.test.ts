import { describe, expect, it } from 'vitest'
import { JOB_ID_RULE, identifierProblem } from '@domain/identifiers.ts'
import { validateCreateJobOptions } from '@domain/job-config/create-job-options.ts'
import {
  planRollback,
  previousReleaseVersion,
  rollbackJobId,
  rollbackJobOptions,
  type TouchedDevice,
} from './rollback-plan.ts'

const arn = (thingName: string) => `arn:aws:iot:us-east-1:000000000000:thing/${thingName}`
const release = (model: string, version: string) => ({
  model,
  version,
  size: 4,
  sha256: 'a'.repeat(64),
  imageKey: `${model}/${version}/firmware.bin`,
})
const RELEASES = [
  release('lamp', '1.0.0'),
  release('lamp', '1.1.0'),
  release('lamp', '2.0.0'),
  release('lock', '1.1.0'),
]
const device = (
  thingName: string,
  previousVersion: string | undefined,
  reportedVersion: string | undefined,
  status = 'SUCCEEDED',
): TouchedDevice => ({
  thingName,
  thingArn: arn(thingName),
  status,
  previousVersion,
  reportedVersion,
})

const plan = (devices: TouchedDevice[]) =>
  planRollback({ badJobId: 'bad', model: 'lamp', badVersion: '2.0.0', devices, releases: RELEASES })

describe('planRollback', () => {
  it('groups the devices to roll back by the version each ran before, newest first', () => {
    const result = plan([
      device('d', '1.0.0', '2.0.0'),
      device('a', '1.1.0', '2.0.0'),
      device('c', '1.1.0', undefined, 'IN_PROGRESS'),
      device('b', '1.0.0', '2.0.0', 'TIMED_OUT'),
    ])
    expect(result.jobs).toEqual([
      {
        jobId: expect.stringMatching(/^bad-rollback-1_1_0-[0-9a-f]{8}$/) as string,
        release: release('lamp', '1.1.0'),
        things: [
          { thingName: 'a', thingArn: arn('a') },
          { thingName: 'c', thingArn: arn('c') },
        ],
      },
      {
        jobId: expect.stringMatching(/^bad-rollback-1_0_0-[0-9a-f]{8}$/) as string,
        release: release('lamp', '1.0.0'),
        things: [
          { thingName: 'b', thingArn: arn('b') },
          { thingName: 'd', thingArn: arn('d') },
        ],
      },
    ])
    expect(result.nothingToRollBack).toEqual([])
  })

  it('leaves out devices that never installed, already run their previous version, or did not change', () => {
    const result = plan([
      device('never', undefined, '1.0.0', 'FAILED'),
      device('empty', '', '1.0.0', 'FAILED'),
      device('fell-back', '1.0.0', '1.0.0', 'FAILED'),
      device('same', '2.0.0', '2.0.0'),
      device('garbage', 'not a version', '2.0.0'),
      device('rolls', '1.0.0', '2.0.0'),
    ])
    expect(result.jobs.map((job) => job.things.map((thing) => thing.thingName))).toEqual([
      ['rolls'],
    ])
    expect(result.nothingToRollBack).toEqual([
      {
        thingName: 'empty',
        reason: 'never-installed',
        previousVersion: '',
        reportedVersion: '1.0.0',
      },
      {
        thingName: 'fell-back',
        reason: 'already-previous',
        previousVersion: '1.0.0',
        reportedVersion: '1.0.0',
      },
      {
        thingName: 'garbage',
        reason: 'invalid-previous',
        previousVersion: 'not a version',
        reportedVersion: '2.0.0',
      },
      { thingName: 'never', reason: 'never-installed', reportedVersion: '1.0.0' },
      {
        thingName: 'same',
        reason: 'unchanged',
        previousVersion: '2.0.0',
        reportedVersion: '2.0.0',
      },
    ])
  })

  it("reports previous versions the model's catalog lacks instead of planning a job", () => {
    const result = plan([device('x', '0.9.0', '2.0.0'), device('y', '1.0.0', '2.0.0')])
    expect(result.missingReleases).toEqual([{ version: '0.9.0', thingNames: ['x'] }])
    expect(result.jobs.map((job) => job.release.version)).toEqual(['1.0.0'])
    // Another model's release of the same version is not this model's firmware.
    const lock = planRollback({
      badJobId: 'bad',
      model: 'lock',
      badVersion: '2.0.0',
      devices: [device('z', '1.0.0', '2.0.0')],
      releases: RELEASES,
    })
    expect(lock.missingReleases).toEqual([{ version: '1.0.0', thingNames: ['z'] }])
  })

  it('rolls back a device still in progress even if its shadow shows the old version yet', () => {
    const result = plan([device('rebooting', '1.0.0', '1.0.0', 'IN_PROGRESS')])
    expect(result.jobs[0]?.things.map((thing) => thing.thingName)).toEqual(['rebooting'])
  })

  it('counts a device listed under two statuses (two attempts) once', () => {
    const result = plan([device('a', '1.0.0', '2.0.0', 'FAILED'), device('a', '1.0.0', '2.0.0')])
    expect(result.jobs[0]?.things).toHaveLength(1)
  })
})

describe('rollbackJobId', () => {
  const things = ['lamp-0001', 'lamp-0002']

  it('is readable, deterministic whatever the order of the devices, and a valid job id', () => {
    const id = rollbackJobId('fleetdeck-install-20250101-ab12cd34', '1.2.0', things)
    expect(id).toMatch(/^fleetdeck-install-20250101-ab12cd34-rollback-1_2_0-[0-9a-f]{8}$/)
    expect(
      rollbackJobId('fleetdeck-install-20250101-ab12cd34', '1.2.0', [...things].reverse()),
    ).toBe(id)
    expect(rollbackJobId('j', '1.0.0-rc.1', things)).toMatch(/^j-rollback-1_0_0-rc_1-[0-9a-f]{8}$/)
  })

  it('differs for another set of devices, so a later rollback reaches devices that finished later', () => {
    expect(rollbackJobId('j', '1.0.0', things)).not.toBe(
      rollbackJobId('j', '1.0.0', [...things, 'lamp-0003']),
    )
  })

  it('stays within 64 characters and unique when the plain form does not fit or needs escaping', () => {
    const long = 'x'.repeat(64)
    const ids = [
      rollbackJobId(long, '1.0.0', things),
      rollbackJobId(long, '1.0.1', things),
      rollbackJobId(long, '1.0.0', ['other']),
      rollbackJobId('j', '1.0.0+build.7', things),
      rollbackJobId('j', '1.0.0+build-7', things),
      rollbackJobId(long, '10.20.30-alpha.beta.gamma.delta.epsilon', things),
    ]
    for (const id of ids) expect(identifierProblem(JOB_ID_RULE, id), id).toBeUndefined()
    expect(new Set(ids).size).toBe(ids.length)
    expect(rollbackJobId(long, '1.0.0', things)).toBe(rollbackJobId(long, '1.0.0', things))
    expect(rollbackJobId(long, '1.0.0', things)).toMatch(/-rollback-1_0_0-[0-9a-f]{8}$/)
  })
})

describe('previousReleaseVersion', () => {
  it("is the model's newest release older than the bad version", () => {
    expect(previousReleaseVersion(RELEASES, 'lamp', '2.0.0')).toBe('1.1.0')
    expect(previousReleaseVersion(RELEASES, 'lamp', '1.0.0')).toBeUndefined()
    expect(previousReleaseVersion(RELEASES, 'lock', '2.0.0')).toBe('1.1.0')
  })
})

describe('rollbackJobOptions', () => {
  it('pre-signs through the account presigner role and tags the job with its origin', () => {
    const [job] = plan([device('a', '1.0.0', '2.0.0')]).jobs
    if (job === undefined) throw new Error('no job planned')
    const options = rollbackJobOptions({
      badJobId: 'bad',
      job,
      account: { partition: 'aws', region: 'us-east-1', accountId: '123456789012' },
      username: 'alice',
    })
    expect(options).toMatchObject({
      presignedUrlConfig: { roleArn: 'arn:aws:iam::123456789012:role/fleetdeck-iot-presigner' },
      tags: [
        { Key: 'createdBy', Value: 'alice' },
        { Key: 'rollbackOf', Value: 'bad' },
      ],
    })
    expect(validateCreateJobOptions({ ...options, targets: [arn('a')] }, { nowMs: 0 }).ok).toBe(
      true,
    )
  })
})
