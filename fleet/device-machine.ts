import { classifyFirmwareChange } from '../domain/firmware-version.ts'
import {
  parseJobDocument,
  type ConfigDownloadDocument,
  type InstallDocument,
  type JobDocument,
} from '../domain/job-document.ts'
import {
  isJobExecutionStatus,
  isTerminalJobExecutionStatus,
  transitionJobExecution,
  type JobExecutionStatus,
} from '../domain/job-execution-status.ts'

/**
 * A simulated device as a pure step function: `stepDevice(state, event)`
 * returns the next state and the effects to carry out (requests, downloads,
 * a reboot). The runtime turns effects into wire traffic and timers, and the
 * answers back into events. The device follows PRODUCT.md, "Device
 * semantics", and AWS's device workflow
 * (https://docs.aws.amazon.com/iot/latest/developerguide/jobs-workflow-device-online.html).
 */
export type DeviceConfiguration = Readonly<Record<string, unknown>>

/** What survives a reboot: the flash. Everything under `job` is RAM and is lost. */
export interface DeviceState {
  readonly thingName: string
  readonly model: string
  readonly firmwareVersion: string
  /** The image the bootloader falls back to when a new one fails to boot. */
  readonly previousFirmwareVersion: string | undefined
  readonly configuration: DeviceConfiguration
  readonly isConnected: boolean
  readonly isRebooting: boolean
  readonly job: ActiveJob | undefined
}

export type JobStep =
  'downloading' | 'verifying' | 'installing' | 'rebooting' | 'applying' | 'uploading' | 'finishing'

export interface ActiveJob {
  readonly jobId: string
  readonly status: JobExecutionStatus
  readonly document: JobDocument
  readonly step: JobStep
  /**
   * Details repeated in every later report of this execution (`downloadMs`,
   * `targetVersion`, `previousVersion`): an UpdateJobExecution that gives
   * statusDetails replaces them rather than merging, and the dashboard reads
   * these from the final report (docs/simulator.md, "statusDetails").
   */
  readonly kept: StatusDetails
  /** The new image this execution booted into, once it reports SUCCEEDED after the reboot. */
  readonly bootedVersion?: string
}

/** The statusDetails keys the device writes (values are text, as AWS requires). */
export type StatusDetails = Readonly<Record<string, string>>

export interface PendingExecutionSummary {
  readonly jobId: string
}

export interface ExecutionView {
  readonly jobId: string
  readonly status: string
  readonly jobDocument?: unknown
  readonly statusDetails?: Readonly<Record<string, unknown>>
}

export type DeviceEvent =
  | { readonly type: 'connected' }
  | { readonly type: 'disconnected' }
  | { readonly type: 'notified'; readonly execution: ExecutionView | undefined }
  | { readonly type: 'started'; readonly execution: ExecutionView | undefined }
  | {
      readonly type: 'pending'
      readonly inProgressJobs: readonly PendingExecutionSummary[]
      readonly queuedJobs: readonly PendingExecutionSummary[]
    }
  | { readonly type: 'described'; readonly execution: ExecutionView | undefined }
  | { readonly type: 'updated'; readonly jobId: string; readonly status: JobExecutionStatus }
  | { readonly type: 'update-refused'; readonly jobId: string; readonly code: string }
  | { readonly type: 'download-progress'; readonly jobId: string; readonly percent: number }
  | {
      readonly type: 'downloaded'
      readonly jobId: string
      readonly size: number
      readonly sha256: string
      readonly text: string
      /** How long the download took, as the device measured it. */
      readonly durationMs: number
    }
  | {
      readonly type: 'download-failed'
      readonly jobId: string
      readonly reason: string
      /** How long the device tried before the download failed. */
      readonly durationMs?: number
    }
  | { readonly type: 'uploaded'; readonly jobId: string }
  | { readonly type: 'upload-failed'; readonly jobId: string; readonly reason: string }
  /** The reboot finished; `isBootOk` false means the new image did not boot. */
  | { readonly type: 'rebooted'; readonly isBootOk: boolean }
  /**
   * The watchdog reset the device while it ran `version` (a latent bug in a
   * build that booted and reported SUCCEEDED): the bootloader goes back to
   * the previous image.
   */
  | { readonly type: 'watchdog-fired'; readonly version: string }

