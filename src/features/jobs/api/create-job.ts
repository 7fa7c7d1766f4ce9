import {
  CreateJobCommand,
  DescribeJobCommand,
  GetJobDocumentCommand,
  type CreateJobRequest,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { jobIdSchema } from '@domain/identifiers.ts'
import {
  validateCreateJobOptions,
  type CreateJobOptions,
} from '@domain/job-config/create-job-options.ts'
import { checkJobDocumentText, serializeJobDocument } from '@domain/job-document.ts'
import {
  validateWith,
  ValidationError,
  type Validated,
  type ValidationIssue,
} from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { sameJsonText } from '../utils/same-json.ts'
import { jobsKeys } from './jobs-keys.ts'

export { newJobId } from '../utils/new-job-id.ts'

/**
 * CreateJob with a job id the client chose once per submission attempt
 * (newJobId), so a double click, a network retry or a reload during creation
 * can never create two jobs: the second CreateJob with the same id is refused
 * with ResourceAlreadyExistsException, and when the job that exists has our
 * document and targets it is the one our earlier attempt created, which counts
 * as success. Everything AWS would refuse for reasons we can check here (id,
 * document fields and 32 KB limit, options and their AWS limits) is refused
 * before any call.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateJob.html
 */
export interface CreateJobInput {
  readonly jobId: string
  /**
   * The job document as a value; it is checked against Fleetdeck's schema and
   * serialized here. A VerbatimJobDocument is sent exactly as written.
   */
  readonly document: unknown
  /** CreateJob's other members; form values arrive unchecked and are validated here. */
  readonly options: CreateJobOptions | Readonly<Record<string, unknown>>
  /**
   * The job template the job was started from. AWS takes the template's
   * members for those the request leaves out; members given here win.
   * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateJob.html
   */
  readonly jobTemplateArn?: string | undefined
  /** Scheduling rules depend on the time; tests pass their own. */
  readonly nowMs?: number
}

/**
 * A document sent exactly as written, whichever tool made it: a retry of
 * failed devices re-sends the job's own document, which need not follow
 * Fleetdeck's schema. Only AWS's own limits are checked.
 */
export class VerbatimJobDocument {
  constructor(readonly text: string) {}
}

function documentText(document: unknown): Validated<string> {
  if (document instanceof VerbatimJobDocument) return checkJobDocumentText(document.text)
  const serialized = serializeJobDocument(document)
  return serialized.ok ? { ok: true, value: serialized.value.text } : serialized
}

// CreateJob's JobTemplateArn: 1 to 1600 characters, pattern ^arn:[!-~]+$.
const JOB_TEMPLATE_ARN = /^arn:[!-~]{1,1596}$/

export interface CreatedJob {
  readonly jobId: string
  readonly jobArn: string | undefined
  /** False when an earlier attempt had created this very job. */
  readonly created: boolean
}

/** A job with this id exists and is not the one this submission asked for. */
export class JobIdConflictError extends Error {
  override readonly name = 'JobIdConflictError'

  constructor(readonly jobId: string) {
    super(
      `A different job with the id ${jobId} already exists (another document or other targets). Start a new submission to get a new job id.`,
    )
  }
}

const prefixed = (prefix: string, issues: readonly ValidationIssue[]) =>
  issues.map((issue) => ({
    path: issue.path === '' ? prefix : `${prefix}.${issue.path}`,
    message: issue.message,
  }))

export type ValidCreateJobRequest = CreateJobRequest & {
  readonly jobId: string
  readonly document: string
  readonly targets: string[]
}

/** The exact CreateJob request, or every problem with the input at once. */
export function createJobRequest(input: CreateJobInput): ValidCreateJobRequest {
  const jobId = validateWith(jobIdSchema, input.jobId)
  const document = documentText(input.document)
  const options = validateCreateJobOptions(input.options, { nowMs: input.nowMs ?? Date.now() })
  const templateOk =
    input.jobTemplateArn === undefined || JOB_TEMPLATE_ARN.test(input.jobTemplateArn)
  const issues = [
    ...(jobId.ok ? [] : prefixed('jobId', jobId.issues)),
    ...(document.ok ? [] : prefixed('document', document.issues)),
    ...(options.ok ? [] : options.issues),
    ...(templateOk
      ? []
      : [{ path: 'jobTemplateArn', message: 'The job template ARN is not an ARN.' }]),
  ]
  if (!jobId.ok || !document.ok || !options.ok || !templateOk) throw new ValidationError(issues)
  // The domain schemas follow the CreateJob model field for field; the SDK
  // types its enums as string unions, which our validated strings are.
  return {
    ...(options.value as Omit<CreateJobRequest, 'jobId'>),
    targets: options.value.targets,
    jobId: jobId.value,
    document: document.value,
    ...(input.jobTemplateArn === undefined ? {} : { jobTemplateArn: input.jobTemplateArn }),
  }
}

const sameTargets = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length && [...left].sort().join('\n') === [...right].sort().join('\n')

async function isOurJob(
  iot: IoTClient,
  request: ValidCreateJobRequest,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const [{ job }, { document }] = await Promise.all([
    iot.send(new DescribeJobCommand({ jobId: request.jobId }), { abortSignal: signal }),
    iot.send(new GetJobDocumentCommand({ jobId: request.jobId }), { abortSignal: signal }),
  ])
  const matches =
    document !== undefined &&
    sameJsonText(document, request.document) &&
    sameTargets(job?.targets ?? [], request.targets)
  return matches ? (job?.jobArn ?? '') : undefined
}

export async function createJob(
  iot: IoTClient,
  input: CreateJobInput,
  signal?: AbortSignal,
): Promise<CreatedJob> {
  const request = createJobRequest(input)
  try {
    const output = await iot.send(new CreateJobCommand(request), { abortSignal: signal })
    return { jobId: request.jobId, jobArn: output.jobArn, created: true }
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceAlreadyExistsException') throw error
    const jobArn = await isOurJob(iot, request, signal)
    if (jobArn === undefined) throw new JobIdConflictError(request.jobId)
    return { jobId: request.jobId, jobArn: jobArn === '' ? undefined : jobArn, created: false }
  }
}

export function useCreateJob() {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CreateJobInput) => createJob(iot, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobsKeys.all }),
  })
}
