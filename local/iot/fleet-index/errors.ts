import { AwsError, resourceNotFound } from '../../edge/aws-error.ts'

/** The IoT model's errors for fleet-index queries; all are 400 but the missing index. */
export const invalidQuery = (message: string) => new AwsError('InvalidQueryException', 400, message)

export const invalidAggregation = (message: string) =>
  new AwsError('InvalidAggregationException', 400, message)

/** As AWS answers a query while thing indexing is off. */
export const indexNotFound = (indexName: string) =>
  resourceNotFound(
    `Index ${indexName} does not exist. Please enable index by calling UpdateIndexingConfiguration`,
  )