export type JobsRequest =
  | { readonly kind: 'start-next' }
  | { readonly kind: 'get-pending' }
  | { readonly kind: 'describe'; readonly jobId: string }
  | {
      readonly kind: 'update'
      readonly jobId: string
      readonly status: JobExecutionStatus
      readonly statusDetails: StatusDetails
    }

export interface ReportedState {
  readonly firmware: { readonly version: string; readonly model: string }
  readonly config: DeviceConfiguration
}

export type DeviceEffect =
  | { readonly kind: 'jobs'; readonly request: JobsRequest }
  | { readonly kind: 'report'; readonly reported: ReportedState }
  | {
      readonly kind: 'download'
      readonly jobId: string
      readonly url: string
      readonly purpose: 'firmware' | 'config'
    }
  | { readonly kind: 'upload'; readonly jobId: string; readonly url: string; readonly body: string }
  | { readonly kind: 'reboot' }
  /**
   * The cloud acknowledged SUCCEEDED for a new image the device now runs:
   * the runtime may arm a watchdog for it (the `revertingVersions` knob).
   */
  | { readonly kind: 'image-confirmed'; readonly version: string }
  | { readonly kind: 'log'; readonly message: string }

export interface Step {
  readonly state: DeviceState
  readonly effects: readonly DeviceEffect[]
}

/** Reasons a device writes in statusDetails.reason; the dashboard and docs name them. */
export const FAILURE_REASONS = {
  downgradeRefused: 'downgrade-not-forced',
  wrongModel: 'wrong-model',
  invalidDocument: 'invalid-document',
  downloadFailed: 'download-failed',
  sizeMismatch: 'size-mismatch',
  checksumMismatch: 'checksum-mismatch',
  bootFailed: 'boot-failed-rolled-back',
  invalidConfiguration: 'invalid-configuration',
  uploadFailed: 'upload-failed',
} as const

export function initialDeviceState(options: {
  thingName: string
  model: string
  firmwareVersion: string
  configuration?: DeviceConfiguration
}): DeviceState {
  return {
    thingName: options.thingName,
    model: options.model,
    firmwareVersion: options.firmwareVersion,
    previousFirmwareVersion: undefined,
    configuration: options.configuration ?? {},
    isConnected: false,
    isRebooting: false,
    job: undefined,
  }
}

export const reportedStateOf = (state: DeviceState): ReportedState => ({
  firmware: { version: state.firmwareVersion, model: state.model },
  config: state.configuration,
})

const none = (state: DeviceState): Step => ({ state, effects: [] })

/**
 * Moves the device's own view of its execution, through the shared lifecycle
 * (STYLE.md, habit 4): a move the lifecycle forbids is never sent.
 */
function report(
  state: DeviceState,
  job: ActiveJob,
  status: JobExecutionStatus,
  statusDetails: StatusDetails,
  step: JobStep,
  extra: readonly DeviceEffect[] = [],
): Step {
  const move = transitionJobExecution(job.status, { to: status, actor: 'device' })
  if (!move.ok) {
    return {
      state: { ...state, job: undefined },
      effects: [{ kind: 'log', message: `${job.jobId}: ${move.message}` }],
    }
  }
  return {
    state: { ...state, job: { ...job, status, step } },
    effects: [
      ...extra,
      {
        kind: 'jobs',
        request: {
          kind: 'update',
          jobId: job.jobId,
          status,
          statusDetails: { ...statusDetails, ...job.kept },
        },
      },
    ],
  }
}

/** The statusDetails keys a device keeps in every report once it knows them. */
export const KEPT_DETAIL_KEYS = ['downloadMs', 'targetVersion', 'previousVersion'] as const

const keep = (job: ActiveJob, details: StatusDetails): ActiveJob => ({
  ...job,
  kept: { ...job.kept, ...details },
})

/** Integer milliseconds as text, as statusDetails values must be text. */
export const formatDownloadMs = (durationMs: number): string =>
  String(Math.max(0, Math.round(durationMs)))

