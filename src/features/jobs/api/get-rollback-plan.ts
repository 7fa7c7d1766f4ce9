import { DescribeJobCommand, SearchIndexCommand, type IoTClient } from '@aws-sdk/client-iot'
import type { S3Client } from '@aws-sdk/client-s3'
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query'
import { parseJobTargetArn, type AccountScope } from '@domain/arn.ts'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'
import type { InstallDocument } from '@domain/job-document.ts'
import { countsFromProcessDetails } from '@domain/job-monitoring/execution-counts.ts'
import { parseIndexedShadow, reportedFirmwareOf } from '@domain/reported-firmware.ts'
import { paths } from '@/config/paths.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { mapInPool } from '../utils/in-pool.ts'
import { thingNameQueries } from '../utils/preflight-queries.ts'
import {
  planRollback,
  previousReleaseVersion,
  TOUCHED_STATUSES,
  type RollbackPlan,
  type TouchedDevice,
} from '../utils/rollback-plan.ts'
import type { JobDetail } from './describe-job.ts'
import { describeJobExecution } from './describe-job-execution.ts'
import { rollbackPlanKey } from './action-plan-keys.ts'
import { listFirmwareReleases } from './list-firmware-releases.ts'
import { listJobExecutionsUpTo, type ExecutionRow } from './list-job-executions-for-job.ts'

/**
 * What a one-click rollback of a job would do (utils/rollback-plan.ts
 * decides): the devices the job touched (ListJobExecutionsForJob of the
 * SUCCEEDED, IN_PROGRESS, FAILED and TIMED_OUT executions), the version
 * each ran before (DescribeJobExecution's statusDetails.previousVersion, a
 * few calls at a time: AWS allows about 10 a second), the version each
 * reports now (SearchIndex by name), and the firmware catalog. Bounded: a
 * job that touched more than MAX_ROLLBACK_DEVICES devices is refused with
 * a link to the wizard, where a forced job for a group does the same in one
 * call. Rollback jobs that already exist (their ids follow from the bad job
 * and the version) are reported, not planned again.
 */
export const MAX_ROLLBACK_DEVICES = 1000
const DESCRIBES_IN_FLIGHT = 5

export class TooManyToRollBackError extends Error {
  override readonly name = 'TooManyToRollBackError'

  constructor(
    readonly count: number,
    /** A forced job from the wizard that does the same for a whole group. */
    readonly wizardHref: string,
  ) {
    super(
      `This job touched ${count.toLocaleString('en-US')} devices, more than the ${MAX_ROLLBACK_DEVICES.toLocaleString('en-US')} a rollback reads one by one. Create a forced job for the group from the wizard instead.`,
    )
  }
}

export interface RollbackPlanSource {
  readonly jobId: string
  readonly job: JobDetail
  readonly document: InstallDocument
}

export interface ExistingRollbackJob {
  readonly jobId: string
  readonly status: string | undefined
}

export interface RollbackPlanRead extends RollbackPlan {
  readonly badJobId: string
  readonly model: string
  readonly badVersion: string
  /** Devices the job touched, as listed. */
  readonly touched: number
  /** Planned jobs that already exist: asked before, and not created again. */
  readonly existing: readonly ExistingRollbackJob[]
  /** From the touched things' ARNs: the presigner role lives in this account. */
  readonly account: Required<AccountScope> | undefined
}

async function listTouched(
  iot: IoTClient,
  jobId: string,
  signal: AbortSignal | undefined,
): Promise<ExecutionRow[]> {
  const rows: ExecutionRow[] = []
  for (const status of TOUCHED_STATUSES) {
    const limit = MAX_ROLLBACK_DEVICES - rows.length
    rows.push(...(await listJobExecutionsUpTo(iot, { jobId, status, limit }, signal)))
  }
  return rows
}

