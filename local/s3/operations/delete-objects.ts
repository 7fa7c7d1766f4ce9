import { accessDeniedMessage } from '../../edge/authorize.ts'
import { receivePayload, requireIntegrityValue } from '../request-payload.ts'
import {
  emptyResponse,
  objectArn,
  requireBucket,
  xmlResponse,
  type S3Operation,
} from '../s3-operation.ts'
import { childrenOf, malformedXml, parseXmlBody, rootOf, textOf, type XmlElement } from '../xml.ts'

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html — a missing key is no error. */
export const deleteObject: S3Operation = {
  name: 'DeleteObject',
  action: 's3:DeleteObject',
  resource: 'object',
  handle: (context) => {
    requireBucket(context)
    context.storage.deleteObject(context.bucket, context.key)
    return emptyResponse(204)
  },
}

/** S3 takes at most 1,000 keys per DeleteObjects request. */
export const MAX_DELETE_KEYS = 1000

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 * Each key is authorised on its own (s3:DeleteObject) and refused ones are
 * reported per key in the result; Quiet leaves out the successes.
 */
export const deleteObjects: S3Operation = {
  name: 'DeleteObjects',
  action: undefined,
  resource: 'bucket',
  handle: (context) => {
    const { bucket, storage } = context
    requireBucket(context)
    const payload = receivePayload(context.request, context.caller)
    requireIntegrityValue(payload)
    const root = rootOf(parseXmlBody(payload.bytes, ['Object']), 'Delete')
    const objects = childrenOf(root, 'Object')
    const keys = objects.map((node) => textOf(node, 'Key'))
    if (keys.length === 0 || keys.length > MAX_DELETE_KEYS || keys.includes(undefined)) {
      throw malformedXml()
    }
    const quiet = textOf(root, 'Quiet')?.trim().toLowerCase() === 'true'
    const deleted: XmlElement[] = []
    const errors: XmlElement[] = []
    for (const key of keys as string[]) {
      const resource = objectArn(bucket, key)
      if (!context.isPermitted('s3:DeleteObject', resource)) {
        errors.push({
          Key: key,
          Code: 'AccessDenied',
          Message: accessDeniedMessage(context.caller.principal, 's3:DeleteObject', resource),
        })
        continue
      }
      storage.deleteObject(bucket, key)
      deleted.push({ Key: key })
    }
    return xmlResponse('DeleteResult', { Deleted: quiet ? [] : deleted, Error: errors })
  },
}
