import { describe, expect, it } from 'vitest'
import { validateCreateJobOptions } from '@domain/job-config/create-job-options.ts'
import { serializeJobDocument } from '@domain/job-document.ts'
import {
  createJobOptionsInput,
  defaultJobOptionsForm,
  fieldOfIssue,
  installDocument,
  presignerRoleArn,
} from './firmware-job-form.ts'

const account = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' }
const targets = ['arn:aws:iot:us-east-1:123456789012:thinggroup/canary-lamp-v2']
const context = { targets, account, username: 'alice' }
const nowMs = Date.UTC(2027, 0, 1)

describe('createJobOptionsInput', () => {
  it('defaults to a snapshot job with the IoT pre-signing role and the creator tag', () => {
    const input = createJobOptionsInput(defaultJobOptionsForm, context)
    expect(input).toEqual({
      targets,
      presignedUrlConfig: {
        roleArn: 'arn:aws:iam::123456789012:role/fleetdeck-iot-presigner',
        expiresInSec: 3600,
      },
      tags: [{ Key: 'createdBy', Value: 'alice' }],
    })
    expect(validateCreateJobOptions(input, { nowMs }).ok).toBe(true)
  })

  it('maps every option onto the CreateJob members AWS accepts', () => {
    const input = createJobOptionsInput(
      {
        ...defaultJobOptionsForm,
        targetSelection: 'CONTINUOUS',
        rolloutMode: 'exponential',
        baseRatePerMinute: '5',
        incrementFactor: '1.5',
        numberOfSucceededThings: '10',
        abortEnabled: true,
        abortThresholdPercentage: '20',
        abortMinNumberOfExecutedThings: '10',
        inProgressTimeoutInMinutes: '30',
        retryFailed: '2',
        retryTimedOut: '1',
        startTime: '2027-01-02T00:00',
        endTime: '2027-01-03T00:00',
        endBehavior: 'CANCEL',
        maintenanceWindowCron: 'cron(0 2 ? * SAT *)',
        maintenanceWindowMinutes: '120',
        description: 'Lamp 1.2.0',
        tags: [
          { key: 'ticket', value: 'OPS-1' },
          { key: 'createdBy', value: 'mallory' },
        ],
        urlMode: 'operator-presigned',
      },
      context,
    )
    const result = validateCreateJobOptions(input, { nowMs })
    expect(result.ok ? [] : result.issues).toEqual([])
    expect(input.presignedUrlConfig).toBeUndefined()
    expect(input.tags).toEqual([
      { Key: 'createdBy', Value: 'alice' },
      { Key: 'ticket', Value: 'OPS-1' },
    ])
  })

  it('leaves bad numbers for the validator, whose issues map back to their fields', () => {
    const input = createJobOptionsInput(
      {
        ...defaultJobOptionsForm,
        rolloutMode: 'constant',
        maximumPerMinute: '5000',
        retryTimedOut: 'x',
      },
      context,
    )
    const result = validateCreateJobOptions(input, { nowMs })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const fields = result.issues.map((issue) => fieldOfIssue(issue.path, input))
    expect(fields).toContain('maximumPerMinute')
    expect(fields).toContain('retryTimedOut')
  })
})

describe('installDocument', () => {
  const release = {
    model: 'lamp-v2',
    version: '1.2.0',
    size: 1000,
    sha256: 'c'.repeat(64),
    imageKey: 'lamp-v2/1.2.0/firmware.bin',
  }

  it('wraps the image URL in an IoT pre-signed URL placeholder by default', () => {
    const document = installDocument(release, {
      forced: true,
      bucket: 'fleetdeck-firmware',
      region: 'us-east-1',
    })
    expect(document.url).toBe(
      '${aws:iot:s3-presigned-url:https://s3.us-east-1.amazonaws.com/fleetdeck-firmware/lamp-v2/1.2.0/firmware.bin}',
    )
    expect(serializeJobDocument(document).ok).toBe(true)
    expect(presignerRoleArn(account)).toMatch(/:role\/fleetdeck-iot-presigner$/)
  })

  it('uses the operator-presigned URL when given', () => {
    const url = 'https://s3.example.com/x?X-Amz-Signature=abc'
    expect(
      installDocument(release, { forced: false, bucket: 'b', region: 'r', operatorUrl: url }).url,
    ).toBe(url)
  })
})