const finish = (
  state: DeviceState,
  job: ActiveJob,
  status: 'SUCCEEDED' | 'FAILED' | 'REJECTED',
  statusDetails: StatusDetails,
  extra: readonly DeviceEffect[] = [],
): Step => report(state, job, status, statusDetails, 'finishing', extra)

/** The job's document, checked by the shared schema; whether this device takes it. */
function beginJob(state: DeviceState, execution: ExecutionView): Step {
  if (!isJobExecutionStatus(execution.status)) return none(state)
  const parsed = parseJobDocument(execution.jobDocument)
  if (!parsed.ok) {
    // A document the device cannot read is a policy refusal, not a retryable failure.
    const job: ActiveJob = {
      jobId: execution.jobId,
      status: execution.status,
      document: { operation: 'config-upload', url: 'http://invalid/' },
      step: 'finishing',
      kept: {},
    }
    return finish(state, job, 'REJECTED', {
      reason: FAILURE_REASONS.invalidDocument,
      message: (parsed.issues[0]?.message ?? 'invalid').slice(0, 1000),
    })
  }
  const job: ActiveJob = {
    jobId: execution.jobId,
    status: execution.status,
    document: parsed.value,
    step: 'downloading',
    kept: {},
  }
  switch (parsed.value.operation) {
    case 'install':
      return beginInstall(state, job, parsed.value)
    case 'config-download':
      return report(
        state,
        job,
        'IN_PROGRESS',
        { step: 'downloading', progress: '0' },
        'downloading',
        [{ kind: 'download', jobId: job.jobId, url: parsed.value.url, purpose: 'config' }],
      )
    case 'config-upload':
      return {
        state: { ...state, job: { ...job, step: 'uploading' } },
        effects: [
          {
            kind: 'upload',
            jobId: job.jobId,
            url: parsed.value.url,
            body: JSON.stringify(state.configuration),
          },
        ],
      }
  }
}

function beginInstall(state: DeviceState, started: ActiveJob, document: InstallDocument): Step {
  // Known from the start, so even a failed download says what it was for.
  const job = keep(started, {
    targetVersion: document.version,
    previousVersion: state.firmwareVersion,
  })
  if (document.model !== undefined && document.model !== state.model) {
    return finish(state, job, 'REJECTED', {
      reason: FAILURE_REASONS.wrongModel,
      message: `Firmware for ${document.model}; this device is ${state.model}.`,
    })
  }
  const change = classifyFirmwareChange(state.firmwareVersion, document.version)
  if (change.kind === 'downgrade' && !document.forced) {
    return finish(state, job, 'REJECTED', {
      reason: FAILURE_REASONS.downgradeRefused,
      message: `Running ${state.firmwareVersion}; ${document.version} is older and the job is not forced.`,
      runningVersion: state.firmwareVersion,
    })
  }
  return report(state, job, 'IN_PROGRESS', { step: 'downloading', progress: '0' }, 'downloading', [
    { kind: 'download', jobId: job.jobId, url: document.url, purpose: 'firmware' },
  ])
}

function onDownloaded(
  state: DeviceState,
  downloading: ActiveJob,
  event: Extract<DeviceEvent, { type: 'downloaded' }>,
): Step {
  // From here on every report of the execution carries the download time.
  const job = keep(downloading, { downloadMs: formatDownloadMs(event.durationMs) })
  const document = job.document
  if (document.operation === 'install') {
    if (event.size !== document.size) {
      return finish(state, job, 'FAILED', {
        reason: FAILURE_REASONS.sizeMismatch,
        message: `Expected ${document.size} bytes, got ${event.size}.`,
      })
    }
    if (event.sha256 !== document.sha256) {
      return finish(state, job, 'FAILED', {
        reason: FAILURE_REASONS.checksumMismatch,
        message: `Expected sha256 ${document.sha256}, got ${event.sha256}.`,
      })
    }
    // The image is written to the inactive slot and marked to try once; the
    // statusDetails are acknowledged before the reboot, so the device can
    // recognise its update after it (PRODUCT.md, "Device semantics").
    const installed: DeviceState = {
      ...state,
      firmwareVersion: document.version,
      previousFirmwareVersion: state.firmwareVersion,
    }
    return report(
      installed,
      job,
      'IN_PROGRESS',
      { step: 'rebooting', progress: '100' },
      'rebooting',
    )
  }
  if (document.operation === 'config-download')
    return applyConfiguration(state, job, document, event)
  return none(state)
}

