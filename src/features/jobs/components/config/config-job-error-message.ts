import { formatIssue, ValidationError } from '@domain/validation.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { JobIdConflictError } from '../../api/create-job.ts'
import { UnknownTargetsError } from '../../api/resolve-job-targets.ts'

/** A failed configuration job in the operator's words: our own checks say what to fix; AWS's errors say what was refused. */
export function configJobErrorMessage(error: unknown, action: string): string {
  if (error instanceof ValidationError) return error.issues.map(formatIssue).join(' ')
  if (error instanceof JobIdConflictError) return error.message
  if (error instanceof UnknownTargetsError) return error.message
  return awsErrorMessage(error, action)
}
