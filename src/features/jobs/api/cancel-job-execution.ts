import { CancelJobExecutionCommand, type IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { jobIdSchema, thingNameSchema } from '@domain/identifiers.ts'
import { unwrap, validateWith } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { invalidateAfterAction } from './action-plan-keys.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * CancelJobExecution of one device's execution. A QUEUED execution is
 * canceled as it is; an IN_PROGRESS one only with force (without it AWS
 * answers InvalidStateTransitionException), and the device is not stopped
 * by it. No expectedVersion: the operator cancels whatever state the
 * execution is in now, and the status decides whether force is needed.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CancelJobExecution.html
 */
export interface CancelJobExecutionInput {
  readonly jobId: string
  readonly thingName: string
  readonly force: boolean
}

const cancelJobExecutionSchema = z.strictObject({
  jobId: jobIdSchema,
  thingName: thingNameSchema,
  force: z.boolean(),
})

export async function cancelJobExecution(
  iot: IoTClient,
  input: CancelJobExecutionInput,
  signal?: AbortSignal,
): Promise<CancelJobExecutionInput> {
  const request = unwrap(validateWith(cancelJobExecutionSchema, input))
  await iot.send(new CancelJobExecutionCommand(request), { abortSignal: signal })
  return request
}

export function useCancelJobExecution() {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CancelJobExecutionInput) => cancelJobExecution(iot, input),
    onSuccess: ({ jobId }) =>
      Promise.all([
        invalidateAfterAction(queryClient, jobsKeys.detail(jobId)),
        queryClient.invalidateQueries({ queryKey: jobsKeys.lists() }),
      ]),
  })
}
