import { AwsError } from '../../edge/aws-error.ts'
import { BlobPayload } from '../../edge/service.ts'
import type { JsonObject } from '../json-values.ts'
import type { ShadowErrorCode, ShadowRejection } from '../shadow-request.ts'

/**
 * How the shadow operations meet HTTPS. A rejection is the iotdata model's
 * exception for its code (and no MQTT message goes out, unlike a rejection
 * over MQTT).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_iotdata_UpdateThingShadow.html#API_iotdata_UpdateThingShadow_Errors
 */
const EXCEPTIONS: Readonly<Record<ShadowErrorCode, string>> = {
  400: 'InvalidRequestException',
  404: 'ResourceNotFoundException',
  409: 'ConflictException',
  413: 'RequestEntityTooLargeException',
  415: 'UnsupportedDocumentEncodingException',
  500: 'InternalFailureException',
}

export const shadowException = (rejection: ShadowRejection) =>
  new AwsError(EXCEPTIONS[rejection.code], rejection.code, rejection.message)

/** The model binds the shadow document to the body as a blob: the SDK hands callers these bytes. */
export const documentPayload = (document: JsonObject) =>
  new BlobPayload(new TextEncoder().encode(JSON.stringify(document)))

/** `?name=` picks a named shadow; without it the classic shadow is meant. */
export const shadowNameOf = (query: URLSearchParams) => {
  const name = query.get('name')
  return name === null || name === '' ? undefined : name
}
