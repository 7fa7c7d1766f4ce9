import { parseJobTargetArn } from '@domain/arn.ts'
import { tagSchema } from '@domain/job-config/create-job-options.ts'
import { presignedUrlPlaceholder, type ConfigDownloadDocument } from '@domain/job-document.ts'
import { ROLE_NAMES } from '@domain/permissions.ts'
import { s3ObjectUrl } from '@domain/s3-object-url.ts'
import { validateWith } from '@domain/validation.ts'
import { CREATED_BY_TAG_KEY } from './created-by-tag.ts'

/**
 * The parts of configuration jobs that need no AWS call: the
 * config-download document, the role IoT pre-signs its URL with, and how a
 * job records who made it.
 */

/**
 * The pre-signing role in the targets' account. The account comes from an
 * ARN AWS returned (DescribeThing, DescribeThingGroup), never from
 * configuration: the same build serves any account.
 */
export function presignerRoleArnFor(targetArn: string): string {
  const target = parseJobTargetArn(targetArn)
  if (target === undefined) throw new Error(`${targetArn} is not a thing or thing group ARN.`)
  return `arn:${target.partition}:iam::${target.accountId}:role/${ROLE_NAMES.iotPresigner}`
}

/**
 * `{operation: 'config-download', url, sha256}` with the URL as an IoT
 * placeholder: IoT pre-signs a GET for each device when it fetches the
 * document, with the job's presignedUrlConfig role, so no URL in the stored
 * document can expire before a device (offline for a week) runs it.
 * https://docs.aws.amazon.com/iot/latest/developerguide/create-manage-jobs.html#create-manage-jobs-presigned-URLs
 */
export function configDownloadDocument({
  bucket,
  key,
  region,
  sha256,
}: {
  readonly bucket: string
  readonly key: string
  readonly region: string
  readonly sha256: string
}): ConfigDownloadDocument {
  return {
    operation: 'config-download',
    url: presignedUrlPlaceholder(s3ObjectUrl({ bucket, key, region })),
    sha256,
  }
}

/** The `createdBy` tag, when the user name fits AWS's tag value pattern (else none: the description still names them). */
export function createdByTags(username: string | undefined): { Key: string; Value: string }[] {
  if (username === undefined || username === '') return []
  const tag = { Key: CREATED_BY_TAG_KEY, Value: username }
  return validateWith(tagSchema, tag).ok ? [tag] : []
}

/** A job description naming what and who, within AWS's 2028 printable characters. */
export function configJobDescription(what: string, username: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- descriptions must not contain control characters.
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
  const text = username ? `${clean(what)} by ${clean(username)}` : clean(what)
  return [...text].slice(0, 2028).join('')
}
