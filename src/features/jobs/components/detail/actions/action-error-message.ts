import { formatIssue, ValidationError } from '@domain/validation.ts'
import { awsErrorMessage, isAccessDeniedError } from '@/lib/aws/aws-error-message.ts'
import { JobIdConflictError } from '../../../api/create-job.ts'
import { ThingGroupConflictError } from '../../../api/create-thing-group.ts'
import { TooManyToRollBackError } from '../../../api/get-rollback-plan.ts'
import { RollbackIncompleteError } from '../../../api/roll-back-job.ts'
import { TooManyThingsError } from '../../../utils/things-target.ts'

/**
 * The failure of a job action in an operator's words. Our own refusals
 * (bad input, too many devices, an id taken) say what to do; AWS's go
 * through awsErrorMessage, with the two cases these actions meet most put
 * plainly: an execution that moved on since the page showed it, and a role
 * that may create jobs but not the thing group a large retry or rollback
 * needs.
 */
const OWN_ERRORS = [
  JobIdConflictError,
  ThingGroupConflictError,
  TooManyThingsError,
  TooManyToRollBackError,
] as const

const GROUP_ACTIONS = /iot:(CreateThingGroup|AddThingToThingGroup)/

export function actionErrorMessage(error: unknown, action: string): string {
  if (error instanceof ValidationError) return error.issues.map(formatIssue).join(' ')
  if (OWN_ERRORS.some((kind) => error instanceof kind)) return (error as Error).message
  if (error instanceof RollbackIncompleteError) {
    const done = error.done.map((job) => job.jobId).join(', ')
    return `${actionErrorMessage(error.cause, `create the rollback to ${error.version}`)} Already created: ${done}. Roll back again to finish: jobs already made are not made twice.`
  }
  if (error instanceof Error && error.name === 'InvalidStateTransitionException')
    return `Could not ${action}: the execution has moved on since this page showed it (it may have started or finished). Look at its status again; an execution in progress can only be force-canceled.`
  if (isAccessDeniedError(error) && error instanceof Error && GROUP_ACTIONS.test(error.message))
    return `Could not ${action}: more than 100 devices need a thing group, and your role may not create one or add devices to it. Ask an administrator, or create the job for a group from the wizard.`
  return awsErrorMessage(error, action)
}
