import { describe, expect, it } from 'vitest'
import { parseJobDocument } from '@domain/job-document.ts'
import {
  configDownloadDocument,
  configJobDescription,
  createdByTags,
  presignerRoleArnFor,
} from './config-job.ts'

describe('presignerRoleArnFor', () => {
  it('names the presigner role in the account and partition of the target', () => {
    expect(presignerRoleArnFor('arn:aws:iot:us-east-1:123456789012:thinggroup/site-oslo')).toBe(
      'arn:aws:iam::123456789012:role/fleetdeck-iot-presigner',
    )
    expect(presignerRoleArnFor('arn:aws-cn:iot:cn-north-1:123456789012:thing/a')).toBe(
      'arn:aws-cn:iam::123456789012:role/fleetdeck-iot-presigner',
    )
  })

  it('refuses anything that is not a target ARN', () => {
    expect(() => presignerRoleArnFor('arn:aws:s3:::bucket')).toThrow(/not a thing/)
  })
})

describe('configDownloadDocument', () => {
  it('wraps the object URL in an IoT placeholder and validates as a job document', () => {
    const document = configDownloadDocument({
      bucket: 'fleetdeck-config',
      key: 'uploads/lamp-0001/job 1.json',
      region: 'eu-west-1',
      sha256: 'a'.repeat(64),
    })
    expect(document.url).toBe(
      '${aws:iot:s3-presigned-url:https://s3.eu-west-1.amazonaws.com/fleetdeck-config/uploads/lamp-0001/job%201.json}',
    )
    expect(parseJobDocument(JSON.stringify(document))).toEqual({ ok: true, value: document })
  })
})

describe('createdByTags and configJobDescription', () => {
  it('tags the creator when AWS would accept the value', () => {
    expect(createdByTags('alice@example.com')).toEqual([
      { Key: 'createdBy', Value: 'alice@example.com' },
    ])
    expect(createdByTags('bad<name>')).toEqual([])
    expect(createdByTags(undefined)).toEqual([])
  })

  it('names what and who without control characters', () => {
    expect(configJobDescription('Configuration upload from lamp-0001', 'alice')).toBe(
      'Configuration upload from lamp-0001 by alice',
    )
    expect(configJobDescription('x', 'a\nb')).toBe('x by a b')
    expect(configJobDescription('x'.repeat(3000), undefined)).toHaveLength(2028)
  })
})
