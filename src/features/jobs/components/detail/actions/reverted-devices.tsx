import Alert from '@cloudscape-design/components/alert'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { InstallDocument } from '@domain/job-document.ts'
import { countsFromProcessDetails } from '@domain/job-monitoring/execution-counts.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { paths } from '@/config/paths.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import type { JobDetail } from '../../../api/describe-job.ts'
import {
  MAX_REVERTED_CANDIDATES,
  revertedDevicesOptions,
  type RevertedDevices,
} from '../../../api/get-reverted-devices.ts'
import { useThrottledValue } from '@/lib/use-throttled-value.ts'

/** While a rollout runs the succeeded counter moves often; check again at most this often. */
export const REVERTED_RECHECK_MS = 15_000

export interface RevertedDevicesResult extends RevertedDevices {
  /** For the executions table: the rows to flag. */
  readonly thingNames: ReadonlySet<string>
  /** False for a job that installs no Fleetdeck firmware: there is no version to compare. */
  readonly applicable: boolean
  readonly isChecking: boolean
  readonly error: Error | null
}

const NONE: RevertedDevices = { devices: [], checked: 0, candidates: 0, truncated: false }

/**
 * "Succeeded but reverted" for an install job (api/get-reverted-devices.ts):
 * checked once devices have succeeded, and again when more have (the
 * counter, throttled, is part of the query key).
 */
export function useRevertedDevices(
  jobId: string,
  job: JobDetail | undefined,
  document: InstallDocument | undefined,
): RevertedDevicesResult {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  const succeeded = useThrottledValue(
    countsFromProcessDetails(job?.processDetails).SUCCEEDED,
    REVERTED_RECHECK_MS,
  )
  const input =
    job === undefined || document === undefined
      ? undefined
      : { jobId, targets: job.targets, version: document.version }
  const query = useQuery(revertedDevicesOptions(iot, queryClient, input, succeeded))
  const data = query.data ?? NONE
  const thingNames = useMemo(
    () => new Set(data.devices.map((device) => device.thingName)),
    [data.devices],
  )
  return {
    ...data,
    thingNames,
    applicable: input !== undefined && input.targets.length > 0,
    isChecking: query.isFetching,
    error: query.error,
  }
}

export interface RevertedDevicesAlertProps {
  readonly result: RevertedDevicesResult
}

/** A warning listing the reverted devices, each a link to the device; nothing when there are none. */
export function RevertedDevicesAlert({ result }: RevertedDevicesAlertProps) {
  if (result.error !== null && result.devices.length === 0)
    return <InlineError message={awsErrorMessage(result.error, 'check for reverted devices')} />
  const { devices } = result
  if (devices.length === 0) return null
  return (
    <Alert
      type="warning"
      header={`${devices.length} ${devices.length === 1 ? 'device reports' : 'devices report'} another version than the job installed, although the job SUCCEEDED on ${devices.length === 1 ? 'it' : 'them'}`}
    >
      <SpaceBetween size="xs">
        <ul aria-label="Succeeded but reverted">
          {devices.map((device) => (
            <li key={device.thingName} data-testid="reverted-device">
              <RouterLink href={paths.fleet.thing(device.thingName)}>{device.thingName}</RouterLink>
              {`: reports ${device.reportedVersion}, expected ${device.expectedVersion}`}
            </li>
          ))}
        </ul>
        {result.truncated ? (
          <span>
            Only the first {MAX_REVERTED_CANDIDATES} devices of the target that report another
            version were checked; there are more.
          </span>
        ) : null}
      </SpaceBetween>
    </Alert>
  )
}