async function reportedVersions(
  iot: IoTClient,
  thingNames: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Map<string, string | undefined>> {
  const reported = new Map<string, string | undefined>()
  for (const queryString of thingNameQueries(thingNames)) {
    const output = await iot.send(
      new SearchIndexCommand({ indexName: THINGS_INDEX_NAME, queryString, maxResults: 100 }),
      { abortSignal: signal },
    )
    for (const thing of output.things ?? []) {
      if (thing.thingName !== undefined)
        reported.set(thing.thingName, reportedFirmwareOf(parseIndexedShadow(thing.shadow)).version)
    }
  }
  return reported
}

async function existingJobs(
  iot: IoTClient,
  jobIds: readonly string[],
  signal: AbortSignal | undefined,
): Promise<ExistingRollbackJob[]> {
  const found = await mapInPool(jobIds, DESCRIBES_IN_FLIGHT, async (jobId) => {
    try {
      const { job } = await iot.send(new DescribeJobCommand({ jobId }), { abortSignal: signal })
      return { jobId, status: job?.status }
    } catch (error) {
      if (isNotFoundError(error)) return undefined
      throw error
    }
  })
  return found.filter((job) => job !== undefined)
}

function wizardHrefFor(source: RollbackPlanSource, version: string | undefined): string {
  const group = source.job.targets
    .map(parseJobTargetArn)
    .find((target) => target?.kind === 'thinggroup')?.name
  return paths.jobs.create({ group, model: source.document.model, version })
}

export async function getRollbackPlan(
  clients: { readonly iot: IoTClient; readonly s3: S3Client; readonly firmwareBucket: string },
  source: RollbackPlanSource,
  signal?: AbortSignal,
): Promise<RollbackPlanRead> {
  const { iot } = clients
  const { jobId, job, document } = source
  const model = document.model ?? ''
  const releases = await listFirmwareReleases(clients.s3, clients.firmwareBucket, signal)
  const tooMany = (count: number) =>
    new TooManyToRollBackError(
      count,
      wizardHrefFor(source, previousReleaseVersion(releases, model, document.version)),
    )
  const counts = countsFromProcessDetails(job.processDetails)
  const counted = counts.SUCCEEDED + counts.IN_PROGRESS + counts.FAILED + counts.TIMED_OUT
  if (counted > MAX_ROLLBACK_DEVICES) throw tooMany(counted)
  const rows = await listTouched(iot, jobId, signal)
  const things = [...new Map(rows.map((row) => [row.thingName, row])).values()]
  if (things.length > MAX_ROLLBACK_DEVICES) throw tooMany(things.length)
  const described = await mapInPool(things, DESCRIBES_IN_FLIGHT, async (row) => {
    try {
      return await describeJobExecution(iot, jobId, row.thingName, signal)
    } catch (error) {
      // Deleted meanwhile: nothing to read, and nothing this job left on the device to undo.
      if (isNotFoundError(error)) return undefined
      throw error
    }
  })
  const previous = new Map(
    described.flatMap((execution) =>
      execution === undefined ? [] : [[execution.thingName, execution] as const],
    ),
  )
  const installed = things
    .filter((row) => (previous.get(row.thingName)?.statusDetails.previousVersion ?? '') !== '')
    .map((row) => row.thingName)
  const reported = await reportedVersions(iot, installed, signal)
  const devices: TouchedDevice[] = things.map((row) => {
    const execution = previous.get(row.thingName)
    return {
      thingName: row.thingName,
      thingArn: row.thingArn,
      status: execution?.status ?? row.status ?? '',
      previousVersion: execution?.statusDetails.previousVersion,
      reportedVersion: reported.get(row.thingName),
    }
  })
  const plan = planRollback({
    badJobId: jobId,
    model,
    badVersion: document.version,
    devices,
    releases,
  })
  const scope = parseJobTargetArn(things[0]?.thingArn ?? '')
  return {
    ...plan,
    badJobId: jobId,
    model,
    badVersion: document.version,
    touched: things.length,
    existing: await existingJobs(
      iot,
      plan.jobs.map((planned) => planned.jobId),
      signal,
    ),
    account:
      scope === undefined
        ? undefined
        : { partition: scope.partition, region: scope.region, accountId: scope.accountId },
  }
}

export const rollbackPlanOptions = (
  clients: Parameters<typeof getRollbackPlan>[0],
  jobId: string,
  source: RollbackPlanSource | undefined,
) =>
  queryOptions({
    queryKey: rollbackPlanKey(jobId),
    queryFn:
      source === undefined ? skipToken : ({ signal }) => getRollbackPlan(clients, source, signal),
    // Read for one decision: fresh each time the confirmation opens, and
    // not again behind the operator's back while it is open.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  })

/** The plan while `source` is known (a Fleetdeck install job) and the confirmation is open. */
export function useRollbackPlan(jobId: string, source: RollbackPlanSource | undefined) {
  const { iot, s3, config } = useAwsClients()
  return useQuery(
    rollbackPlanOptions({ iot, s3, firmwareBucket: config.firmwareBucket }, jobId, source),
  )
}
