import { deleteBucketCors, getBucketCors, putBucketCors } from './operations/bucket-cors.ts'
import { createBucket, deleteBucket, headBucket, listBuckets } from './operations/buckets.ts'
import { completeMultipartUpload } from './operations/complete-multipart-upload.ts'
import { copyObject } from './operations/copy-object.ts'
import { deleteObject, deleteObjects } from './operations/delete-objects.ts'
import { getObject, headObject } from './operations/get-object.ts'
import { listObjectsV2 } from './operations/list-objects-v2.ts'
import {
  abortMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from './operations/multipart-uploads.ts'
import { putObject } from './operations/put-object.ts'
import type { S3Address } from './s3-address.ts'
import { s3NotImplemented } from './s3-errors.ts'
import type { S3Operation } from './s3-operation.ts'

/**
 * Names the S3 operation of a request from its method, whether it addresses
 * the service, a bucket or an object, its subresource query parameter
 * (`?cors`, `?uploads`, `?uploadId=`…) and, for PUT, x-amz-copy-source, as
 * the S3 model binds them. Operations the local S3 does not emulate are named
 * in a NotImplemented error rather than answered with something else.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
 */
const IMPLEMENTED: readonly S3Operation[] = [
  listBuckets,
  createBucket,
  headBucket,
  deleteBucket,
  putBucketCors,
  getBucketCors,
  deleteBucketCors,
  listObjectsV2,
  deleteObjects,
  putObject,
  copyObject,
  getObject,
  headObject,
  deleteObject,
  createMultipartUpload,
  uploadPart,
  completeMultipartUpload,
  abortMultipartUpload,
  listParts,
]
const BY_NAME = new Map(IMPLEMENTED.map((operation) => [operation.name, operation]))

// Bucket subresources and the noun their Get/Put/Delete operations carry.
const BUCKET_SUBRESOURCES: Readonly<Record<string, string>> = {
  accelerate: 'BucketAccelerateConfiguration',
  acl: 'BucketAcl',
  analytics: 'BucketAnalyticsConfiguration',
  cors: 'BucketCors',
  encryption: 'BucketEncryption',
  'intelligent-tiering': 'BucketIntelligentTieringConfiguration',
  inventory: 'BucketInventoryConfiguration',
  lifecycle: 'BucketLifecycleConfiguration',
  location: 'BucketLocation',
  logging: 'BucketLogging',
  metadataConfiguration: 'BucketMetadataConfiguration',
  metrics: 'BucketMetricsConfiguration',
  notification: 'BucketNotificationConfiguration',
  'object-lock': 'ObjectLockConfiguration',
  ownershipControls: 'BucketOwnershipControls',
  policy: 'BucketPolicy',
  policyStatus: 'BucketPolicyStatus',
  publicAccessBlock: 'PublicAccessBlock',
  replication: 'BucketReplication',
  requestPayment: 'BucketRequestPayment',
  tagging: 'BucketTagging',
  versioning: 'BucketVersioning',
  website: 'BucketWebsite',
}

const OBJECT_SUBRESOURCES: Readonly<Record<string, string>> = {
  acl: 'ObjectAcl',
  'legal-hold': 'ObjectLegalHold',
  retention: 'ObjectRetention',
  tagging: 'ObjectTagging',
}

const VERBS: Readonly<Record<string, string>> = { GET: 'Get', PUT: 'Put', DELETE: 'Delete' }

function subresourceOf(
  query: URLSearchParams,
  known: Readonly<Record<string, string>>,
  extra: readonly string[],
): string | undefined {
  for (const name of query.keys()) if (name in known || extra.includes(name)) return name
  return undefined
}

function bucketOperationName(method: string, query: URLSearchParams): string {
  const subresource = subresourceOf(query, BUCKET_SUBRESOURCES, [
    'uploads',
    'versions',
    'delete',
    'session',
  ])
  if (subresource === undefined) {
    switch (method) {
      case 'GET':
        return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects'
      case 'HEAD':
        return 'HeadBucket'
      case 'PUT':
        return 'CreateBucket'
      case 'DELETE':
        return 'DeleteBucket'
      case 'POST':
        return 'PostObject'
    }
    return `${method} on a bucket`
  }
  if (method === 'GET' && subresource === 'uploads') return 'ListMultipartUploads'
  if (method === 'GET' && subresource === 'versions') return 'ListObjectVersions'
  if (method === 'GET' && subresource === 'session') return 'CreateSession'
  if (method === 'POST' && subresource === 'delete') return 'DeleteObjects'
  const noun = BUCKET_SUBRESOURCES[subresource]
  const verb = VERBS[method]
  return noun === undefined || verb === undefined ? `${method} ?${subresource}` : `${verb}${noun}`
}

function objectOperationName(method: string, query: URLSearchParams, headers: Headers): string {
  const isCopy = headers.has('x-amz-copy-source')
  if (query.has('uploadId')) {
    if (method === 'PUT') return isCopy ? 'UploadPartCopy' : 'UploadPart'
    if (method === 'POST') return 'CompleteMultipartUpload'
    if (method === 'DELETE') return 'AbortMultipartUpload'
    if (method === 'GET') return 'ListParts'
  }
  if (method === 'POST') {
    if (query.has('uploads')) return 'CreateMultipartUpload'
    if (query.has('restore')) return 'RestoreObject'
    if (query.has('select')) return 'SelectObjectContent'
    return 'POST on an object'
  }
  if (method === 'GET' && query.has('attributes')) return 'GetObjectAttributes'
  if (method === 'GET' && query.has('torrent')) return 'GetObjectTorrent'
  const subresource = subresourceOf(query, OBJECT_SUBRESOURCES, [])
  if (subresource !== undefined) {
    const verb = VERBS[method]
    return verb === undefined
      ? `${method} ?${subresource}`
      : `${verb}${OBJECT_SUBRESOURCES[subresource]}`
  }
  switch (method) {
    case 'GET':
      return 'GetObject'
    case 'HEAD':
      return 'HeadObject'
    case 'PUT':
      return isCopy ? 'CopyObject' : 'PutObject'
    case 'DELETE':
      return 'DeleteObject'
  }
  return `${method} on an object`
}

export function operationNameOf(
  method: string,
  address: S3Address,
  query: URLSearchParams,
  headers: Headers,
): string {
  if (address.bucket === undefined) return method === 'GET' ? 'ListBuckets' : `${method} /`
  return address.key === ''
    ? bucketOperationName(method, query)
    : objectOperationName(method, query, headers)
}

export function routeS3(
  method: string,
  address: S3Address,
  query: URLSearchParams,
  headers: Headers,
): S3Operation {
  const name = operationNameOf(method, address, query, headers)
  const operation = BY_NAME.get(name)
  if (operation === undefined) throw s3NotImplemented(name)
  return operation
}