function applyConfiguration(
  state: DeviceState,
  job: ActiveJob,
  document: ConfigDownloadDocument,
  event: Extract<DeviceEvent, { type: 'downloaded' }>,
): Step {
  if (event.sha256 !== document.sha256) {
    return finish(state, job, 'FAILED', {
      reason: FAILURE_REASONS.checksumMismatch,
      message: `Expected sha256 ${document.sha256}, got ${event.sha256}.`,
    })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(event.text)
  } catch {
    parsed = undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return finish(state, job, 'FAILED', {
      reason: FAILURE_REASONS.invalidConfiguration,
      message: 'The configuration is not a JSON object.',
    })
  }
  const applied: DeviceState = { ...state, configuration: parsed as DeviceConfiguration }
  return finish(applied, job, 'SUCCEEDED', { step: 'applied' }, [
    { kind: 'report', reported: reportedStateOf(applied) },
  ])
}

/** The kept keys among what the cloud holds (values the device wrote itself, so text). */
function keptFrom(details: Readonly<Record<string, unknown>>): StatusDetails {
  const kept: Record<string, string> = {}
  for (const key of KEPT_DETAIL_KEYS) {
    const value = details[key]
    if (typeof value === 'string' && value !== '') kept[key] = value
  }
  return kept
}

/**
 * After a reboot the device knows only its flash and what the cloud kept in
 * statusDetails: the target and previous versions and the download time
 * come back from there, so the final report still carries them.
 */
function resumeAfterReboot(state: DeviceState, execution: ExecutionView): Step {
  const details = execution.statusDetails ?? {}
  const target = details['targetVersion']
  if (details['step'] !== 'rebooting' || typeof target !== 'string') {
    // Interrupted before the image was written: start the job over.
    return beginJob(state, { ...execution, status: 'IN_PROGRESS' })
  }
  const isRunningTarget = state.firmwareVersion === target
  // After a failed boot the bootloader runs the previous image, so flash still knows it.
  const previous = isRunningTarget ? state.previousFirmwareVersion : state.firmwareVersion
  const job: ActiveJob = {
    jobId: execution.jobId,
    status: 'IN_PROGRESS',
    document: { operation: 'config-upload', url: 'http://resumed/' },
    step: 'finishing',
    kept: {
      ...(previous === undefined ? {} : { previousVersion: previous }),
      ...keptFrom(details),
    },
  }
  if (isRunningTarget) {
    return finish(state, { ...job, bootedVersion: target }, 'SUCCEEDED', {
      step: 'rebooted',
      runningVersion: target,
    })
  }
  return finish(state, job, 'FAILED', {
    reason: FAILURE_REASONS.bootFailed,
    message: `${target} did not boot; the bootloader went back to ${state.firmwareVersion}.`,
    runningVersion: state.firmwareVersion,
  })
}

