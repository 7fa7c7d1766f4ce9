import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isAllowed, permissionsOf } from '../../domain/permissions.ts'
import { isMutatingAction } from './mutating-actions.ts'

/**
 * The AWS calls the dashboard's code makes (every `…Command` and
 * `paginate…` it imports from an @aws-sdk client, outside tests) against the
 * roles of domain/permissions.ts: an operator may make every one, a viewer
 * every one that changes nothing. A feature that starts calling a new
 * operation fails here until the roles (and so the local cloud and the
 * deployment) allow it.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url))
const IS_TEST = /\.(test|contract\.test)\.tsx?$|\.test-d\.ts$/

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !IS_TEST.test(entry.name) ? [path] : []
  })
}

interface SdkCall {
  readonly client: string
  readonly operation: string
  readonly file: string
}

const IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[\w-]+)'/g

function sdkCallsIn(file: string): SdkCall[] {
  const calls: SdkCall[] = []
  for (const [, typeOnly, names = '', client = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (typeOnly !== undefined) continue
    for (const raw of names.split(',')) {
      const name = raw.trim()
      if (name === '' || name.startsWith('type ')) continue
      const operation = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1]
      if (operation !== undefined) calls.push({ client, operation, file: relative(SRC, file) })
    }
  }
  return calls
}

/**
 * The IAM action each S3 operation is authorized as (they differ from the
 * operation names). https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations.html
 */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  PutObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  ListParts: 's3:ListMultipartUploadParts',
  ListObjectsV2: 's3:ListBucket',
  GetBucketCors: 's3:GetBucketCors',
}

function iamActionOf({ client, operation, file }: SdkCall): string {
  if (client === '@aws-sdk/client-iot' || client === '@aws-sdk/client-iot-data-plane')
    return `iot:${operation}`
  if (client === '@aws-sdk/client-s3') {
    const action = S3_ACTIONS[operation]
    if (action === undefined)
      throw new Error(`${file}: add S3 ${operation}'s IAM action to S3_ACTIONS in this test.`)
    return action
  }
  throw new Error(
    `${file} calls ${client} ${operation}: the dashboard calls IoT and S3 only (devices use the jobs data plane).`,
  )
}

const BUCKETS = { firmwareBucket: 'fw', configBucket: 'cfg' }
const ANY_IOT_RESOURCE = 'arn:aws:iot:us-east-1:000000000000:*'
const resourceOf = (action: string) =>
  action === 's3:ListBucket' || action === 's3:GetBucketCors'
    ? 'arn:aws:s3:::fw'
    : action.startsWith('s3:')
      ? 'arn:aws:s3:::fw/model/1.0.0.bin'
      : ANY_IOT_RESOURCE

const calls = sourceFiles(SRC).flatMap(sdkCallsIn)

describe('the AWS calls the dashboard makes', () => {
  it('are found in its source', () => {
    const operations = new Set(calls.map((call) => call.operation))
    for (const known of ['CreateJob', 'DescribeJob', 'SearchIndex', 'PutObject', 'GetThingShadow'])
      expect(operations, known).toContain(known)
  })

  it('are all allowed to an operator', () => {
    const operator = permissionsOf('operator', BUCKETS)
    const refused = calls.filter(
      (call) => !isAllowed(operator, iamActionOf(call), resourceOf(iamActionOf(call))),
    )
    expect(refused.map((call) => `${call.file}: ${call.operation}`)).toEqual([])
  })

  it('are allowed to a viewer when they change nothing', () => {
    const viewer = permissionsOf('viewer', BUCKETS)
    const reads = calls.filter((call) => !isMutatingAction(iamActionOf(call)))
    expect(reads.length).toBeGreaterThan(0)
    const refused = reads.filter(
      (call) => !isAllowed(viewer, iamActionOf(call), resourceOf(iamActionOf(call))),
    )
    expect(refused.map((call) => `${call.file}: ${call.operation}`)).toEqual([])
  })
})
