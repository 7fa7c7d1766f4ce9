import { REGION } from '../../config.ts'
import { isValidBucketName } from '../bucket-names.ts'
import { compareKeys, decodeContinuationToken, encodeContinuationToken } from '../list-objects.ts'
import { invalidArgument, s3Error, s3NotImplemented } from '../s3-errors.ts'
import {
  OWNER,
  emptyResponse,
  isoTime,
  requireBucket,
  xmlResponse,
  type S3Operation,
} from '../s3-operation.ts'
import { parseXmlBody, rootOf, textOf } from '../xml.ts'

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
export const listBuckets: S3Operation = {
  name: 'ListBuckets',
  action: 's3:ListAllMyBuckets',
  resource: 'account',
  handle: ({ request, storage }) => {
    const query = request.url.searchParams
    const prefix = query.get('prefix') ?? ''
    const maxBuckets = Number(query.get('max-buckets') ?? 10_000)
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > 10_000) {
      throw invalidArgument(
        'Argument max-buckets must be an integer between 1 and 10000',
        'max-buckets',
        query.get('max-buckets') ?? '',
      )
    }
    const token = query.get('continuation-token')
    const after = token === null ? undefined : decodeContinuationToken(token)?.marker
    const region = query.get('bucket-region')
    const matching = storage
      .buckets()
      .filter((bucket) => bucket.name.startsWith(prefix))
      .filter((bucket) => after === undefined || compareKeys(bucket.name, after) > 0)
      .filter(() => region === null || region === REGION)
    const page = matching.slice(0, maxBuckets)
    const last = page.at(-1)
    return xmlResponse('ListAllMyBucketsResult', {
      Buckets: {
        Bucket: page.map((bucket) => ({
          Name: bucket.name,
          CreationDate: isoTime(bucket.createdAtMs),
          BucketRegion: REGION,
        })),
      },
      Owner: OWNER,
      ContinuationToken:
        matching.length > page.length && last !== undefined
          ? encodeContinuationToken({ marker: last.name, isCommonPrefix: false })
          : undefined,
      Prefix: query.get('prefix') ?? undefined,
    })
  },
}

function checkLocationConstraint(body: Uint8Array): void {
  if (body.length === 0) return
  const configuration = rootOf(parseXmlBody(body, []), 'CreateBucketConfiguration')
  const constraint = textOf(configuration, 'LocationConstraint')?.trim()
  if (constraint === undefined || constraint === '') return
  if (constraint === REGION) {
    throw s3Error(
      'InvalidLocationConstraint',
      400,
      'The specified location-constraint is not valid',
      {
        LocationConstraint: constraint,
      },
    )
  }
  throw s3Error(
    'IllegalLocationConstraintException',
    400,
    `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
  )
}

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
 * Creating a bucket the account already owns succeeds in us-east-1: "for
 * legacy compatibility … Amazon S3 returns 200 OK" there, and
 * BucketAlreadyOwnedByYou (409) in every other Region.
 */
export const createBucket: S3Operation = {
  name: 'CreateBucket',
  action: 's3:CreateBucket',
  resource: 'bucket',
  handle: ({ request, bucket, storage }) => {
    if (!isValidBucketName(bucket)) {
      throw s3Error('InvalidBucketName', 400, 'The specified bucket is not valid.', {
        BucketName: bucket,
      })
    }
    checkLocationConstraint(request.body)
    const acl = request.headers.get('x-amz-acl')
    if (acl !== null && acl !== 'private') throw s3NotImplemented('CreateBucket with a canned ACL')
    storage.createBucket(bucket)
    return emptyResponse(200, { location: `/${bucket}` })
  },
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
export const headBucket: S3Operation = {
  name: 'HeadBucket',
  action: 's3:ListBucket',
  resource: 'bucket',
  handle: (context) => {
    requireBucket(context)
    return emptyResponse(200, {
      'x-amz-bucket-region': REGION,
      'x-amz-access-point-alias': 'false',
    })
  },
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html — only an empty bucket. */
export const deleteBucket: S3Operation = {
  name: 'DeleteBucket',
  action: 's3:DeleteBucket',
  resource: 'bucket',
  handle: (context) => {
    requireBucket(context)
    context.storage.deleteBucket(context.bucket)
    return emptyResponse(204)
  },
}
