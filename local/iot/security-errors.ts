import { AwsError } from '../edge/aws-error.ts'

/** The IoT model's errors for certificates and policies, with its HTTP statuses. */
export const certificateValidation = (message: string) =>
  new AwsError('CertificateValidationException', 400, message)
export const certificateState = (message: string) =>
  new AwsError('CertificateStateException', 406, message)
export const deleteConflict = (message: string) =>
  new AwsError('DeleteConflictException', 409, message)
export const malformedPolicy = (message: string) =>
  new AwsError('MalformedPolicyException', 400, message)
