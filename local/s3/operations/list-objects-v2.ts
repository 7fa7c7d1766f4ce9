import {
  decodeContinuationToken,
  encodeContinuationToken,
  listObjectsPage,
  type ListMarker,
} from '../list-objects.ts'
import { invalidArgument } from '../s3-errors.ts'
import { OWNER, isoTime, requireBucket, xmlResponse, type S3Operation } from '../s3-operation.ts'

/** S3 returns at most 1,000 keys a page. */
export const MAX_KEYS = 1000

/**
 * encoding-type=url as S3 applies it: form encoding (a space becomes "+")
 * that leaves "/" alone, so a key holding a space and one holding a literal
 * "+" stay apart.
 */
export function urlEncodeKey(value: string): string {
  return encodeURIComponent(value)
    .replace(/%2F/g, '/')
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
}

function maxKeysOf(query: URLSearchParams): number {
  const raw = query.get('max-keys')
  if (raw === null) return MAX_KEYS
  if (!/^\d+$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      raw,
    )
  }
  return Math.min(Number(raw), MAX_KEYS)
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
export const listObjectsV2: S3Operation = {
  name: 'ListObjectsV2',
  action: 's3:ListBucket',
  resource: 'bucket',
  handle: (context) => {
    requireBucket(context)
    const query = context.request.url.searchParams
    const encodingType = query.get('encoding-type')
    if (encodingType !== null && encodingType !== 'url') {
      throw invalidArgument(
        'Invalid Encoding Method specified in Request',
        'encoding-type',
        encodingType,
      )
    }
    const encode = encodingType === 'url' ? urlEncodeKey : (value: string) => value
    const token = query.get('continuation-token')
    let continuation: ListMarker | undefined
    if (token !== null) {
      continuation = decodeContinuationToken(token)
      if (continuation === undefined) {
        throw invalidArgument(
          'The continuation token provided is incorrect',
          'continuation-token',
          token,
        )
      }
    }
    const prefix = query.get('prefix') ?? ''
    const delimiter = query.get('delimiter') ?? undefined
    const startAfter = query.get('start-after') ?? undefined
    const maxKeys = maxKeysOf(query)
    const page = listObjectsPage(context.storage.objectKeys(context.bucket), {
      prefix,
      maxKeys,
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(startAfter === undefined ? {} : { startAfter }),
      ...(continuation === undefined ? {} : { continuation }),
    })
    const withOwner = query.get('fetch-owner') === 'true'
    return xmlResponse('ListBucketResult', {
      Name: context.bucket,
      Prefix: encode(prefix),
      Delimiter: delimiter === undefined || delimiter === '' ? undefined : encode(delimiter),
      MaxKeys: maxKeys,
      EncodingType: encodingType ?? undefined,
      KeyCount: page.keys.length + page.commonPrefixes.length,
      IsTruncated: page.isTruncated,
      ContinuationToken: token ?? undefined,
      NextContinuationToken:
        page.next === undefined ? undefined : encodeContinuationToken(page.next),
      StartAfter: startAfter === undefined ? undefined : encode(startAfter),
      Contents: page.keys.map((key) => {
        const record = context.storage.object(context.bucket, key)
        return {
          Key: encode(key),
          LastModified: isoTime(record?.lastModifiedMs ?? 0),
          ETag: `"${record?.etag ?? ''}"`,
          ChecksumAlgorithm: record?.checksum.algorithm,
          ChecksumType: record?.checksum.type,
          Size: record?.size ?? 0,
          Owner: withOwner ? OWNER : undefined,
          StorageClass: 'STANDARD',
        }
      }),
      CommonPrefixes: page.commonPrefixes.map((commonPrefix) => ({ Prefix: encode(commonPrefix) })),
    })
  },
}
