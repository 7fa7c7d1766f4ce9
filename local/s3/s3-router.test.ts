import { describe, expect, it } from 'vitest'
import type { EdgeRequest } from '../edge/edge-request.ts'
import { s3AddressOf, virtualHostBucket } from './s3-address.ts'
import { operationNameOf } from './s3-router.ts'

function request(
  method: string,
  target: string,
  headers: Record<string, string> = {},
): EdgeRequest {
  const url = new URL(target, 'http://127.0.0.1:4566')
  return {
    method,
    url,
    rawPath: url.pathname,
    headers: new Headers({ host: url.host, ...headers }),
    body: new Uint8Array(0),
  }
}

function nameOf(method: string, target: string, headers: Record<string, string> = {}): string {
  const edgeRequest = request(method, target, headers)
  return operationNameOf(
    method,
    s3AddressOf(edgeRequest),
    edgeRequest.url.searchParams,
    edgeRequest.headers,
  )
}

describe('S3 addressing', () => {
  it('reads the bucket from the path or from a .localhost host name', () => {
    expect(s3AddressOf(request('GET', '/b/a%20b/c%2Bd'))).toEqual({
      bucket: 'b',
      key: 'a b/c+d',
    })
    expect(s3AddressOf(request('GET', '/b/'))).toEqual({ bucket: 'b', key: '' })
    expect(s3AddressOf(request('GET', '/'))).toEqual({ key: '' })
    expect(s3AddressOf(request('GET', '/k', { host: 'my.bucket.s3.localhost:4566' }))).toEqual({
      bucket: 'my.bucket',
      key: 'k',
    })
    expect(virtualHostBucket('fw.localhost:4566')).toBe('fw')
    expect(virtualHostBucket('s3.localhost:4566')).toBeUndefined()
    expect(virtualHostBucket('localhost:4566')).toBeUndefined()
    expect(virtualHostBucket('127.0.0.1:4566')).toBeUndefined()
  })

  it('refuses a path that is not valid percent-encoding', () => {
    expect(() => s3AddressOf(request('GET', '/b/%E0%A4%A'))).toThrow(
      expect.objectContaining({ type: 'InvalidURI' }),
    )
  })
})

describe('S3 operation names', () => {
  it.each([
    ['GET', '/', 'ListBuckets'],
    ['PUT', '/b', 'CreateBucket'],
    ['HEAD', '/b', 'HeadBucket'],
    ['GET', '/b?list-type=2&prefix=a', 'ListObjectsV2'],
    ['GET', '/b', 'ListObjects'],
    ['POST', '/b/?delete', 'DeleteObjects'],
    ['PUT', '/b?cors', 'PutBucketCors'],
    ['DELETE', '/b?cors', 'DeleteBucketCors'],
    ['GET', '/b?versioning', 'GetBucketVersioning'],
    ['GET', '/b?uploads', 'ListMultipartUploads'],
    ['GET', '/b/k?x-id=GetObject', 'GetObject'],
    ['POST', '/b/k?uploads', 'CreateMultipartUpload'],
    ['PUT', '/b/k?partNumber=1&uploadId=u', 'UploadPart'],
    ['POST', '/b/k?uploadId=u', 'CompleteMultipartUpload'],
    ['DELETE', '/b/k?uploadId=u', 'AbortMultipartUpload'],
    ['GET', '/b/k?uploadId=u', 'ListParts'],
    ['GET', '/b/k?tagging', 'GetObjectTagging'],
    ['GET', '/b/k?attributes', 'GetObjectAttributes'],
  ])('%s %s is %s', (method, target, name) => {
    expect(nameOf(method, target)).toBe(name)
  })

  it('tells copies from uploads by x-amz-copy-source', () => {
    expect(nameOf('PUT', '/b/k', { 'x-amz-copy-source': '/b/src' })).toBe('CopyObject')
    expect(nameOf('PUT', '/b/k?partNumber=1&uploadId=u', { 'x-amz-copy-source': '/b/src' })).toBe(
      'UploadPartCopy',
    )
  })
})