export function stepDevice(state: DeviceState, event: DeviceEvent): Step {
  const job = state.job
  const isCurrent = (jobId: string) => job !== undefined && job.jobId === jobId
  switch (event.type) {
    case 'connected':
      // Report what runs, then ask for work: an in-progress execution first
      // (the device may be back from a reboot), else the next queued one.
      return {
        state: { ...state, isConnected: true, isRebooting: false },
        effects: [
          { kind: 'report', reported: reportedStateOf(state) },
          { kind: 'jobs', request: { kind: 'get-pending' } },
        ],
      }
    case 'disconnected':
      return none({ ...state, isConnected: false })
    case 'notified':
      if (event.execution === undefined || job !== undefined || state.isRebooting)
        return none(state)
      return { state, effects: [{ kind: 'jobs', request: { kind: 'start-next' } }] }
    case 'pending': {
      const inProgress = event.inProgressJobs[0]
      if (inProgress !== undefined) {
        if (isCurrent(inProgress.jobId)) return none(state)
        return {
          state,
          effects: [{ kind: 'jobs', request: { kind: 'describe', jobId: inProgress.jobId } }],
        }
      }
      if (event.queuedJobs.length > 0 && job === undefined)
        return { state, effects: [{ kind: 'jobs', request: { kind: 'start-next' } }] }
      return none(state)
    }
    case 'described':
      if (event.execution === undefined || job !== undefined) return none(state)
      if (event.execution.status !== 'IN_PROGRESS') return none(state)
      return resumeAfterReboot(state, event.execution)
    case 'started':
      if (event.execution === undefined || job !== undefined) return none(state)
      if (event.execution.status === 'IN_PROGRESS' && event.execution.statusDetails?.['step'])
        return resumeAfterReboot(state, event.execution)
      return beginJob(state, event.execution)
    case 'download-progress':
      if (!isCurrent(event.jobId) || job === undefined) return none(state)
      return report(
        state,
        job,
        'IN_PROGRESS',
        { step: 'downloading', progress: String(Math.round(event.percent)) },
        job.step,
      )
    case 'downloaded':
      if (!isCurrent(event.jobId) || job === undefined) return none(state)
      return onDownloaded(state, job, event)
    case 'download-failed': {
      if (!isCurrent(event.jobId) || job === undefined) return none(state)
      const failed =
        event.durationMs === undefined
          ? job
          : keep(job, { downloadMs: formatDownloadMs(event.durationMs) })
      return finish(state, failed, 'FAILED', {
        reason: FAILURE_REASONS.downloadFailed,
        message: event.reason.slice(0, 1000),
      })
    }
    case 'uploaded':
      if (!isCurrent(event.jobId) || job === undefined) return none(state)
      return finish(state, job, 'SUCCEEDED', { step: 'uploaded' })
    case 'upload-failed':
      if (!isCurrent(event.jobId) || job === undefined) return none(state)
      return finish(state, job, 'FAILED', {
        reason: FAILURE_REASONS.uploadFailed,
        message: event.reason.slice(0, 1000),
      })
    case 'updated':
      if (!isCurrent(event.jobId) || job === undefined) return none(state)
      if (isTerminalJobExecutionStatus(event.status)) {
        // Done: ask for the next job rather than wait for notify-next, which
        // may have arrived while this one was still running.
        const confirmed: DeviceEffect[] =
          event.status === 'SUCCEEDED' && job.bootedVersion !== undefined
            ? [{ kind: 'image-confirmed', version: job.bootedVersion }]
            : []
        return {
          state: { ...state, job: undefined },
          effects: [...confirmed, { kind: 'jobs', request: { kind: 'start-next' } }],
        }
      }
      if (job.step === 'rebooting') {
        return {
          state: { ...state, job: undefined, isRebooting: true },
          effects: [{ kind: 'reboot' }],
        }
      }
      return none(state)
    case 'update-refused':
      // Canceled or removed under the device's feet, or a stale view: drop the
      // job and look again.
      if (!isCurrent(event.jobId)) return none(state)
      return {
        state: { ...state, job: undefined },
        effects: [
          { kind: 'log', message: `${event.jobId}: update refused (${event.code})` },
          { kind: 'jobs', request: { kind: 'get-pending' } },
        ],
      }
    case 'rebooted': {
      // A failed boot: the bootloader runs the previous image again.
      const rolledBack =
        event.isBootOk || state.previousFirmwareVersion === undefined
          ? state
          : {
              ...state,
              firmwareVersion: state.previousFirmwareVersion,
              previousFirmwareVersion: undefined,
            }
      return none({ ...rolledBack, job: undefined, isConnected: false, isRebooting: true })
    }
    case 'watchdog-fired': {
      // Only the image the watchdog was armed for; a later install or revert disarms it.
      const previous = state.previousFirmwareVersion
      if (state.isRebooting || state.firmwareVersion !== event.version || previous === undefined)
        return none(state)
      // RAM (any job under way) is lost; the execution that installed this
      // image already SUCCEEDED and stays so: only the shadow tells.
      return {
        state: {
          ...state,
          firmwareVersion: previous,
          previousFirmwareVersion: undefined,
          job: undefined,
          isRebooting: true,
        },
        effects: [
          {
            kind: 'log',
            message: `watchdog reset while running ${event.version}; back to ${previous}`,
          },
          { kind: 'reboot' },
        ],
      }
    }
  }
}
