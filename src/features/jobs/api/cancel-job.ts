import { CancelJobCommand, type IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { jobIdSchema } from '@domain/identifiers.ts'
import { codePointLength } from '@domain/number-rules.ts'
import { unwrap, validateWith } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { invalidateAfterAction } from './action-plan-keys.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * CancelJob. Without force AWS cancels the QUEUED executions and lets the
 * IN_PROGRESS ones run to their end; with force those become CANCELED too,
 * though the devices themselves are not stopped (utils/cancel-effects.ts
 * words what that means). The optional comment and reason code are kept on
 * the job; their limits are the CancelJob model's, checked before the call.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CancelJob.html
 */
export const MAX_CANCEL_COMMENT_LENGTH = 2028
export const MAX_CANCEL_REASON_CODE_LENGTH = 128

export interface CancelJobInput {
  readonly jobId: string
  readonly force: boolean
  /** Blank means none. */
  readonly comment?: string | undefined
  /** Blank means none. */
  readonly reasonCode?: string | undefined
}

const NON_PRINTING = /\p{C}/u
const REASON_CODE = /^[\p{Lu}\p{Nd}_]+$/u

export const cancelCommentSchema = z
  .string()
  .refine((text) => codePointLength(text) <= MAX_CANCEL_COMMENT_LENGTH, {
    error: `The comment must be at most ${MAX_CANCEL_COMMENT_LENGTH} characters.`,
  })
  .refine((text) => !NON_PRINTING.test(text), {
    error: 'The comment must not contain line breaks or other control characters.',
  })

export const cancelReasonCodeSchema = z
  .string()
  .max(MAX_CANCEL_REASON_CODE_LENGTH, {
    error: `The reason code must be at most ${MAX_CANCEL_REASON_CODE_LENGTH} characters.`,
  })
  .regex(REASON_CODE, {
    error: 'The reason code may contain only upper-case letters, digits and underscores.',
  })

const cancelJobSchema = z.strictObject({
  jobId: jobIdSchema,
  force: z.boolean(),
  comment: cancelCommentSchema.optional(),
  reasonCode: cancelReasonCodeSchema.optional(),
})

const present = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? undefined : text.trim()

/** The CancelJob request, or a ValidationError naming every problem. */
export function cancelJobRequest(input: CancelJobInput) {
  const comment = present(input.comment)
  const reasonCode = present(input.reasonCode)
  const valid = unwrap(
    validateWith(cancelJobSchema, {
      jobId: input.jobId,
      force: input.force,
      ...(comment === undefined ? {} : { comment }),
      ...(reasonCode === undefined ? {} : { reasonCode }),
    }),
  )
  return valid
}

export async function cancelJob(
  iot: IoTClient,
  input: CancelJobInput,
  signal?: AbortSignal,
): Promise<{ readonly jobId: string }> {
  const request = cancelJobRequest(input)
  await iot.send(new CancelJobCommand(request), { abortSignal: signal })
  return { jobId: request.jobId }
}

export function useCancelJob() {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CancelJobInput) => cancelJob(iot, input),
    onSuccess: ({ jobId }) =>
      Promise.all([
        invalidateAfterAction(queryClient, jobsKeys.detail(jobId)),
        queryClient.invalidateQueries({ queryKey: jobsKeys.lists() }),
      ]),
  })
}
