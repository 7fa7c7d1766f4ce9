import { describe, expect, it } from 'vitest'
import { parseS3ObjectUrl, s3ObjectUrl } from './s3-object-url.ts'

describe('parseS3ObjectUrl', () => {
  it.each([
    [
      'https://s3.amazonaws.com/fw-bucket/images/v1.2.0.bin',
      'fw-bucket',
      'images/v1.2.0.bin',
      undefined,
    ],
    ['https://s3.eu-west-1.amazonaws.com/fw-bucket/a.bin', 'fw-bucket', 'a.bin', 'eu-west-1'],
    ['https://s3-us-west-2.amazonaws.com/fw-bucket/a.bin', 'fw-bucket', 'a.bin', 'us-west-2'],
    ['https://fw-bucket.s3.amazonaws.com/dir/a.bin', 'fw-bucket', 'dir/a.bin', undefined],
    ['https://fw.bucket.s3.us-east-1.amazonaws.com/a%20b.bin', 'fw.bucket', 'a b.bin', 'us-east-1'],
  ])('reads %s', (url, bucket, key, region) => {
    expect(parseS3ObjectUrl(url)).toEqual({
      bucket,
      key,
      ...(region === undefined ? {} : { region }),
    })
  })

  it.each([
    'http://s3.amazonaws.com/fw-bucket/a.bin',
    'https://example.com/fw-bucket/a.bin',
    'https://s3.amazonaws.com/fw-bucket',
    'https://s3.amazonaws.com/fw-bucket/',
    'https://s3.amazonaws.com/Fw_Bucket/a.bin',
    'https://s3.amazonaws.com/fw-bucket/a.bin?versionId=1',
    'https://s3.amazonaws.com/fw-bucket/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseS3ObjectUrl(url)).toBeUndefined()
  })

  it('reads back the URL it builds, whatever the key holds', () => {
    const location = {
      bucket: 'fleetdeck-firmware',
      key: 'sensor/v2.0.0 (rc)+1.bin',
      region: 'us-east-1',
    }
    expect(parseS3ObjectUrl(s3ObjectUrl(location))).toEqual(location)
  })
})
