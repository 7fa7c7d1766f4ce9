import { awsErrorMessage, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'

/**
 * Fleet-index failures in an operator's words. SearchIndex and the
 * aggregations answer ResourceNotFoundException when the account has no
 * AWS_Things index (thing indexing is off), which the generic message would
 * call "does not exist"; the other codes are the fleet index's own.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SearchIndex.html#API_SearchIndex_Errors
 * https://docs.aws.amazon.com/iot/latest/apireference/API_GetBucketsAggregation.html#API_GetBucketsAggregation_Errors
 */
const nameOf = (error: unknown) => (error instanceof Error ? error.name : '')

export function fleetIndexErrorMessage(error: unknown, action: string): string {
  if (isNotFoundError(error))
    return `Could not ${action}: fleet indexing (the AWS_Things index) is not turned on in this account and region.`
  const name = nameOf(error)
  if (name === 'IndexNotReadyException')
    return `Could not ${action}: the fleet index is still being built. Try again in a few minutes.`
  if (name === 'InvalidQueryException')
    return `Could not ${action}: AWS refused the search: ${(error as Error).message}`
  if (name === 'InvalidAggregationException')
    return `Could not ${action}: ${FIRMWARE_VERSION_INDEX_FIELD} is not a custom field of the fleet index. Add it (type String) to the thing indexing configuration.`
  return awsErrorMessage(error, action)
}
